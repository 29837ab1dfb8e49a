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

/**
 * Cuts text to at most `max` characters at a word boundary, never mid-word,
 * and without a dangling comma or "and" at the end.
 */
export function clampText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const window = clean.slice(0, max + 1);
  const space = window.lastIndexOf(" ");
  // One enormous "word" leaves no boundary to cut at.
  let cut = space > 0 ? window.slice(0, space) : clean.slice(0, max);
  for (;;) {
    const trimmed = cut.replace(/[\s,;:(–—-]+$/, "").replace(/\s+(and|or|with|in|on|at|a|an|the|of|to|but|her|his|their|my|our)$/i, "");
    if (trimmed === cut) break;
    cut = trimmed;
  }
  return cut || clean.slice(0, max);
}

const MAX_LOVES = 6;

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== "string") return undefined;
  const clamped = clampText(value, max);
  return clamped.length > 0 ? clamped : undefined;
}

function nearestPageCount(value: unknown): BookBrief["pageCount"] {
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isFinite(number)) return undefined;
  return PAGE_COUNTS.reduce((best, count) => (Math.abs(count - number) < Math.abs(best - number) ? count : best), PAGE_COUNTS[0]);
}

/**
 * Coerces anything brief-shaped into a valid brief: over-long text is cut at
 * a word boundary, lists are capped, out-of-range numbers are brought into
 * range and unknown values are dropped. A parent's long answer or a model's
 * enthusiasm must never stop the conversation.
 */
export function normaliseBrief(input: unknown): BookBrief {
  // Belt and braces: cleanBrief already satisfies the schema.
  return BookBriefSchema.parse(cleanBrief(input));
}

function cleanBrief(input: unknown): BookBrief {
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const brief: BookBrief = {};
  const heroName = text(raw.heroName, 40);
  if (heroName) brief.heroName = heroName;
  const age = typeof raw.heroAge === "string" ? Number(raw.heroAge) : raw.heroAge;
  if (typeof age === "number" && Number.isFinite(age)) brief.heroAge = Math.min(12, Math.max(1, Math.round(age)));
  if (raw.pronoun === "she" || raw.pronoun === "he" || raw.pronoun === "they") brief.pronoun = raw.pronoun;
  if (raw.looks && typeof raw.looks === "object") {
    const looks = raw.looks as Record<string, unknown>;
    const clean: NonNullable<BookBrief["looks"]> = {};
    const hair = text(looks.hair, 80);
    const skin = text(looks.skin, 40);
    const eyes = text(looks.eyes, 40);
    const clothes = text(looks.clothes, 80);
    const description = text(looks.description, 300);
    if (hair) clean.hair = hair;
    if (skin) clean.skin = skin;
    if (eyes) clean.eyes = eyes;
    if (clothes) clean.clothes = clothes;
    if (typeof looks.glasses === "boolean") clean.glasses = looks.glasses;
    if (description) clean.description = description;
    brief.looks = clean;
  }
  if (Array.isArray(raw.loves)) {
    const loves = raw.loves.map((love) => text(love, 60)).filter((love): love is string => Boolean(love));
    brief.loves = [...new Map(loves.map((love) => [love.toLowerCase(), love])).values()].slice(0, MAX_LOVES);
  }
  const setting = text(raw.setting, 100);
  if (setting) brief.setting = setting;
  if (raw.companion === null) brief.companion = null;
  else if (raw.companion && typeof raw.companion === "object") {
    const companion = raw.companion as Record<string, unknown>;
    const name = text(companion.name, 40);
    const kind = text(companion.kind, 60) ?? (name ? "friend" : undefined);
    if (kind) brief.companion = name ? { kind, name } : { kind };
  }
  const lesson = text(raw.lesson, 120);
  if (lesson) brief.lesson = lesson;
  if ((TONES as readonly unknown[]).includes(raw.tone)) brief.tone = raw.tone as BookBrief["tone"];
  if ((ART_STYLES as readonly unknown[]).includes(raw.artStyle)) brief.artStyle = raw.artStyle as BookBrief["artStyle"];
  const pageCount = nearestPageCount(raw.pageCount);
  if (pageCount) brief.pageCount = pageCount;
  if (typeof raw.dedication === "string") brief.dedication = clampText(raw.dedication, 200);
  return brief;
}

/**
 * Merges an interpretation into the brief; later answers win, lists
 * accumulate (newly named loves are kept even when the list is full).
 * Never throws: the result is clamped to the schema.
 */
export function mergeBrief(brief: BookBrief, patch: BookBrief): BookBrief {
  const base = cleanBrief(brief);
  const update = cleanBrief(patch);
  const merged: BookBrief = { ...base };
  for (const key of Object.keys(update) as (keyof BookBrief)[]) {
    if (key === "loves") {
      const fresh = (update.loves ?? []).filter((love) => !(base.loves ?? []).some((old) => old.toLowerCase() === love.toLowerCase()));
      const kept = (base.loves ?? []).slice(0, Math.max(0, MAX_LOVES - fresh.length));
      merged.loves = [...kept, ...fresh].slice(0, MAX_LOVES);
    } else if (key === "looks") {
      merged.looks = { ...base.looks, ...update.looks };
    } else if (key === "companion") {
      const before = base.companion;
      const after = update.companion;
      // "her cat" mentioned again without the name keeps the name.
      merged.companion = after && before && !after.name && before.name && after.kind === before.kind ? before : after;
    } else {
      (merged as Record<string, unknown>)[key] = update[key];
    }
  }
  return normaliseBrief(merged);
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
  /**
   * The storyteller's own notes on how it built this plot (e.g. the offline
   * storyteller's choices), so a revision changes what was asked and keeps the rest.
   */
  recipe: z.record(z.string(), z.unknown()).optional(),
});
export type Plot = z.infer<typeof PlotSchema>;

/**
 * Coerces a plot-shaped value into a valid plot: text clamped at word
 * boundaries, pages renumbered 1..n and capped at 16. Throws only when there
 * is no usable title or page at all.
 */
export function normalisePlot(input: unknown): Plot {
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const pages = (Array.isArray(raw.pages) ? raw.pages : [])
    .map((page) => text(page && typeof page === "object" ? (page as Record<string, unknown>).beat : undefined, 600))
    .filter((beat): beat is string => Boolean(beat))
    .slice(0, 16)
    .map((beat, index) => ({ number: index + 1, beat }));
  const title = text(raw.title, 120);
  const premise = text(raw.premise, 400) ?? text(pages[0]?.beat, 400);
  const summary = text(raw.summary, 300);
  const recipe = raw.recipe && typeof raw.recipe === "object" && !Array.isArray(raw.recipe) ? (raw.recipe as Record<string, unknown>) : undefined;
  return PlotSchema.parse({ title, premise, pages, ...(summary ? { summary } : {}), ...(recipe ? { recipe } : {}) });
}
