import { ART_STYLES, PAGE_COUNTS, type TONES, type BookBrief, type BriefTopic } from "../../brief";
import { capitalise } from "./seeded";
import {
  CLOTHES,
  COLOURS,
  COMPANION_KINDS,
  HAIR_COLOURS,
  HAIR_SHAPES,
  HAIR_STYLES,
  INTERESTS,
  LESSONS,
  NONE_PHRASES,
  NUMBER_WORDS,
  SETTINGS,
  SKIN_TONES,
  SURPRISE_PHRASES,
} from "./vocabulary";

/**
 * Reads a parent's free-text answer the way a person would: the topic just
 * asked about gets the most generous reading, and anything else mentioned in
 * passing ("she's 5 and loves trains and her cat Miso") is picked up too.
 */
export function interpretAnswer(askedAbout: BriefTopic | null, answer: string, brief: BookBrief): BookBrief & { surprise?: true } {
  const text = answer.trim().replace(/\s+/g, " ");
  const lower = text.toLowerCase();
  const patch: BookBrief & { surprise?: true } = {};

  if (isSurprise(lower)) {
    patch.surprise = true;
    return patch;
  }

  const companion = findCompanion(text, askedAbout === "companion");
  const withoutCompanion = companion ? text.replace(companion.span, " ") : text;

  // Facts mentioned anywhere.
  const pronoun = findPronoun(lower);
  if (pronoun && !brief.pronoun) patch.pronoun = pronoun;
  const age = findAge(lower, askedAbout === "heroAge");
  if (age !== undefined) patch.heroAge = age;
  const loves = findLoves(withoutCompanion, askedAbout === "loves");
  if (loves.length) patch.loves = loves;
  if (companion) patch.companion = companion.value;

  switch (askedAbout) {
    case "heroName": {
      const name = findName(text, true);
      if (name) patch.heroName = name;
      break;
    }
    case "looks": {
      const looks = findLooks(text);
      // "dinosaurs and space" answers another question; keep asking about looks.
      const aboutSomethingElse = Object.keys(looks).length === 0 && (findLoves(text, false).length > 0 || hasInterestWords(lower));
      if (aboutSomethingElse) {
        patch.loves = [...new Set([...(patch.loves ?? []), ...interestWords(lower)])];
      } else {
        patch.looks = { ...looks, description: text.slice(0, 300) };
      }
      break;
    }
    case "setting":
      patch.setting = findSetting(lower) ?? cleanPhrase(text, 100);
      break;
    case "companion":
      if (!companion && isNone(lower)) patch.companion = null;
      else if (!companion) patch.companion = { kind: cleanPhrase(text, 60).replace(/^(a|an|the|her|his|their|my)\s+/i, "") };
      break;
    case "lesson":
      patch.lesson = findLesson(lower) ?? cleanPhrase(text, 120);
      break;
    case "tone": {
      const tone = findTone(lower);
      if (tone) patch.tone = tone;
      break;
    }
    case "artStyle": {
      const style = findArtStyle(lower);
      if (style) patch.artStyle = style;
      break;
    }
    case "pageCount": {
      const count = findPageCount(lower);
      if (count) patch.pageCount = count;
      break;
    }
    case "dedication":
      patch.dedication = isNone(lower) ? "" : cleanPhrase(text, 200);
      break;
    default:
      break;
  }

  // A name volunteered out of turn ("my daughter Maya …").
  if (!patch.heroName && !brief.heroName) {
    const name = findName(text, false);
    if (name) patch.heroName = name;
  }
  // Other topics answered in passing.
  if (askedAbout !== "tone" && !brief.tone) {
    const tone = findTone(lower, true);
    if (tone) patch.tone = tone;
  }
  if (askedAbout !== "artStyle" && !brief.artStyle) {
    const style = findArtStyle(lower);
    if (style) patch.artStyle = style;
  }
  if (askedAbout !== "setting" && !brief.setting && /\b(in|at|on|under)\b/.test(lower)) {
    const setting = findSetting(lower, true);
    if (setting) patch.setting = setting;
  }
  if (askedAbout !== "looks" && !brief.looks) {
    const looks = findLooks(text);
    if (Object.keys(looks).length > 0) patch.looks = { ...looks, description: text.slice(0, 300) };
  }
  return patch;
}

