import type { BookBrief } from "../../brief";
import { clampText } from "../../brief";
import { isPluralPhrase, joinList, withArticle } from "./grammar";
import { CLOTHES, COLOURS, FEATURES, HAIR_COLOURS, HAIR_NOUNS, HAIR_SHAPES, HAIR_STYLES, SKIN_TONES } from "./vocabulary";

type Looks = NonNullable<BookBrief["looks"]>;

/** Words the illustrator knows, for colours parents describe loosely. */
const HAIR_COLOUR_WORDS: Record<string, string> = {
  dark: "dark brown", fair: "blonde", blond: "blonde", sandy: "sandy blonde", mousy: "mousy brown", caramel: "caramel brown",
  chestnut: "chestnut brown", copper: "coppery red", silver: "silvery grey", gray: "grey", "jet black": "jet black",
};
const SKIN_WORDS: Record<string, string> = { black: "dark brown", white: "fair", tanned: "tan", peachy: "fair", pink: "fair", rosy: "fair", beige: "light" };
const EYE_COLOURS = ["dark brown", "light brown", "blue", "green", "brown", "hazel", "grey", "gray", "amber", "black", "dark"];

/** Words that may describe a garment: "a Spider-Man t-shirt", "her favourite dinosaur jumper". */
const GARMENT_WORDS = new Set([
  ...COLOURS,
  "dinosaur", "unicorn", "star", "stars", "heart", "hearts", "flower", "flowers", "rainbow", "superhero", "football", "space", "rocket", "rockets",
  "cat", "dog", "animal", "fairy", "princess", "stripy", "woolly", "puffy", "denim", "leather", "wool", "cotton", "sequin", "sequinned", "frilly",
  "floaty", "warm", "cosy", "comfy", "new", "old", "muddy", "lucky", "party", "school", "swimming", "rain", "bobble", "sun", "shark", "train",
  "digger", "tractor", "pirate", "astronaut", "mermaid", "butterfly", "ladybird", "bumblebee", "tiger", "lion", "bunny", "fox", "owl", "frog",
  "glitter", "spotted", "patterned", "patchwork", "ballet", "fancy", "twirly", "spinny", "light-up", "flashing", "velvet", "fleece", "hooded",
]);
/** Short garment words that are also everyday words: only a garment with a describing word or "a"/"her" in front. */
const AMBIGUOUS_GARMENTS = new Set(["top", "bow", "cap", "vest", "crown", "costume", "tee", "hat", "shirt"]);

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
const byLength = (list: readonly string[]) => [...list].sort((a, b) => b.length - a.length);
const HAIR_COLOUR_PATTERN = byLength(HAIR_COLOURS).map(escape).join("|");
const HAIR_NOUN_PATTERN = byLength(HAIR_NOUNS).map(escape).join("|");

function hairColourWord(colour: string) {
  return HAIR_COLOUR_WORDS[colour] ?? colour;
}

/**
 * Hair from the words right next to it: "long brown hair and a purple dress"
 * is brown-haired, whatever colour the dress is.
 */
