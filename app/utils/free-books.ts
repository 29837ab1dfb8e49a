const WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** "three free books", "one free book": how the welcome offer reads. */
export function freeBooksPhrase(credits: number): string {
  const count = WORDS[credits] ?? String(credits);
  return `${count} free book${credits === 1 ? "" : "s"}`;
}