function includesPhrase(lower: string, phrase: string) {
  return new RegExp(`(^|[^a-z])${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^a-z]|$)`).test(lower);
}

function isSurprise(lower: string) {
  const stripped = lower.replace(/[!.?]+$/g, "").trim();
  return SURPRISE_PHRASES.some((phrase) => stripped === phrase || (stripped.length < 40 && includesPhrase(stripped, phrase)));
}

function isNone(lower: string) {
  const stripped = lower.replace(/[!.?]+$/g, "").trim();
  return NONE_PHRASES.includes(stripped) || /^(no|none|nope)\b/.test(stripped) || /\bno (companion|one|dedication)\b/.test(stripped) || /^just (her|him|them)/.test(stripped);
}

function cleanPhrase(text: string, max: number) {
  return text
    .replace(/^(i think|maybe|probably|let's say|lets say|how about|um+|hmm+)[, ]+/i, "")
    .replace(/[.!]+$/, "")
    .trim()
    .slice(0, max);
}

function findPronoun(lower: string): BookBrief["pronoun"] {
  if (/\b(she|her|hers|girl|daughter|niece|granddaughter)\b|\bshe's\b/.test(lower)) return "she";
  if (/\b(he|him|his|boy|son|nephew|grandson)\b|\bhe's\b/.test(lower)) return "he";
  if (/\b(they|them|their)\b/.test(lower)) return "they";
  return undefined;
}

function numberFrom(token: string): number | undefined {
  if (/^\d{1,2}$/.test(token)) return Number(token);
  return NUMBER_WORDS[token];
}

function findAge(lower: string, generous: boolean): number | undefined {
  const numberPattern = "(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
  const patterns = [
    new RegExp(`\\b${numberPattern}\\s*(?:years?|yrs?|y/?o)\\b`),
    new RegExp(`\\b(?:she's|he's|they're|she is|he is|they are|is|turning|turned|aged?)\\s+(?:just\\s+|nearly\\s+|almost\\s+)?${numberPattern}\\b(?!\\s*(?:pages|cats|dogs))`),
  ];
  if (generous) patterns.push(new RegExp(`^(?:about\\s+|nearly\\s+|almost\\s+|just\\s+)?${numberPattern}\\b`), new RegExp(`\\b${numberPattern}\\b`));
  for (const pattern of patterns) {
    const match = lower.match(pattern);
    const value = match?.[1] ? numberFrom(match[1]) : undefined;
    if (value !== undefined && value >= 1 && value <= 12) return value;
  }
  return undefined;
}

const NOT_NAMES = new Set([
  "she", "he", "they", "her", "his", "my", "our", "the", "a", "an", "and", "it", "its", "it's", "i", "we", "is", "loves", "likes",
  "yes", "no", "hi", "hello", "daughter", "son", "name", "called", "named", "little", "baby", "surprise", "me",
]);

function findName(text: string, generous: boolean): string | undefined {
  const explicit = text.match(
    /\b(?:(?:her|his|their|the hero's|my (?:daughter|son|child|kid|little one)'s) name is|(?:she|he|they)(?:'s| is| are) called|call (?:her|him|them)|named|my (?:daughter|son|child|kid|little one|girl|boy|grandson|granddaughter|niece|nephew),?)\s+([A-Za-z][\p{L}'-]{1,30})/iu,
  );
  if (explicit?.[1] && !NOT_NAMES.has(explicit[1].toLowerCase())) return capitalise(explicit[1]);
  if (!generous) return undefined;
  // "Maya", "maya!", "It's Maya", "Maya, she's 5": the first name-like word.
  const cleaned = text.replace(/^(it's|its|it is|this is|meet|the hero is|hero is|name is|called)\s+/i, "");
  for (const word of cleaned.split(/[\s,.!;:]+/)) {
    if (/^[\p{L}][\p{L}'-]{0,30}$/u.test(word) && !NOT_NAMES.has(word.toLowerCase())) return capitalise(word);
  }
  return undefined;
}

function findCompanion(text: string, generous: boolean): { value: NonNullable<BookBrief["companion"]>; span: string } | undefined {
  const kinds = [...COMPANION_KINDS].sort((a, b) => b.length - a.length).join("|");
  const withName = new RegExp(
    `\\b((?:her|his|their|our|a|an|the|my)\\s+(?:[a-z]+\\s+)?(${kinds})(?:\\s+(?:named|called))?\\s+([A-Z][\\p{L}'-]{1,20}))`,
    "u",
  );
  const named = text.match(withName);
  if (named?.[1] && named[2] && named[3]) return { value: { kind: normaliseKind(named[2]), name: named[3] }, span: named[1] };
  const ownedPattern = new RegExp(`\\b((?:her|his|their|our|my|a pet)\\s+(?:pet\\s+)?(${kinds}))\\b`, "i");
  const owned = text.match(ownedPattern);
  if (owned?.[1] && owned[2]) return { value: { kind: normaliseKind(owned[2].toLowerCase()) }, span: owned[1] };
  if (generous) {
    const any = text.match(new RegExp(`\\b(?:a|an|the)?\\s*((?:[a-z]+\\s+)?(${kinds}))(?:\\s+(?:named|called)\\s+([\\p{L}'-]{1,20}))?`, "iu"));
    if (any?.[2]) {
      const name = any[3] ?? text.match(/\b(?:named|called)\s+([\p{L}'-]{1,20})/iu)?.[1];
      const described = any[1]?.toLowerCase() ?? any[2].toLowerCase();
      return { value: { kind: described, ...(name ? { name: capitalise(name) } : {}) }, span: any[0] };
    }
  }
  return undefined;
}

function normaliseKind(kind: string) {
  return kind === "teddy" ? "teddy bear" : kind;
}

function findLoves(text: string, generous: boolean): string[] {
  const lower = text.toLowerCase();
  const found: string[] = [];
    // Bare "like" is too common ("like a pencil drawing") to signal a love.
  const cue = /\b(loves?|likes|adores?|into|obsessed with|crazy about|mad about|favourite|favorite|enjoys?|fan of)\b/.test(lower);
  if (cue || generous) {
    for (const word of lower.split(/[^a-z]+/)) {
      const interest = INTERESTS[word];
      if (interest && !found.includes(interest)) found.push(interest);
    }
  }
  if (generous && found.length === 0) {
    // Their own words: "collecting shiny stones, and the colour green".
    const phrase = lower
      .replace(/^(she|he|they)\s+(loves?|likes?|adores?)\s+/, "")
      .replace(/^(loves?|likes?)\s+/, "")
      .split(/,|\band\b|;/)
      .map((part) => part.trim().replace(/[.!]+$/, ""))
      .filter((part) => part.length > 1 && part.length <= 60);
    found.push(...phrase.slice(0, 4));
  }
  return found.slice(0, 6);
}

function interestWords(lower: string): string[] {
  return [...new Set(lower.split(/[^a-z]+/).flatMap((word) => (INTERESTS[word] ? [INTERESTS[word]] : [])))];
}

function hasInterestWords(lower: string) {
  return interestWords(lower).length > 0;
}

function findLooks(text: string): NonNullable<BookBrief["looks"]> {
  const lower = text.toLowerCase();
  const looks: NonNullable<BookBrief["looks"]> = {};
  const colour = [...HAIR_COLOURS].sort((a, b) => b.length - a.length).find((c) => new RegExp(`\\b${c}\\b[\\w\\s,-]{0,20}\\b(hair|curls|pigtails|bunches|braids|plaits|ponytail|afro|locs)\\b`).test(lower) || new RegExp(`\\b(hair|curls)\\b[\\w\\s]{0,10}\\b${c}\\b`).test(lower));
  const style = HAIR_STYLES.filter((s) => new RegExp(`\\b${s}\\b`).test(lower));
  const shape = HAIR_SHAPES.filter((s) => new RegExp(`\\b${s}\\b`).test(lower));
  if (colour || shape.length || (style.length && /\bhair\b/.test(lower))) {
    looks.hair = [...style, colour === "blond" ? "blonde" : colour, shape.length ? `in ${shape.join(" and ")}` : "hair"]
      .filter(Boolean)
      .join(" ")
      .replace(/ in /, " hair in ")
      .replace(/hair hair/, "hair")
      .trim();
  }
  const skin = [...SKIN_TONES].sort((a, b) => b.length - a.length).find((tone) => new RegExp(`\\b${tone}\\b[\\s-]*(skin|skinned|complexion)`).test(lower));
  if (skin) looks.skin = skin;
  const eyes = lower.match(/\b(blue|green|brown|hazel|grey|gray|dark)\s+eyes\b/);
  if (eyes?.[1]) looks.eyes = eyes[1];
  if (/\bglasses|specs|spectacles\b/.test(lower)) looks.glasses = true;
  const clothes = [...CLOTHES].sort((a, b) => b.length - a.length).join("|");
  const outfit = lower.match(new RegExp(`\\b((?:(?:${COLOURS.join("|")})\\s+)+)?(${clothes})\\b`));
  if (outfit?.[2]) looks.clothes = `${outfit[1] ?? ""}${outfit[2]}`.trim();
  return looks;
}

function findSetting(lower: string, strict = false): string | undefined {
  for (const { words, setting } of SETTINGS) {
    for (const word of words) {
      const pattern = strict ? new RegExp(`\\b(in|at|on|under|to)\\s+(the\\s+|a\\s+|an\\s+|outer\\s+)?${word}\\b`) : new RegExp(`\\b${word}\\b`);
      if (pattern.test(lower)) return setting;
    }
  }
  return undefined;
}

function findLesson(lower: string): string | undefined {
  return LESSONS.find(({ words }) => words.some((word) => lower.includes(word)))?.lesson;
}

function findTone(lower: string, strict = false): BookBrief["tone"] {
  const rules: [RegExp, (typeof TONES)[number]][] = [
    [/\b(funny|silly|giggl\w*|laugh\w*|hilarious|goofy|jokes?)\b/, "funny"],
    [/\b(adventur\w*|exciting|thrilling|daring|action)\b/, "adventurous"],
    [/\b(cos(y|ie)|coz(y|ie)|snug\w*|warm|bedtime|sleepy)\b/, "cosy"],
    [/\b(gentle|calm|soft|quiet|sweet|soothing|tender)\b/, "gentle"],
  ];
  if (strict) return rules.find(([pattern]) => pattern.test(lower) && /\b(tone|story|book|feel|funny|silly|adventur\w*|cos(y|ie)|coz(y|ie))\b/.test(lower) && !/\b(bedtime|warm)\b/.test(lower))?.[1];
  return rules.find(([pattern]) => pattern.test(lower))?.[1];
}

function findArtStyle(lower: string): BookBrief["artStyle"] {
  if (/water\s*colou?r|painted|painterly|soft colou?rs/.test(lower)) return "watercolour";
  if (/crayon|pencil|chalk|scribbl/.test(lower)) return "crayon";
  if (/collage|paper|cut[- ]?out|felt/.test(lower)) return "paper collage";
  if (/\bink\b|classic|storybook|line drawing|old[- ]fashioned|vintage/.test(lower)) return "storybook ink";
  return ART_STYLES.find((style) => lower.includes(style));
}

function findPageCount(lower: string): BookBrief["pageCount"] {
  const number = lower.match(/\b(\d{1,2}|eight|twelve|sixteen)\b/)?.[1];
  const value = number ? numberFrom(number) : undefined;
  if (value !== undefined) {
    return PAGE_COUNTS.reduce((best, count) => (Math.abs(count - value) < Math.abs(best - value) ? count : best), PAGE_COUNTS[0]);
  }
  if (/\b(short|quick|little|small)\b/.test(lower)) return 8;
  if (/\b(long|big|longer|epic)\b/.test(lower)) return 16;
  if (/\b(medium|middle|normal|standard|regular)\b/.test(lower)) return 12;
  return undefined;
}
