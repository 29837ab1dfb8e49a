import { clampText, PAGE_COUNTS, type BookBrief, type BriefTopic } from "../../brief";
import type { Interpretation, InterpretationNotes } from "../storyteller";
import { findFeatures, findLooks, hasLooks } from "./looks";
import { bareName, findExplicitName, findNameAnswer, nameLikeWord, tidyName } from "./names";
import { ANIMAL_KINDS, COLOURS, INTERESTS, LESSONS, NONE_PHRASES, NUMBER_WORDS, PEOPLE_KINDS, SETTING_KEYWORDS, SURPRISE_PHRASES } from "./vocabulary";

export type Reading = Interpretation & { surprise?: true };

/**
 * Reads a parent's free-text answer the way a person would: the topic just
 * asked about gets the most generous reading, and anything else mentioned in
 * passing ("she's 5 and loves trains and her cat Miso") is picked up too.
 * What comes back always fits the brief schema; when an answer can't settle
 * the asked topic, a sensible default is chosen and noted so the reply can
 * say so, except for the name, which is asked again.
 */
export function interpretAnswer(askedAbout: BriefTopic | null, answer: string, brief: BookBrief): Reading {
  const whole = answer
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^["“](.*)["”]$/, "$1");
  // Facts come early in an answer; reading only the start keeps every call quick, however much is pasted in.
  const text = clampText(whole, 600);
  const lower = text.toLowerCase();
  const patch: Reading = {};
  const notes: Required<InterpretationNotes> = { assumed: [], corrected: [], shortened: [] };
  const finish = () => {
    // Facts already in the brief aren't news: the reply shouldn't thank the parent for them again.
    if (patch.loves) {
      const fresh = patch.loves.filter((love) => !(brief.loves ?? []).some((known) => known.toLowerCase() === love.toLowerCase()));
      if (fresh.length) patch.loves = fresh;
      else delete patch.loves;
    }
    if (patch.heroAge !== undefined && patch.heroAge === brief.heroAge && !notes.corrected.includes("heroAge")) delete patch.heroAge;
    if (patch.companion && brief.companion && patch.companion.kind === brief.companion.kind && (!patch.companion.name || patch.companion.name === brief.companion.name)) delete patch.companion;
    const used = Object.fromEntries(Object.entries(notes).filter(([, topics]) => topics.length > 0));
    if (Object.keys(used).length) patch.notes = used;
    return patch;
  };

  // A dedication is the parent's own words, printed as they are: nothing else is read from it.
  if (askedAbout === "dedication") {
    if (isSurprise(lower)) return { surprise: true };
    // "For Kai on his first day" tells us how to talk about Kai, and nothing else.
    if (!brief.pronoun && /\b(his|he)\b/.test(lower) !== /\b(her|she)\b/.test(lower)) patch.pronoun = /\b(his|he)\b/.test(lower) ? "he" : "she";
    if (isNone(lower) || /^no dedication\b/.test(lower)) patch.dedication = "";
    else if (saysNothing(whole)) return finish();
    else {
      const dedication = whole.replace(/^(?:dedication|it should say|write|say|put)\s*[:,-]?\s*/i, "").replace(/^["“](.*)["”]$/, "$1");
      patch.dedication = clampDedication(dedication);
      if (dedication.length > 200) notes.shortened.push("dedication");
    }
    return finish();
  }

  if (isSurprise(lower)) return { surprise: true };
  // "You choose, but something with dragons": the choice is ours, the dragons are theirs.
  const content = text.replace(/^(?:you choose|you pick|you decide|surprise me|up to you|i don't mind)\b[\s,!.-]*(?:but\s+)?/i, "") || text;

  const companion = findCompanion(content, askedAbout === "companion");
  // A clause break where the companion was, so a list of loves stops there.
  const rest = companion ? content.replace(companion.span, " ; ").replace(/\s+/g, " ") : content;
  const restLower = rest.toLowerCase();

  // Facts mentioned anywhere.
  const pronoun = findPronoun(lower);
  if (pronoun && !brief.pronoun) patch.pronoun = pronoun;
  const age = findAge(restLower, askedAbout === "heroAge", askedAbout === "heroName" || askedAbout === null);
  if (age !== undefined) {
    patch.heroAge = Math.min(12, Math.max(1, age.value));
    if (age.assumed || age.value > 12) notes.assumed.push("heroAge");
    if (brief.heroAge !== undefined && brief.heroAge !== patch.heroAge) notes.corrected.push("heroAge");
  }
  if (companion) {
    patch.companion = companion.value;
    if (brief.companion !== undefined && askedAbout !== "companion") notes.corrected.push("companion");
  }
  const loves = askedAbout === "loves" && isNone(lower) ? [] : findLoves(rest, askedAbout === "loves");
  if (loves.length) patch.loves = loves;

  // The name: asked for, stated outright, or a correction of an earlier answer.
  const explicit = findExplicitName(rest, askedAbout === "heroName");
  if (askedAbout === "heroName") {
    const name = explicit?.name ?? findNameAnswer(rest);
    if (name) patch.heroName = name;
  } else if (explicit && (!brief.heroName || (explicit.strong && explicit.name !== brief.heroName))) {
    patch.heroName = explicit.name;
    if (brief.heroName) notes.corrected.push("heroName");
  } else if (brief.heroName && (askedAbout === "heroAge" || askedAbout === "looks") && age === undefined) {
    // Answering the next question with just a name means the first reading was wrong.
    const name = bareName(text);
    if (name && name !== brief.heroName) {
      patch.heroName = name;
      notes.corrected.push("heroName");
    }
  }

  switch (askedAbout) {
    case "heroAge":
      break;
    case "looks": {
      const looks = findLooks(rest);
      const aboutSomethingElse =
        saysNothing(rest) || (!hasLooks(looks) && findFeatures(restLower).length === 0 && (loves.length > 0 || companion !== undefined || age !== undefined || patch.heroName !== undefined));
      if (!aboutSomethingElse) patch.looks = { ...looks, description: describe(brief, text, notes) };
      break;
    }
    case "loves":
      if (isNone(lower)) {
        patch.loves = ["adventures"];
        notes.assumed.push("loves");
      }
      break;
    case "setting": {
      const setting = findSetting(rest, true);
      if (setting) {
        patch.setting = setting.value;
        if (setting.shortened) notes.shortened.push("setting");
      }
      break;
    }
    case "companion":
      if (!companion && isNoCompanion(lower)) patch.companion = null;
      break;
    case "lesson": {
      // "not too scary" answers how the book should feel, not what it teaches.
      const tone = findTone(lower);
      if (tone && !LESSONS.some(({ words }) => words.test(lower)) && lower.split(/\s+/).length <= 6) {
        if (!brief.tone) patch.tone = tone;
        patch.lesson = "having fun";
        notes.assumed.push("lesson");
        break;
      }
      // "Kofi!" names someone already in the story; it teaches nothing.
      const names = [brief.heroName, brief.companion?.name, patch.companion?.name].filter((name): name is string => Boolean(name));
      const onlyAName = names.some((name) => rest.replace(EDGE_PUNCTUATION, "").toLowerCase() === name.toLowerCase());
      const lesson = onlyAName ? undefined : findLesson(rest, true);
      if (lesson) {
        patch.lesson = lesson.value;
        if (lesson.assumed) notes.assumed.push("lesson");
        if (lesson.shortened) notes.shortened.push("lesson");
      }
      break;
    }
    case "tone": {
      const tone = findTone(lower);
      patch.tone = tone ?? "gentle";
      if (!tone) notes.assumed.push("tone");
      break;
    }
    case "artStyle": {
      const style = findArtStyle(lower);
      patch.artStyle = style ?? "watercolour";
      if (!style) notes.assumed.push("artStyle");
      break;
    }
    case "pageCount": {
      const count = findPageCount(lower);
      patch.pageCount = count?.value ?? 12;
      if (!count || count.adjusted) notes.assumed.push("pageCount");
      break;
    }
    default:
      break;
  }

  // Other topics answered in passing.
  if (askedAbout !== "tone" && !brief.tone) {
    const tone = findTone(lower, true);
    if (tone) patch.tone = tone;
  }
  if (askedAbout !== "artStyle" && !brief.artStyle) {
    const style = findArtStyle(lower, true);
    if (style) patch.artStyle = style;
  }
  if (askedAbout !== "setting" && !brief.setting) {
    const setting = findSetting(rest, false);
    if (setting) patch.setting = setting.value;
  }
  if (askedAbout !== "lesson" && !brief.lesson) {
    const about = rest.match(/\b(?:story|book|lesson)\s+(?:about|on)\s+([^.!?,;]+)/i)?.[1];
    const lesson = about ? findLesson(about, false) : undefined;
    if (lesson) patch.lesson = lesson.value;
  }
  if (askedAbout !== "pageCount" && !brief.pageCount) {
    const pages = lower.match(/\b(8|12|16|eight|twelve|sixteen)\s+pages?\b/)?.[1];
    if (pages) patch.pageCount = (NUMBER_WORDS[pages] ?? Number(pages)) as 8 | 12 | 16;
  }
  if (askedAbout !== "looks" && /\b(hair|haired|eyes|skin|glasses|specs|wears|wearing|dressed|freckles|blonde|redhead|ginger)\b/.test(restLower)) {
    const looks = findLooks(rest);
    if (hasLooks(looks) || findFeatures(restLower).length) patch.looks = { ...looks, description: describe(brief, text, notes) };
  }
  return finish();
}

/**
 * A dedication that fits the page: the sign-off ("from Mummy, Daddy and
 * Granny") is kept, and the message is cut at a natural pause, never mid-word.
 */
function clampDedication(text: string, max = 200): string {
  if (text.length <= max) return text;
  const signOff = text.match(/(?:,|—|-|\.|!)?\s*((?:with all (?:our|my) love|with love|lots of love|all (?:our|my) love|love|from|xx+|—)\b[^.!?]{0,70})$/i);
  const tail = signOff?.[1] && signOff.index !== undefined && signOff.index > 40 ? signOff[1].trim() : "";
  const room = tail ? max - tail.length - 3 : max;
  const body = (tail ? text.slice(0, signOff?.index) : text).trim();
  const window = body.slice(0, room + 1);
  // Prefer the last pause (a comma or "and") in the second half of the room.
  const pause = Math.max(window.lastIndexOf(", "), window.lastIndexOf(" and "), window.lastIndexOf("; "));
  const cut = pause > room / 2 ? window.slice(0, pause) : clampText(body, room);
  const message = cut.replace(/[\s,;:—-]+$/, "");
  return clampText(tail ? `${message} — ${tail}` : message, max);
}

/** The parent's words about the hero, added to what they said before, within the schema's length. */
function describe(brief: BookBrief, text: string, notes: Required<InterpretationNotes>) {
  const before = brief.looks?.description;
  const all = before && !before.includes(text) ? `${before} ${text}` : text;
  if (all.length > 300) notes.shortened.push("looks");
  return clampText(all, 300);
}

function stripFiller(lower: string) {
  return lower
    .replace(/[!.?]+$/g, "")
    .replace(/^(?:(?:oh|um+|hmm+|erm|honestly|well|just|i think|ok|okay|haha|lol)\b[\s,]*)+/, "")
    .replace(/[\s,]*\b(?:please|thanks|thank you|really|then|i guess|i suppose)$/, "")
    .trim();
}

/** Words that answer nothing on their own: agreement, hesitation, a laugh. */
const SAYS_NOTHING = /^(?:(?:of course|obviously|definitely|absolutely|certainly|yes|yeah|yep|yup|sure|ok|okay|please|thanks|thank you|hmm+|um+|erm|lol|haha|and|too|also|as well)\b[\s,;.!]*)*$/;
const EDGE_PUNCTUATION = /^[\s;,.:!?—–-]+|[\s;,.:!?—–-]+$/g;

/**
 * An answer with nothing in it for the topic asked: a bare "sure", or what is
 * left once another topic was lifted out ("Miso the cat, of course" leaves
 * ", of course"). The topic stays open and is asked again.
 */
function saysNothing(text: string) {
  return SAYS_NOTHING.test(stripFiller(text.toLowerCase().replace(EDGE_PUNCTUATION, "")));
}

function isSurprise(lower: string) {
  const stripped = stripFiller(lower);
  if (SURPRISE_PHRASES.includes(stripped)) return true;
  const lead = stripped.match(/^(you choose|you pick|you decide|surprise me|surprise us|up to you|your choice|dealer's choice|i don't mind|i dont mind|don't mind|whatever you (?:like|think|want)|no idea|not sure|pick for me|choose for me|you tell me)\b(.*)$/);
  if (!lead) return false;
  // "you choose, something with dragons" still has content worth reading.
  const rest = (lead[2] ?? "").replace(/^[\s,!.-]+/, "");
  return rest.split(/\s+/).filter(Boolean).length <= 3 && !/\b(with|about|but|except|not)\b/.test(rest);
}

function isNone(lower: string) {
  const stripped = stripFiller(lower);
  return NONE_PHRASES.includes(stripped) || /^(no|none|nope|nah|nothing)\b(?![- ](?:one|body) (?:is|has))/.test(stripped);
}

function isNoCompanion(lower: string) {
  const stripped = stripFiller(lower);
  return (
    isNone(lower) ||
    /\bno (companion|sidekick|one|pet|pets|friend|friends)\b/.test(stripped) ||
    /^(?:just|only) (her|him|them|the hero|herself|himself)\b/.test(lower.trim()) ||
    /\b(on (her|his|their) own|by (herself|himself|themselves)|alone|solo)\b/.test(stripped)
  );
}

function findPronoun(lower: string): BookBrief["pronoun"] {
  if (/\b(they\/them|non-binary|nonbinary|enby)\b/.test(lower)) return "they";
  const girl = lower.search(/\b(daughter|daug\w+|dau?ghter|girl|granddaughter|grandaug\w+|niece|goddaughter|stepdaughter|little lady)\b/);
  const boy = lower.search(/\b(son|boy|grandson|nephew|godson|stepson|little man)\b/);
  if (girl >= 0 || boy >= 0) return girl >= 0 && (boy < 0 || girl < boy) ? "she" : "he";
  const she = lower.search(/\b(she|her|hers|herself|she's|she'll|shes)\b/);
  const he = lower.search(/\b(he|him|his|himself|he's|he'll|hes)\b/);
  if (she >= 0 || he >= 0) return she >= 0 && (he < 0 || she < he) ? "she" : "he";
  if (/^(they|they're|they are|their)\b/.test(lower)) return "they";
  return undefined;
}

function numberFrom(token: string): number | undefined {
  if (/^\d{1,2}(\.\d+)?$/.test(token)) return Math.floor(Number(token));
  return NUMBER_WORDS[token];
}

const NUMBER = "(\\d{1,2}(?:\\.\\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen)";
const NOT_AN_AGE = "(?!\\s*(?:pages?|cats?|dogs?|pets?|siblings?|brothers?|sisters?|kids?|children|times|o'clock|pm|am|minutes?|hours?|stars?|%))";

const AGE_PATTERNS = {
  months: new RegExp(`\\b${NUMBER}\\s*(?:months?|mths?|mo)\\b`),
  years: new RegExp(`\\b${NUMBER}(?:\\s+and\\s+(?:a\\s+)?(?:half|quarter|three quarters))?\\s*(?:-|\\s)?(?:years?|yrs?|y/?o|year-old)\\b`),
  stated: new RegExp(`\\b(?:she's|he's|they're|shes|hes|theyre|she is|he is|they are|is|turning|turned|turns|aged?|will be|she'll be|he'll be|they'll be|nearly|almost)\\s+(?:just\\s+|nearly\\s+|almost\\s+|about\\s+|only\\s+)?${NUMBER}\\b${NOT_AN_AGE}`),
  bare: new RegExp(`\\b${NUMBER}\\b${NOT_AN_AGE}`),
  // "Rowan, 7, loves space": a number standing alone in a list.
  listed: new RegExp(`(?:^|[,(]\\s*)(\\d{1,2})\\s*(?:[,)]|$|\\band\\b)`),
};

/** `listed` reads "Rowan, 7, loves space" — only in a first answer, where a lone number can't be a page count. */
function findAge(lower: string, generous: boolean, listed = false): { value: number; assumed?: boolean } | undefined {
  const months = lower.match(AGE_PATTERNS.months);
  if (months?.[1]) {
    const value = numberFrom(months[1]);
    if (value !== undefined) return { value: Math.max(1, Math.floor(value / 12)) };
  }
  const patterns = generous ? [AGE_PATTERNS.years, AGE_PATTERNS.stated, AGE_PATTERNS.bare] : listed ? [AGE_PATTERNS.years, AGE_PATTERNS.stated, AGE_PATTERNS.listed] : [AGE_PATTERNS.years, AGE_PATTERNS.stated];
  for (const pattern of patterns) {
    const value = numberFrom(pattern.exec(lower)?.[1] ?? "");
    if (value !== undefined && value >= 0 && value <= 17) return { value: Math.max(1, value), assumed: value === 0 };
  }
  if (generous) {
    if (/\b(newborn|baby)\b/.test(lower)) return { value: 1, assumed: true };
    if (/\btoddler\b/.test(lower)) return { value: 2, assumed: true };
    if (/\b(pre-?schooler|nursery age)\b/.test(lower)) return { value: 4, assumed: true };
    if (/\b(teen|teenager|tween)\b/.test(lower)) return { value: 12, assumed: true };
  }
  return undefined;
}

const KIND_ADJECTIVES = new Set([
  ...COLOURS,
  "little", "big", "baby", "tiny", "small", "loyal", "curious", "talking", "cuddly", "fluffy", "clever", "magic", "magical", "friendly", "brave",
  "old", "young", "best", "pet", "toy", "stuffed", "soft", "cheeky", "naughty", "silly", "sleepy", "giant", "flying", "ginger", "tabby",
  "wise", "rescue", "three-legged", "one-eyed", "imaginary", "invisible", "twin", "older", "younger", "new", "trusty", "scruffy", "shy", "kind",
]);
const KIND_PATTERN = [...PEOPLE_KINDS, ...ANIMAL_KINDS, "kitty", "doggy", "doggo", "bunny rabbit"].sort((a, b) => b.length - a.length).join("|");
const COMPANION_NAME = "((?:(?:Mr|Mrs|Ms|Miss|Dr|Captain|Sir|Lady|Lord|Princess|Prince|King|Queen|Professor|Auntie|Uncle|Little|Big|Baby)\\.?\\s+)?[\\p{Lu}][\\p{L}\\p{M}'-]*(?:\\s+[\\p{Lu}][\\p{L}\\p{M}'-]*){0,2})";

function normaliseKind(kind: string) {
  return kind
    .toLowerCase()
    .replace(/\bteddy$/, "teddy bear")
    .replace(/\b(kitty)$/, "cat")
    .replace(/\b(doggy|doggo)$/, "dog")
    .replace(/\bbunny rabbit$/, "bunny")
    .replace(/^pet\s+/, "")
    .trim();
}

function kindWithAdjectives(adjectives: string | undefined, kind: string) {
  const kept = (adjectives ?? "")
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => KIND_ADJECTIVES.has(word) && word !== "pet");
  return normaliseKind([...kept, kind].join(" "));
}

/** "her cat Miso", "a dog called Biscuit", "Captain Squawk the parrot", "his little sister", or (when asked) "a wombat named Bob". */
const ADJECTIVES = "((?:[a-z-]+\\s+){0,2})";
/** "her dinosaur onesie", "his cat ears": the animal names a thing, not a companion. */
const NOT_A_THING =
  "(?!\\s+(?:onesie|costume|t-shirt|tshirt|shirt|jumper|pyjamas|pajamas|dress|hat|slippers|wellies|boots|ears|suit|outfit|hoodie|top|print|pattern|books?|toys?|shows?|games?|films?|movies?|stickers?|teddy)\\b)";
// Compiled once: these run on every answer.
const COMPANION_PATTERNS = {
  // Case-sensitive on purpose: the name must be capitalised ("her cat Miso", not "her cat and").
  named: new RegExp(`\\b((?:[Hh]er|[Hh]is|[Tt]heir|[Oo]ur|[Mm]y|[Aa]n?|[Tt]he)\\s+${ADJECTIVES}(${KIND_PATTERN})(?:,)?(?:\\s+(?:who is |who's |that is )?(?:named|called))?\\s+${COMPANION_NAME})`, "u"),
  calledLower: new RegExp(`\\b((?:her|his|their|our|my|a|an|the)\\s+${ADJECTIVES}(${KIND_PATTERN})\\s+(?:named|called)\\s+([\\p{L}][\\p{L}\\p{M}'-]*))`, "iu"),
  nameFirst: new RegExp(`(${COMPANION_NAME.slice(1, -1)}),?\\s+(?:her|his|their|our|my|the|a|an)\\s+${ADJECTIVES}(${KIND_PATTERN})\\b`, "u"),
  owned: new RegExp(`\\b((?:her|his|their|our|my)\\s+${ADJECTIVES}(?:pet\\s+)?(${KIND_PATTERN}))\\b(?!\\s*(?:'s|s\\b))${NOT_A_THING}`, "i"),
  any: new RegExp(`\\b(?:a|an|the)?\\s*${ADJECTIVES}(${KIND_PATTERN})\\b(?:\\s+(?:named|called)\\s+([\\p{L}][\\p{L}\\p{M}'-]*(?:\\s+[\\p{Lu}][\\p{L}\\p{M}'-]*)?))?`, "iu"),
};

/** A cheap first look: no companion word at all means nothing to find (unless the question was about the companion). */
const ANY_KIND = new RegExp(`\\b(?:${KIND_PATTERN})\\b`, "i");

function findCompanion(text: string, generous: boolean): { value: NonNullable<BookBrief["companion"]>; span: string } | undefined {
  if (!generous && !ANY_KIND.test(text)) return undefined;
  const named = COMPANION_PATTERNS.named;
  const match = text.match(named);
  if (match?.[1] && match[3] && match[4]) {
    const name = cleanCompanionName(match[4]);
    if (name) return { value: { kind: kindWithAdjectives(match[2], match[3]), name }, span: match[1].replace(match[4], name) };
  }
  const calledLower = text.match(COMPANION_PATTERNS.calledLower);
  if (calledLower?.[1] && calledLower[3] && calledLower[4]) {
    return { value: { kind: kindWithAdjectives(calledLower[2], calledLower[3]), name: tidyName(calledLower[4]) }, span: calledLower[1] };
  }
  const nameFirst = text.match(COMPANION_PATTERNS.nameFirst);
  if (nameFirst?.[1] && nameFirst[3] && !/^(She|He|They|Her|His|It|And|But|So|The)$/.test(nameFirst[1])) {
    return { value: { kind: kindWithAdjectives(nameFirst[2], nameFirst[3]), name: nameFirst[1] }, span: nameFirst[0] };
  }
  const owned = text.match(COMPANION_PATTERNS.owned);
  if (owned?.[1] && owned[3] && owned.index !== undefined) {
    const name = trailingName(text.slice(owned.index + owned[1].length), generous);
    return { value: { kind: kindWithAdjectives(owned[2], owned[3]), ...(name ? { name: name.name } : {}) }, span: `${owned[1]}${name?.span ?? ""}` };
  }
  if (!generous) return undefined;
  const any = text.match(COMPANION_PATTERNS.any);
  if (any?.[2] && any.index !== undefined) {
    const after = any[3] ? undefined : trailingName(text.slice(any.index + any[0].length), true);
    const name = any[3] ?? after?.name ?? text.match(/\b(?:named|called)\s+([\p{L}][\p{L}\p{M}'-]*)/iu)?.[1];
    return { value: { kind: kindWithAdjectives(any[1], any[2]), ...(name ? { name: tidyName(name) } : {}) }, span: `${any[0]}${after?.span ?? ""}` };
  }
  // A kind Bookbug doesn't know: "a wombat named Bob", "a shy little cloud".
  const unknown = text.match(/^(?:yes[,!.]?\s+)?(?:a|an|her|his|their|my)\s+([a-z][a-z -]{1,40}?)(?:\s+(?:named|called)\s+([\p{L}][\p{L}\p{M}'-]*))?[.!]?$/iu);
  if (unknown?.[1] && !/\b(and|with|who|that|is|loves)\b/.test(unknown[1])) {
    return { value: { kind: clampText(unknown[1].toLowerCase(), 60), ...(unknown[2] ? { name: tidyName(unknown[2]) } : {}) }, span: unknown[0] };
  }
  return undefined;
}

/**
 * A name straight after the kind: "Grandpa Joe", "Auntie Sue", or (when the
 * question was about the companion) a lower-case "her horse twinkle".
 */
function trailingName(after: string, generous: boolean): { name: string; span: string } | undefined {
  const capitalised = after.match(/^\s+([\p{Lu}][\p{L}\p{M}'-]*(?:\s+[\p{Lu}][\p{L}\p{M}'-]*)?)/u);
  const lower = generous ? after.match(/^\s+([a-z][\p{L}\p{M}'-]+)\s*[.!]?\s*$/u) : null;
  const found = capitalised ?? lower;
  const name = found?.[1] ? cleanCompanionName(found[1]) : undefined;
  if (!found || !name || !nameLikeWord(name.split(" ")[0] ?? "")) return undefined;
  return { name: tidyName(name), span: found[0].slice(0, found[0].indexOf(found[1] as string) + name.length) };
}

function cleanCompanionName(name: string) {
  const words = name.split(/\s+/);
  // Stop at words that start the next clause ("Miso She").
  const kept: string[] = [];
  for (const word of words) {
    if (/^(She|He|They|And|But|So|The|Who|Is|Loves|Likes|With|I|We|It)$/.test(word)) break;
    kept.push(word);
  }
  return kept.length ? clampText(kept.join(" "), 40) : undefined;
}

const LOVE_CUE =
  /\b(?:loves?|likes|adores?|is into|are into|really into|obsessed with|crazy about|mad about|enjoys?|fan of|favourite things? (?:is|are)|favorite things? (?:is|are)|favourite (?:toy|game|show|animal|food|colour|color|book|film|movie) is|can't get enough of|passionate about)\b/gi;

const JUNK_LOVES = /^(she|he|they|it|lots|things|stuff|everything|anything|all sorts|so much|a lot|too|also|and|her|his|their|being|doing|playing|the|a|to)$/;

/** Loves, in the parent's own words: "Minecraft", "collecting shiny stones", "maths", "coding". */
function findLoves(text: string, generous: boolean): string[] {
  const segments: string[] = [];
  const cues = [...text.matchAll(LOVE_CUE)];
  for (const cue of cues) {
    const start = (cue.index ?? 0) + cue[0].length;
    segments.push(text.slice(start));
  }
  if (!segments.length && generous && !saysNothing(text)) segments.push(text);
  const found: string[] = [];
  for (const segment of segments) {
    // Stop where the sentence (or the list of loved things) ends; "to dance and sing" is "to dance and to sing".
    const clause = segment
      .replace(/\bto\s+([a-z]+)((?:\s*,\s*|\s+and\s+|\s+or\s+))(?!to\b)([a-z]+)\b/gi, "to $1$2to $3").split(/[.!?;]|\bbut\b|\b(?:she|he|they)(?:'s|'ll| is| are| has| was| will| can| lives)?\b|\bwho\b|\bbecause\b|\b(?:her|his|their) name\b|\b(?:is|are) \d/i)[0] ?? "";
    for (const part of clause.split(/,|\band\b|&|\bn\b|\bplus\b|\bas well as\b|\bor\b|\balso\b/i)) {
      const love = cleanLove(part, found.length === 0 && segment === text);
      if (love && !found.some((existing) => existing.toLowerCase() === love.toLowerCase())) found.push(love);
    }
  }
  return found.slice(0, 6);
}

function cleanLove(part: string, atStart: boolean): string | undefined {
  let love = part
    .trim()
    .replace(/^(?:(?:really|also|just|especially|absolutely|totally|anything to do with|everything to do with|all things|everything about|anything about|something with|something about|anything with|lots of|loads of|playing with|the idea of|watching)\s+)+/i, "")
    .replace(/\s+(?:a lot|so much|more than anything|too|as well|very much|at the moment|right now|the most|most of all|best|like crazy|forever|please|thanks|thank you)$/i, "")
    .replace(/^["“']|["”']$/g, "")
    .trim();
  // What's left after a companion was lifted out: "baking with (his dad)".
  for (;;) {
    const trimmed = love.replace(/\s+(?:with|and|to|for|of|the|a|an|my|his|her|their|our)$/i, "");
    if (trimmed === love) break;
    love = trimmed;
  }
  if (!love || love.length < 2) return undefined;
  // "goes everywhere with him" is something the dog does, not something the child loves.
  if (/^(it|when|if|that|this|being|to be|how|goes|is|are|was|has|have|does|likes|loves|wants|lives|comes|gets|says|makes|can|will|would|always|never)\b/i.test(love)) return undefined;
  // "loves to dance" → "dancing".
  const infinitive = love.match(/^to\s+([a-z]+)(.*)$/i);
  if (infinitive?.[1]) love = `${gerund(infinitive[1].toLowerCase())}${infinitive[2] ?? ""}`;
  const lower = love.toLowerCase();
  if (JUNK_LOVES.test(lower) || /^\d+$/.test(lower) || NONE_PHRASES.includes(lower) || /\b(years? old|pages?)\b/.test(lower)) return undefined;
  if (INTERESTS[lower]) return INTERESTS[lower];
  const words = love.split(/\s+/);
  if (words.length > 8) return undefined;
  // Sentence-initial capitals aren't part of the thing ("Collecting shiny stones"); brand names are ("Paw Patrol").
  const firstWord = words[0] ?? "";
  if (atStart && /^\p{Lu}\p{Ll}+$/u.test(firstWord) && (words.length === 1 ? /ing$/.test(firstWord) : words.slice(1).every((word) => word === word.toLowerCase()))) {
    love = love.charAt(0).toLowerCase() + love.slice(1);
  }
  return clampText(love, 60);
}

const SETTING_PREPOSITION = /^(?:under|near|by|beside|inside|above|behind|up|down|across|over|beneath|underneath|deep in|high in|far away in)\b/;

/**
 * A place the story can go to: the plot says "set off for …" and "arrive
 * in …", so "somewhere with volcanoes" becomes "a land with volcanoes" and
 * "somewhere magical" "a magical place", never "arrive in with volcanoes".
 */
const PLACE_CONNECTOR = /\b(?:with|full of|filled with|where|that has|that have|made of|covered in)\b/i;

function asPlace(phrase: string, wasSomewhere: boolean): string {
  const connector = phrase.match(PLACE_CONNECTOR);
  if (connector?.index === 0) return `a land ${phrase}`;
  const lower = phrase.toLowerCase();
  const noun = /^(?:a|an|the|our|my|his|her|their|some|this|that)\b/.test(lower) || SETTING_PREPOSITION.test(lower) || /^\p{Lu}/u.test(phrase);
  // "somewhere magical (with unicorns)": a description, not yet a place.
  const described = connector?.index !== undefined ? lower.slice(0, connector.index).trim() : lower;
  if (!wasSomewhere || noun || described.split(/\s+/).length > 3) return phrase;
  const article = /^[aeiou]/.test(described) ? "an" : "a";
  return connector?.index !== undefined ? `${article} ${described} land ${lower.slice(connector.index)}` : `${article} ${described} place`;
}

/** A setting in the parent's words, or the canonical one a single keyword stands for ("forest" → "an enchanted forest"). */
function findSetting(text: string, generous: boolean): { value: string; shortened?: boolean } | undefined {
  if (saysNothing(text)) return undefined;
  let phrase = text.replace(EDGE_PUNCTUATION, "");
  if (!generous) {
    const cue = text.match(/\b(?:set|happens?|happening|takes? place|story (?:is|should be)|adventure)\s+(?:(?:it|the story|the book)\s+)?(?:somewhere\s+)?(in|at|on|under|near|inside)\s+([^.!?,;]+)/i);
    if (!cue?.[2]) return undefined;
    phrase = `${cue[1] === "under" || cue[1] === "near" || cue[1] === "inside" ? `${cue[1]} ` : ""}${cue[2]}`;
  }
  for (;;) {
    const next = phrase
      .replace(/^(?:i think|maybe|probably|let's say|lets say|how about|what about|um+|hmm+|oh+|ooh+|somewhere|anywhere|it should be|set it|let's go|lets go|go|like|i'd like|i would like|we'd like|perhaps|definitely|in|at|on|to|into|the story is|the story should be|should be|be|a story|set|please)\b[\s,]*/i, "")
      .replace(/[\s,]*(?:please|would be (?:nice|lovely|great|fun|good|perfect)|i think|maybe|thanks|thank you)[.!]*$/i, "")
      .replace(/[.!?]+$/, "")
      .trim();
    if (next === phrase) break;
    phrase = next;
  }
  if (!phrase || phrase.length < 2) return undefined;
  if (SETTING_KEYWORDS[phrase.toLowerCase()]) return { value: SETTING_KEYWORDS[phrase.toLowerCase()]! };
  phrase = asPlace(phrase, /^(?:\W|i think|maybe|probably|perhaps|how about|what about|um+|hmm+|oh+|ooh+)*\s*(?:somewhere|anywhere)\b/i.test(text));
  const key = phrase.toLowerCase();
  // Lower-case an ordinary first word; keep proper nouns ("Cornwall", "Grandma's house").
  const first = phrase.split(/\s+/)[0] ?? "";
  if (/^(a|an|the|our|my|his|her|their|somewhere|under|near|inside|by|up|down|some|this|that)$/i.test(first) || SETTING_KEYWORDS[first.toLowerCase()] || SETTING_PREPOSITION.test(key)) {
    phrase = phrase.charAt(0).toLowerCase() + phrase.slice(1);
  }
  if (NONE_PHRASES.includes(key)) return undefined;
  return { value: clampText(phrase, 100), ...(phrase.length > 100 ? { shortened: true } : {}) };
}

function gerund(verb: string) {
  const doubled = new Set(["stop", "sit", "run", "hug", "get", "put", "swim", "clap", "plan", "shop", "win", "begin", "let", "cut"]);
  if (doubled.has(verb)) return `${verb}${verb.at(-1)}ing`;
  if (/ie$/.test(verb)) return verb.replace(/ie$/, "ying");
  if (/[^aeiou]e$/.test(verb) && verb !== "be") return verb.replace(/e$/, "ing");
  return `${verb}ing`;
}

/** The lesson: a familiar one by its words, or the parent's own phrase tidied into one ("to share" → "sharing"). */
function findLesson(text: string, generous: boolean): { value: string; assumed?: boolean; shortened?: boolean } | undefined {
  const lower = text.toLowerCase();
  const known = LESSONS.find(({ words }) => words.test(lower));
  if (known) return { value: known.lesson };
  if (!generous) return undefined;
  if (isNone(lower)) return { value: "having fun", assumed: true };
  let phrase = lower
    .replace(/[.!?]+$/, "")
    .replace(/^(?:i'd like|i would like|i want|we want|we'd like|hopefully|maybe|something about|a lesson about|a lesson on|the lesson is|the importance of|about|that)\s+/, "")
    .replace(/^(?:her|him|them|the reader|kids|children)\s+to\s+(?:learn|know|understand|see|feel)\s+(?:about\s+|that\s+|how\s+)?/, "")
    .replace(/^(?:learning|learn|knowing|know|understanding)\s+(?:about\s+|that\s+|how\s+)?/, "")
    .replace(/^how to\s+/, "to ")
    .trim();
  if (saysNothing(phrase)) return undefined;
  phrase = stripFiller(phrase.replace(EDGE_PUNCTUATION, ""))
    .replace(/[\s,;]+(?:of course|obviously|definitely|i think)$/, "")
    .trim();
  const infinitive = phrase.match(/^to\s+([a-z]+)(.*)$/);
  if (infinitive?.[1]) phrase = `${gerund(infinitive[1])}${infinitive[2] ?? ""}`;
  if (phrase.length < 3) return undefined;
  return { value: clampText(phrase, 120), ...(phrase.length > 120 ? { shortened: true } : {}) };
}

function findTone(lower: string, strict = false): BookBrief["tone"] {
  const rules: [RegExp, NonNullable<BookBrief["tone"]>][] = [
    [/\b(not (?:too |very |at all )?scary|no(?:thing)? scary|gentle|calm|soft|quiet|sweet|soothing|tender|heart-?warming|kind|lovely|nice|peaceful|relaxing|reassuring)\b/, "gentle"],
    [/\b(funny|silly|giggl\w*|laugh\w*|hilarious|goofy|jokes?|humou?r\w*|fun|daft|bonkers|cheeky)\b/, "funny"],
    [/\b(adventur\w*|exciting|excitement|thrilling|daring|action|bold|epic|brave|quest)\b/, "adventurous"],
    [/\b(cos(?:y|ie)|coz(?:y|ie)|snug\w*|warm|bedtime|sleepy|cuddl\w*|night-?time|dreamy)\b/, "cosy"],
  ];
  if (strict) {
    // In passing, only when the parent is clearly talking about the book's feel.
    if (!/\b(tone|story|book|feel|read)\b/.test(lower) || /\bbedtime\b.*\bbook\b.*\bfor\b/.test(lower)) return undefined;
    const found = rules.filter(([pattern]) => pattern.test(lower)).map(([, tone]) => tone);
    return /\b(funny|silly|adventur\w*|cos(?:y|ie)|coz(?:y|ie))\s+(story|book|one|tale)\b/.test(lower) ? found[0] : undefined;
  }
  // The first tone the parent mentions wins ("funny but not scary" is funny and kind).
  let best: { index: number; tone: NonNullable<BookBrief["tone"]> } | undefined;
  for (const [pattern, tone] of rules) {
    const index = lower.search(pattern);
    if (index >= 0 && (!best || index < best.index)) best = { index, tone };
  }
  return best?.tone;
}

function findArtStyle(lower: string, strict = false): BookBrief["artStyle"] {
  if (
    strict &&
    !/\b(art style|style of|illustrat\w*|drawn in|pictures (?:should|in|like|to be|that look)|look like (?:a|an|the) (?:painting|drawing))\b/.test(lower) &&
    !/\b(water\s*colou?r|crayon|collage|ink|pencil|painted|paper)\s+(?:pictures?|illustrations?|drawings?|style|art)\b/.test(lower)
  ) {
    return undefined;
  }
  if (/beatrix potter|peter rabbit|brambly hedge|water\s*colou?r|painted|painterly|paint|soft colou?rs|pastel|dreamy|realistic|classic soft/.test(lower)) return "watercolour";
  if (/eric carle|hungry caterpillar|\bbold\b|collage|\bpaper\b|cut[- ]?outs?|felt\b(?![- ]tips?)|textur\w*|bold colou?rs|bright colou?rs|layered/.test(lower)) return "paper collage";
  if (/crayon|pencil|chalk|scribbl\w*|colouring|coloring|felt[- ]tips?|doodle|sketch\w*|hand[- ]drawn|child'?s drawing|oliver jeffers/.test(lower)) return "crayon";
  if (/\bink\b|quentin blake|roald dahl|gruffalo|axel scheffler|julia donaldson|dr\.? seuss|classic|storybook|line drawings?|old[- ]fashioned|vintage|traditional|cartoon|comic|\bpen\b|black and white|retro|old books/.test(lower)) return "storybook ink";
  return undefined;
}

function findPageCount(lower: string): { value: 8 | 12 | 16; adjusted?: boolean } | undefined {
  if (/\b(medium|middle|normal|standard|regular|average|in between|in-between|not too (?:long|short)|moderate|mid)\b/.test(lower)) return { value: 12 };
  const number = lower.match(/\b(\d{1,3}|eight|twelve|sixteen|ten|twenty|six|four|five|fourteen|ten)\b/)?.[1];
  const value = number ? numberFrom(number) ?? (/^\d+$/.test(number) ? Number(number) : undefined) : undefined;
  if (value !== undefined) {
    const nearest = PAGE_COUNTS.reduce((best, count) => (Math.abs(count - value) < Math.abs(best - value) ? count : best), PAGE_COUNTS[0]);
    return { value: nearest, ...(nearest !== value ? { adjusted: true } : {}) };
  }
  if (/\b(short|shorter|quick|little|small|brief|tiny|shortest)\b/.test(lower)) return { value: 8 };
  if (/\b(long|longer|longest|big|epic|as many|lots|maximum|max|biggest|loads)\b/.test(lower)) return { value: 16 };
  return undefined;
}

/** The readers a revision request uses too ("set it in space", "call the cat Pickle", "use crayon"). */
export const readers = { findLoves, findCompanion, findSetting, findLesson, findArtStyle, findTone, gerund };
