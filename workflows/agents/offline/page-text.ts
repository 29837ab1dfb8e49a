import type { BookBrief, Plot } from "../../brief";
import { sentencesOf } from "./plot";
import { pick } from "./seeded";

/** Read-aloud refrains, by tone: the little line children wait for. */
const REFRAINS: Record<NonNullable<BookBrief["tone"]>, string[]> = {
  funny: ["What a giggle!", "Oh, what a muddle!", "Hee hee!", "Well, that was silly!"],
  adventurous: ["Onwards!", "What would happen next?", "Adventure was calling.", "Hearts thumping, on they went."],
  cosy: ["All warm and snug.", "Everything felt just right.", "Soft and slow and safe.", "Cosy as a cuddle."],
  gentle: ["And the world felt kind.", "Quiet, and lovely.", "Just so.", "Soft as a whisper."],
};

/**
 * The words for one page. Little ones (under 4) get the beat's first
 * sentence; older children get the whole beat, and from 5 a refrain on
 * some pages to read aloud.
 */
export function offlinePageText(bookId: string, brief: BookBrief, plot: Plot, pageNumber: number): string {
  const beat = plot.pages.find((page) => page.number === pageNumber)?.beat ?? "";
  const age = brief.heroAge ?? 5;
  if (age < 4) {
    // Little ones get the first sentence (or two, if the first is very short).
    const sentences = sentencesOf(beat);
    const first = sentences[0] ?? beat;
    return first.length > 20 || sentences.length < 2 ? first : `${first} ${sentences[1]}`;
  }
  const refrain = pick(REFRAINS[brief.tone ?? "gentle"], bookId, pageNumber, "refrain");
  const withRefrain = age >= 5 && pageNumber % 3 === 2 && pageNumber !== plot.pages.length;
  return withRefrain ? `${beat} ${refrain}` : beat;
}
