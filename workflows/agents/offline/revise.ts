import { mergeBrief, type BookBrief, type Plot } from "../../brief";
import { INTERESTS } from "./vocabulary";
import { offlinePlot } from "./plot";

const SCARY_WORDS: [RegExp, string][] = [
  [/\bgrumpy\b/gi, "shy"],
  [/\bgrowling\b/gi, "humming"],
  [/\bgrowl\b/gi, "hum"],
  [/\bdark, rumbling\b/gi, "twinkly"],
  [/\bdark\b/gi, "dim"],
  [/\bscary\b/gi, "surprising"],
  [/\bwobble\b/gi, "tingle"],
];

/**
 * Applies a parent's request to the plot. Understood requests (friendlier,
 * funnier, shorter, longer, more about something, a new title or companion
 * name) are applied precisely; anything else gets a fresh telling that keeps
 * every detail of the brief. The summary says what changed.
 */
export function offlineRevise(bookId: string, brief: BookBrief, plot: Plot, feedback: string, version: number): { plot: Plot; brief: BookBrief } {
  const lower = feedback.toLowerCase();
  const changes: string[] = [];
  let nextBrief = brief;

  if (/\b(funn(y|ier)|sill(y|ier)|jokes?|laugh)/.test(lower)) {
    nextBrief = mergeBrief(nextBrief, { tone: "funny" });
    changes.push("made it funnier");
  } else if (/\b(exciting|adventur)/.test(lower)) {
    nextBrief = mergeBrief(nextBrief, { tone: "adventurous" });
    changes.push("added more adventure");
  } else if (/\b(calm(er)?|gentler|softer|quieter|bedtime)\b/.test(lower)) {
    nextBrief = mergeBrief(nextBrief, { tone: "cosy" });
    changes.push("made it calmer and cosier");
  }
  if (/\b(shorter|fewer pages|too long)\b/.test(lower) && (nextBrief.pageCount ?? 12) > 8) {
    nextBrief = mergeBrief(nextBrief, { pageCount: nextBrief.pageCount === 16 ? 12 : 8 });
    changes.push(`shortened it to ${nextBrief.pageCount} pages`);
  } else if (/\b(longer|more pages|too short)\b/.test(lower) && (nextBrief.pageCount ?? 12) < 16) {
    nextBrief = mergeBrief(nextBrief, { pageCount: nextBrief.pageCount === 8 ? 12 : 16 });
    changes.push(`made it ${nextBrief.pageCount} pages long`);
  }
  const companionName = feedback.match(/\b(?:call|name)\s+(?:the\s+|her\s+|his\s+|their\s+)?\w+\s+([A-Z][\p{L}'-]{1,20})/u)?.[1];
  if (companionName && nextBrief.companion) {
    nextBrief = mergeBrief(nextBrief, { companion: { ...nextBrief.companion, name: companionName } });
    changes.push(`named the ${nextBrief.companion?.kind} ${companionName}`);
  }
  // Only clauses that ask for more of something add it ("add more dinosaurs",
  // not "make the dragon friendlier").
  const added = lower
    .split(/,|;|\band\b|\bbut\b/)
    .filter((clause) => /\b(more|add|include|put in|about)\b/.test(clause))
    .flatMap((clause) => clause.split(/[^a-z]+/).map((word) => INTERESTS[word]))
    .filter((interest): interest is string => Boolean(interest) && !(nextBrief.loves ?? []).includes(interest as string));
  if (added.length) {
    nextBrief = mergeBrief(nextBrief, { loves: added });
    changes.push(`added ${[...new Set(added)].join(" and ")}`);
  }

  let next = offlinePlot(bookId, nextBrief, version);

  const friendlier = lower.match(/\b(?:make\s+)?(?:the\s+)?(\w+)?\s*(?:friendlier|kinder|less scary|nicer|not scary|cuter)\b/);
  if (friendlier || /\b(too scary|less scary|not scary|friendlier)\b/.test(lower)) {
    const subject = friendlier?.[1] && !["it", "make", "story", "book"].includes(friendlier[1]) ? friendlier[1] : null;
    next = {
      ...next,
      pages: next.pages.map((page) => {
        let beat = page.beat;
        for (const [pattern, replacement] of SCARY_WORDS) beat = beat.replace(pattern, replacement);
        if (subject) beat = beat.replace(new RegExp(`\\b(a|the)\\s+(${subject})\\b`, "i"), (_m, article: string, noun: string) => `${article} friendly ${noun}`);
        return { ...page, beat };
      }),
    };
    if (subject && !next.pages.some((page) => page.beat.toLowerCase().includes(subject))) {
      const index = Math.min(next.pages.length - 3, Math.max(1, Math.floor(next.pages.length / 2)));
      const page = next.pages[index];
      if (page) page.beat = `${page.beat} A friendly ${subject} waves hello and offers to help.`.slice(0, 600);
    }
    changes.push(subject ? `made the ${subject} friendlier` : "made it gentler");
  }

  const title = feedback.match(/\b(?:call it|title it|title should be|rename it(?: to)?)\s+[“"]?([^“”"]{2,80}?)[”"]?\s*[.!]?$/i)?.[1];
  if (title) {
    next = { ...next, title: title.trim() };
    changes.push(`retitled it “${title.trim()}”`);
  }

  if (changes.length === 0) changes.push("reworked the story with your note in mind, keeping every detail you gave me");
  return { plot: { ...next, summary: `I ${joinChanges(changes)}.` }, brief: nextBrief };
}

function joinChanges(changes: string[]) {
  if (changes.length <= 1) return changes.join("");
  return `${changes.slice(0, -1).join(", ")} and ${changes.at(-1)}`;
}