function findHair(lower: string): string | undefined {
  const nounMatch = lower.match(new RegExp(`\\b(${HAIR_NOUN_PATTERN})\\b`));
  const colours: string[] = [];
  const styles: string[] = [];
  let noun = "hair";
  if (nounMatch?.[1] && nounMatch.index !== undefined) {
    noun = nounMatch[1] === "dreads" ? "locs" : nounMatch[1];
    // The describing words directly before the noun ("long, wavy golden blonde").
    const before = lower.slice(0, nounMatch.index);
    const run = before.match(/((?:[a-z-]+(?:\s*,\s*|\s+))*)$/)?.[1] ?? "";
    const words = run.split(/[\s,]+/).filter(Boolean);
    let i = words.length - 1;
    const runWords: string[] = [];
    while (i >= 0) {
      const word = words[i] as string;
      const pair = i > 0 ? `${words[i - 1]} ${word}` : "";
      if (pair && HAIR_COLOURS.includes(pair)) {
        runWords.unshift(pair);
        i -= 2;
        continue;
      }
      if (HAIR_COLOURS.includes(word) || HAIR_STYLES.includes(word) || /^(very|really|super|quite|and|bright|light)$/.test(word)) {
        runWords.unshift(word);
        i -= 1;
        continue;
      }
      break;
    }
    for (const word of runWords) {
      if (HAIR_COLOURS.includes(word) && !colours.length) colours.push(hairColourWord(word));
      else if (HAIR_STYLES.includes(word) && !styles.includes(word)) styles.push(word);
    }
    // "her hair is brown and curly".
    const after = lower.slice(nounMatch.index + nounMatch[1].length).match(/^\s+(?:is|are)\s+(?:(?:very|really|quite|super)\s+)?([a-z -]+?)(?:[.,;!]|\band (?:she|he|they)\b|\bwith\b|$)/)?.[1];
    if (after) {
      for (const word of after.split(/\s+|\band\b/).filter(Boolean)) {
        if (HAIR_COLOURS.includes(word) && !colours.length) colours.push(hairColourWord(word));
        else if (HAIR_STYLES.includes(word) && !styles.includes(word)) styles.push(word);
      }
    }
  }
  const haired = lower.match(/\b([a-z]+)-haired\b/)?.[1];
  if (haired) {
    if (HAIR_COLOURS.includes(haired) && !colours.length) colours.push(hairColourWord(haired));
    else if (HAIR_STYLES.includes(haired) && !styles.includes(haired)) styles.push(haired);
  }
  if (!colours.length) {
    // "she's blonde", "a redhead", "ginger".
    const loose = lower.match(new RegExp(`\\b(?:is|she's|he's|they're|are|with)\\s+(?:a\\s+)?(?:very\\s+)?(${HAIR_COLOUR_PATTERN})\\b(?!\\s+(?:eyes|skin|dress|coat|t-shirt|top|jumper|hoodie|wellies|boots|dungarees|raincoat|shoes|trainers|hat))`));
    const word = loose?.[1];
    if (word && !/^(black|brown|white|dark|fair|golden|pink|blue|purple|green)$/.test(word)) colours.push(hairColourWord(word));
    else if (/\bredhead\b/.test(lower)) colours.push("red");
    else if (/(?:^|,\s*)(?:she's |he's |they're )?(blonde|blond|ginger|auburn|strawberry blonde)(?=\s*(?:,|$|\band\b|\bwith\b))/.test(lower)) {
      colours.push(hairColourWord(lower.match(/(?:^|,\s*)(?:she's |he's |they're )?(blonde|blond|ginger|auburn|strawberry blonde)/)?.[1] ?? "blonde"));
    }
    else if (/\bbrunette\b/.test(lower)) colours.push("brown");
  }
  const shapes = HAIR_SHAPES.filter((shape) => shape !== noun && new RegExp(`\\b${escape(shape)}\\b`).test(lower))
    .filter((shape, index, all) => !all.some((other, j) => j !== index && other.length > shape.length && other.includes(shape)))
    .slice(0, 2);
  if (!nounMatch && !colours.length && !haired) return undefined;
  const describing = [styles.slice(0, 2).join(", "), colours[0]].filter(Boolean).join(" ");
  const core = `${describing ? `${describing} ` : ""}${noun}`;
  const extra = shapes.length && noun === "hair" ? ` in ${joinList(shapes.map((shape) => (/^(ponytail|bun|bob|fringe)$/.test(shape) ? `a ${shape}` : shape)))}` : "";
  const hair = `${core}${extra}`.replace(/\bin a a\b/, "in a");
  if (hair === "hair") return undefined;
  return clampText(hair, 80);
}

function findSkin(lower: string): string | undefined {
  const tones = byLength(SKIN_TONES).map(escape).join("|");
  const match =
    lower.match(new RegExp(`\\b(${tones})(?:[\\s-]+)(?:skin|skinned|complexion)\\b`)) ??
    lower.match(new RegExp(`\\bskin\\s+(?:is|that's|that is)\\s+(?:a\\s+)?(?:lovely\\s+|beautiful\\s+)?(${tones})\\b`));
  const tone = match?.[1];
  return tone ? (SKIN_WORDS[tone] ?? tone) : undefined;
}

function findEyes(lower: string): string | undefined {
  const colours = EYE_COLOURS.map(escape).join("|");
  const match =
    lower.match(new RegExp(`\\b(${colours})[\\s-]+eyes\\b`)) ??
    lower.match(new RegExp(`\\b(${colours})-eyed\\b`)) ??
    lower.match(new RegExp(`\\beyes\\s+(?:are|that are)\\s+(?:(?:big|bright|sparkly)\\s+)?(${colours})\\b`));
  const colour = match?.[1];
  return colour ? colour.replace("gray", "grey") : undefined;
}

function findGlasses(lower: string): boolean | undefined {
  if (/\b(no|doesn't wear|does not wear|without|don't wear|doesn't have|not wearing)\s+(?:any\s+)?(glasses|specs|spectacles)\b/.test(lower)) return false;
  if (/\b(glasses|specs|spectacles)\b/.test(lower)) return true;
  return undefined;
}

/** Every garment mentioned, with the words that describe it ("a Spider-Man t-shirt and purple wellies"). */
function findClothes(text: string): string | undefined {
  const tokens = [...text.matchAll(/[\p{L}][\p{L}\p{M}'-]*|[,.;!?]/gu)].map((match) => match[0]);
  const lowerTokens = tokens.map((token) => token.toLowerCase());
  const multi = CLOTHES.filter((item) => item.includes(" ")).map((item) => item.split(" "));
  const items: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let garment: string | undefined;
    let end = i;
    for (const words of multi) {
      if (words.every((word, k) => lowerTokens[i + k] === word)) {
        garment = words.join(" ");
        end = i + words.length - 1;
        break;
      }
    }
    const single = lowerTokens[i] as string;
    if (!garment && CLOTHES.includes(single)) garment = single === "tshirt" || single === "tee" ? "t-shirt" : single === "pajamas" ? "pyjamas" : single === "sneakers" ? "trainers" : single;
    if (!garment) continue;
    // Describing words directly before it.
    const describing: string[] = [];
    let j = i - 1;
    while (j >= 0 && describing.length < 3) {
      const word = tokens[j] as string;
      const lower = word.toLowerCase();
      const capitalisedName = /^\p{Lu}/u.test(word) && j > 0 && !/[.!?]/.test(tokens[j - 1] ?? "") && !/^(she|he|they|her|his|i|a|the)$/i.test(word);
      if (GARMENT_WORDS.has(lower) || capitalisedName || (lower.includes("-") && /^\p{Lu}/u.test(word))) {
        describing.unshift(word === word.toUpperCase() && word.length > 1 ? word : /^\p{Lu}/u.test(word) ? word : lower);
        j -= 1;
      } else break;
    }
    const determiner = lowerTokens[j];
    if (AMBIGUOUS_GARMENTS.has(garment) && describing.length === 0 && !/^(a|an|her|his|their|the)$/.test(determiner ?? "")) continue;
    const phrase = [...describing.filter((word) => !/^(favourite|favorite)$/i.test(word)), garment].join(" ");
    const item = isPluralPhrase(phrase) ? phrase : withArticle(phrase);
    if (!items.some((existing) => existing.endsWith(garment as string))) items.push(item);
    i = end;
  }
  if (!items.length) return undefined;
  // Keep whole items within the schema's length.
  const kept: string[] = [];
  for (const item of items) if (joinList([...kept, item]).length <= 80) kept.push(item);
  return kept.length ? joinList(kept) : clampText(items[0] as string, 80);
}

export function findFeatures(lower: string): string[] {
  return FEATURES.filter(({ pattern }) => pattern.test(lower)).map(({ phrase }) => phrase);
}

/** Everything the parent said about how the hero looks; empty when they said nothing about looks. */
export function findLooks(text: string): Looks {
  // The commonest typo, so "long blond hiar" still reads as hair.
  const lower = text.toLowerCase().replace(/\b(hiar|hari|hairs)\b/g, "hair");
  const looks: Looks = {};
  const hair = findHair(lower);
  if (hair) looks.hair = hair;
  const skin = findSkin(lower);
  if (skin) looks.skin = skin;
  const eyes = findEyes(lower);
  if (eyes) looks.eyes = eyes;
  const glasses = findGlasses(lower);
  if (glasses !== undefined) looks.glasses = glasses;
  const clothes = findClothes(text);
  if (clothes) looks.clothes = clothes;
  return looks;
}

export function hasLooks(looks: Looks) {
  return Boolean(looks.hair || looks.skin || looks.eyes || looks.clothes || looks.glasses !== undefined);
}

/** "curly black hair" stays as is; "short black afro" becomes "a short black afro". */
export function hairPhrase(hair: string) {
  return isPluralPhrase(hair) || /\bhair\b/.test(hair) ? hair : withArticle(hair);
}

/** What the hero looks like, as a list of phrases: ["curly black hair", "brown eyes", "freckles"]. */
export function lookPhrases(looks: Looks | undefined): { has: string[]; wears: string[] } {
  if (!looks) return { has: [], wears: [] };
  const has: string[] = [];
  if (looks.hair) has.push(hairPhrase(looks.hair));
  if (looks.eyes) has.push(`${looks.eyes} eyes`);
  if (looks.skin) has.push(`${looks.skin} skin`);
  const features = findFeatures((looks.description ?? "").toLowerCase()).filter((feature) => !/wheelchair|hearing|implant|eyepatch/.test(feature));
  has.push(...features);
  const wears: string[] = [];
  if (looks.glasses) wears.push("glasses");
  // Each garment is its own item, so the list reads "red wellies and a yellow raincoat", never "… and … and …".
  if (looks.clothes) wears.push(...looks.clothes.split(/,\s*|\s+and\s+/).filter(Boolean));
  const description = (looks.description ?? "").toLowerCase();
  if (/\bwheelchair\b/.test(description)) wears.push("a wheelchair");
  if (/\bhearing aids?\b/.test(description)) wears.push("hearing aids");
  if (/\bcochlear\b/.test(description)) wears.push("a cochlear implant");
  if (/\beye ?patch\b/.test(description)) wears.push("an eyepatch");
  return { has, wears };
}

export function usesWheelchair(looks: Looks | undefined) {
  return /\bwheelchair\b/.test((looks?.description ?? "").toLowerCase());
}
