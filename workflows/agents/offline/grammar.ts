/** Small English helpers so templates read naturally whatever the parent typed. */

export function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function joinList(items: readonly string[], conjunction = "and") {
  const list = items.filter(Boolean);
  if (list.length <= 1) return list.join("");
  return `${list.slice(0, -1).join(", ")} ${conjunction} ${list.at(-1)}`;
}

/** Nouns that are plural (or uncountable) even without a final "s" rule: no "a" in front. */
const NO_ARTICLE_NOUNS = new Set([
  "hair", "dungarees", "overalls", "trousers", "jeans", "shorts", "pyjamas", "pajamas", "leggings", "wellies", "wellingtons",
  "boots", "trainers", "sneakers", "shoes", "glasses", "tights", "sandals", "socks", "mittens", "gloves", "clothes",
  "curls", "locs", "dreadlocks", "braids", "plaits", "pigtails", "bunches", "cornrows", "freckles", "afro puffs", "bangs",
]);

const DETERMINER = /^(a|an|the|her|his|their|my|our|your|some|two|three|four|one|lots of|no|this|that|these|those|every|each)\s/i;

export function startsWithDeterminer(phrase: string) {
  return DETERMINER.test(phrase) || /^[\p{Lu}][\p{L}'-]*'s\s/u.test(phrase);
}

/** True for a noun phrase that takes no "a": plural or uncountable. */
export function isPluralPhrase(phrase: string) {
  const head = phrase.trim().toLowerCase().split(/\s+/).at(-1) ?? "";
  if (NO_ARTICLE_NOUNS.has(head)) return true;
  return /[^s]s$/.test(head) && !/(us|is|ss)$/.test(head);
}

/** "a" or "an" by sound, near enough for children's-book nouns. */
export function indefinite(phrase: string) {
  const lower = phrase.toLowerCase();
  if (/^(uni|use|eu|one|once|ufo)/.test(lower)) return "a";
  if (/^(hour|honest|heir)/.test(lower)) return "an";
  return /^[aeiou]/.test(lower) ? "an" : "a";
}

/** Adds "a"/"an" to a singular countable noun phrase that has no determiner. */
export function withArticle(phrase: string) {
  const clean = phrase.trim();
  if (!clean || startsWithDeterminer(clean) || isPluralPhrase(clean) || /^[\p{Lu}]/u.test(clean.split(" ")[0] ?? "") && !/[-\s]/.test(clean)) return clean;
  return `${indefinite(clean)} ${clean}`;
}

/** "Maya's", "James's". */
export function possessive(name: string) {
  return `${name}'s`;
}

/** Pronouns and agreement for the hero. */
export interface Pronouns {
  they: string;
  them: string;
  their: string;
  themselves: string;
  plural: boolean;
}

export function pronounsFor(pronoun: "she" | "he" | "they" | undefined): Pronouns {
  if (pronoun === "she") return { they: "she", them: "her", their: "her", themselves: "herself", plural: false };
  if (pronoun === "he") return { they: "he", them: "him", their: "his", themselves: "himself", plural: false };
  return { they: "they", them: "them", their: "their", themselves: "themselves", plural: true };
}

/** The plural form of a third-person verb: "loves" → "love", "tries" → "try", "is" → "are". */
export function pluralVerb(verb: string) {
  const irregular: Record<string, string> = { is: "are", has: "have", was: "were", does: "do", goes: "go", "doesn't": "don't", "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't" };
  if (irregular[verb]) return irregular[verb] as string;
  if (/[^aeiou]ies$/.test(verb)) return verb.replace(/ies$/, "y");
  if (/(ch|sh|ss|x|o)es$/.test(verb)) return verb.replace(/es$/, "");
  return verb.replace(/s$/, "");
}

/** A verb agreeing with the hero's pronoun (used after the pronoun: "she loves", "they love"). */
export function agree(pronouns: Pronouns, verb: string) {
  return pronouns.plural ? pluralVerb(verb) : verb;
}

/** Sentence-case and end punctuation for a fragment. */
export function sentence(text: string) {
  const trimmed = text.trim();
  if (!trimmed) return "";
  const ended = /[.!?…”"]$/.test(trimmed) ? trimmed : `${trimmed}.`;
  return capitalise(ended);
}

export function titleCase(text: string) {
  const small = new Set(["a", "an", "the", "and", "of", "in", "on", "to", "at", "under", "near", "by", "for", "with"]);
  return text
    .split(" ")
    .map((word, index) => (index > 0 && small.has(word.toLowerCase()) ? word.toLowerCase() : capitalise(word)))
    .join(" ");
}
