import { z } from "zod";

/**
 * What Bookbug knows about the book it is designing. Every field is optional
 * until the interview fills it; `dedication: ""` means "asked, none wanted".
 */
export const ART_STYLES = ["watercolour", "crayon", "paper collage", "storybook ink"] as const;
export const TONES = ["gentle", "funny", "adventurous", "cosy"] as const;
export const PAGE_COUNTS = [8, 12, 16] as const;

export const HeroLooksSchema = z.object({
  hair: z.string().max(80).optional(),
  skin: z.string().max(40).optional(),
  eyes: z.string().max(40).optional(),
  clothes: z.string().max(80).optional(),
  glasses: z.boolean().optional(),
  /** The parent's own words, kept so nothing they said is lost. */
  description: z.string().max(300).optional(),
});

export const CompanionSchema = z.object({
  kind: z.string().min(1).max(60),
  name: z.string().max(40).optional(),
});

export const BookBriefSchema = z.object({
  heroName: z.string().min(1).max(40).optional(),
  heroAge: z.number().int().min(1).max(12).optional(),
  pronoun: z.enum(["she", "he", "they"]).optional(),
  looks: HeroLooksSchema.optional(),
  loves: z.array(z.string().min(1).max(60)).max(6).optional(),
  setting: z.string().min(1).max(100).optional(),
  companion: CompanionSchema.nullable().optional(),
  lesson: z.string().min(1).max(120).optional(),
  tone: z.enum(TONES).optional(),
  artStyle: z.enum(ART_STYLES).optional(),
  pageCount: z.union([z.literal(8), z.literal(12), z.literal(16)]).optional(),
  dedication: z.string().max(200).optional(),
});
export type BookBrief = z.infer<typeof BookBriefSchema>;

/** The interview topics, in the order Bookbug asks about them. */
export const BRIEF_TOPICS = [
  "heroName",
  "heroAge",
  "looks",
  "loves",
  "setting",
  "companion",
  "lesson",
  "tone",
  "artStyle",
  "pageCount",
  "dedication",
] as const;
export type BriefTopic = (typeof BRIEF_TOPICS)[number];

export function isTopicAnswered(brief: BookBrief, topic: BriefTopic): boolean {
  switch (topic) {
    case "loves":
      return (brief.loves?.length ?? 0) > 0;
    case "companion":
      // null is a real answer: "no companion, just our hero".
      return brief.companion !== undefined;
    case "dedication":
      return brief.dedication !== undefined;
    default:
      return brief[topic] !== undefined;
  }
}

export function missingTopics(brief: BookBrief): BriefTopic[] {
  return BRIEF_TOPICS.filter((topic) => !isTopicAnswered(brief, topic));
}

export function isBriefComplete(brief: BookBrief): boolean {
  return missingTopics(brief).length === 0;
}

/** Merges an interpretation into the brief; later answers win, lists accumulate. */
export function mergeBrief(brief: BookBrief, patch: BookBrief): BookBrief {
  const merged: BookBrief = { ...brief };
  for (const [key, value] of Object.entries(patch) as [keyof BookBrief, unknown][]) {
    if (value === undefined) continue;
    if (key === "loves" && Array.isArray(value)) {
      const all = [...(brief.loves ?? []), ...(value as string[])];
      merged.loves = [...new Map(all.map((item) => [item.toLowerCase(), item])).values()].slice(0, 6);
    } else if (key === "looks" && value && typeof value === "object") {
      merged.looks = { ...brief.looks, ...(value as BookBrief["looks"]) };
    } else {
      (merged as Record<string, unknown>)[key] = value;
    }
  }
  return BookBriefSchema.parse(merged);
}

export const PlotSchema = z.object({
  title: z.string().min(1).max(120),
  premise: z.string().min(1).max(400),
  pages: z
    .array(z.object({ number: z.number().int().min(1), beat: z.string().min(1).max(600) }))
    .min(1)
    .max(16),
  /** For a revision: what changed, in a sentence the parent will read. */
  summary: z.string().max(300).optional(),
});
export type Plot = z.infer<typeof PlotSchema>;
