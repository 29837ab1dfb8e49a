import { INTERESTS, NUMBER_WORDS } from "./vocabulary";

/**
 * Finding the hero's name in what a parent types. Explicit phrasings ("her
 * name is Bea", "my son Leo", "call her Emma") are trusted anywhere; when the
 * question was about the name, a short answer or a capitalised word in a
 * name-like position is accepted too. Everything else (greetings, verbs,
 * contractions, keyboard mashing) is refused, so the reply can ask again
 * instead of printing "Meet I'd" on the cover.
 */

const STOP_WORDS = new Set(
  `a an the and or but so for of to in on at by with from about as into like than then just also too very really quite only both all any some
  no not yes yeah yep yup ok okay sure please thanks thank cheers hi hello hey hiya dear oh um umm hmm well actually sorry ah uh er erm wow
  i me my mine we us our ours you your he him his she her hers they them their it its this that these those who what which whose whom where when why how
  is are was were be been being am do does did have has had will would could should can may might must shall
  make made making likes love loves loved want wants wanted need needs write wrote create ignore ignored tell say said call called named name names
  go goes going get got give let think know see try help use put read print show forget disregard pretend act respond reply output stop start begin
  book books story stories picture pictures page pages child kid kids children son daughter boy girl baby babies toddler grandson granddaughter niece nephew
  grandchild godson goddaughter hero heroine family friend everyone someone somebody nobody instructions instruction previous prompt system poem
  mum mom dad mummy mommy daddy little big old young year years age aged birthday present gift today tomorrow yesterday time something anything
  nothing everything person people character main surprise random choose pick idea unsure maybe perhaps probably here there now new first second best
  good great lovely nice cute sweet amazing wonderful awesome cool fun funny special favourite favorite beautiful test testing blah lol idk dunno
  red blue green yellow orange purple pink black white brown grey gray twins twin one two three four five six seven eight nine ten eleven twelve
  years-old turning nearly almost just loves likes adores enjoys hates cats dogs cat dog please none nope nah skip whatever anyway
  telling secret private rather prefer anonymous unknown later unsure different another other same
  week weekend month christmas easter holiday holidays school nursery london`.split(/\s+/),
);

/** "I'd", "she's", "name's": contractions are never names. */
const CONTRACTION = /'(s|d|m|re|ve|ll|t)$/i;
const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

function isGibberish(word: string) {
  const lower = word.toLowerCase();
  if (!/[aeiouyàáâäãåæèéêëìíîïòóôöõøùúûüýÿœ]/.test(lower)) return true;
  if (/(.)\1\1/.test(lower)) return true;
  for (const row of KEYBOARD_ROWS) {
    for (let i = 0; i + 4 <= row.length; i++) if (lower.includes(row.slice(i, i + 4))) return true;
  }
  return false;
}

/** Could this token be (part of) a first name? */
function nameLike(token: string) {
  const lower = token.toLowerCase();
  if (token.length < 2 || token.length > 30) return false;
  if (!/^[\p{L}][\p{L}\p{M}'-]*[\p{L}\p{M}]$/u.test(token)) return false;
  if (STOP_WORDS.has(lower) || CONTRACTION.test(lower) || INTERESTS[lower] || NUMBER_WORDS[lower] !== undefined) return false;
  return !isGibberish(token.replace(/[-']/g, ""));
}

/** Could this single word be a name? (For readers elsewhere that find a name after a companion's kind.) */
export function nameLikeWord(word: string) {
  return nameLike(word);
}

/** "maya" → "Maya", "ZOË-MARIE" → "Zoë-Marie"; mixed case as typed ("McKenzie") is kept. */
export function tidyName(name: string) {
  return name
    .split(/([\s-])/)
    .map((part) => (part === part.toLowerCase() || part === part.toUpperCase() ? part.charAt(0).toUpperCase() + part.slice(1).toLowerCase() : part))
    .join("");
}

const NAME = "([\\p{L}][\\p{L}\\p{M}'’-]*(?:\\s+[\\p{Lu}][\\p{L}\\p{M}'’-]*)?)";
const RELATION =
  "(?:little\\s+|big\\s+|baby\\s+|eldest\\s+|youngest\\s+|middle\\s+|oldest\\s+|older\\s+|younger\\s+|lovely\\s+|beautiful\\s+|wonderful\\s+|gorgeous\\s+)?(?:daughter|son|child|kid|girl|boy|grandson|granddaughter|grandchild|niece|nephew|godson|goddaughter|godchild|little one|toddler|stepson|stepdaughter)";

/**
 * Phrasings that state the hero's name; `strong` ones also correct an earlier
 * answer. Each has a cheap `cue` checked first, so long answers stay quick.
 */
const EXPLICIT: { cue: RegExp; pattern: RegExp; strong: boolean; capitalised?: boolean }[] = [
  { cue: /name/i, pattern: new RegExp(`\\b(?:her|his|their|the hero's|our hero's|the child's|my ${RELATION}'s|the ${RELATION}'s)\\s+name\\s*(?:is|'s|’s|:|=|will be|would be)\\s+${NAME}`, "iu"), strong: true },
  { cue: /name/i, pattern: new RegExp(`(?:^|[.!?,;:]\\s*|\\b(?:and|so|oh)\\s+)(?:the\\s+|first\\s+)?name(?:'s|’s|\\s+is|\\s*:|\\s*=)\\s+${NAME}`, "iu"), strong: true },
  { cue: /called|named/i, pattern: new RegExp(`\\b(?:she|he|they)(?:'s|’s| is| are|'re)\\s+(?:called|named)\\s+${NAME}`, "iu"), strong: true },
  { cue: /call|name/i, pattern: new RegExp(`\\b(?:call|name)\\s+(?:her|him|them|the hero|our hero|the child)\\s+${NAME}`, "iu"), strong: true },
  { cue: /actually|sorry|no|oops|correction/i, pattern: new RegExp(`\\b(?:actually|sorry|no|oops|correction)[,!.]?\\s+(?:it's|its|it is|it’s|she's|he's|they're)\\s+${NAME}`, "iu"), strong: true },
  {
    cue: /daughter|son|child|kid|girl|boy|niece|nephew|little one|toddler/i,
    pattern: new RegExp(`\\b(?:my|our|a|the|[\\p{L}]+'s|[\\p{L}]+’s)\\s+${RELATION}(?:,|\\s+named|\\s+called)?\\s+${NAME}`, "iu"),
    strong: false,
  },
  { cue: /it's|its|it’s|it is|this is|meet|introducing|say hello/i, pattern: new RegExp(`\\b(?:it's|its|it’s|it is|this is|meet|introducing|say hello to)\\s+${NAME}`, "iu"), strong: false, capitalised: true },
  { cue: /\bfor\b/i, pattern: new RegExp(`\\b(?:book|story|it|this|one) (?:is |will be |would be )?for\\s+${NAME}`, "iu"), strong: false, capitalised: true },
  { cue: /\bfor\b/i, pattern: new RegExp(`\\bfor\\s+${NAME}(?=\\s*(?:[,.!?]|$|who\\b|,? (?:she|he|they)(?:'s| is| are)))`, "iu"), strong: false, capitalised: true },
];

/** The name part of a capture: the first token, plus a second capitalised one ("Mary Jane") if it is name-like. */
function cleanCapture(capture: string | undefined, requireCapital: boolean): string | undefined {
  if (!capture) return undefined;
  const tokens = capture.replace(/’/g, "'").split(/\s+/);
  const first = tokens[0] ?? "";
  if (!nameLike(first)) return undefined;
  if (requireCapital && !/^\p{Lu}/u.test(first)) return undefined;
  const second = tokens[1];
  const both = second && nameLike(second) && /^\p{Lu}/u.test(first) ? `${first} ${second}` : first;
  return tidyName(both);
}

export interface NameReading {
  name: string;
  /** Stated in so many words ("her name is …"), so it may replace an earlier answer. */
  strong: boolean;
}

/** An explicitly stated name anywhere in the text. */
export function findExplicitName(text: string, askedAboutName: boolean): NameReading | undefined {
  for (const { cue, pattern, strong, capitalised } of EXPLICIT) {
    if (!cue.test(text)) continue;
    const name = cleanCapture(text.match(pattern)?.[1], Boolean(capitalised) && !askedAboutName);
    if (name) return { name, strong };
  }
  return undefined;
}

const LEADING_FILLER = /^(?:(?:hi|hello|hey|hiya|ok|okay|so|well|um+|oh|yes|yeah|sure|right|great|lovely|thanks|thank you)\b[\s,!.]*)+/i;

/**
 * The name in an answer to "what's the hero's name?": explicit phrasings
 * first, then a short answer ("Maya", "it's maya!"), then a capitalised word
 * where names go ("Bea, she's 5", "Sam is 4 and loves cars").
 */
export function findNameAnswer(text: string): string | undefined {
  const explicit = findExplicitName(text, true);
  if (explicit) return explicit.name;
  const stripped = text.replace(/’/g, "'").replace(LEADING_FILLER, "").trim();
  const tokens = stripped.split(/[\s,.!?;:()"“”]+/).filter(Boolean);
  if (tokens.length === 0) return undefined;
  if (tokens.length <= 3) {
    const index = tokens.findIndex(nameLike);
    const first = tokens[index];
    if (first !== undefined) {
      const next = tokens[index + 1];
      const pair = next && nameLike(next) && /^\p{Lu}/u.test(first) && /^\p{Lu}/u.test(next) ? `${first} ${next}` : first;
      return tidyName(pair);
    }
    return undefined;
  }
  // Longer answers: a name sits at the start before a comma or a verb, or is capitalised mid-sentence.
  const lead = stripped.match(/^([\p{L}][\p{L}\p{M}'-]*)(?:\s*[,(:–—-]|\s+(?:is|was|loves|likes|adores|has|turns|turned|will|who|and (?:she|he|they))\b)/u);
  if (lead?.[1] && nameLike(lead[1])) return tidyName(lead[1]);
  // "its for my daugter amelia": the name at the end of "for (my) …", typed in lower case.
  const forWhom = stripped.match(/\bfor\s+(?:my\s+|our\s+)?(?:[a-z]+\s+)?([\p{L}][\p{L}\p{M}'-]*)[.!]?$/u)?.[1];
  if (forWhom && nameLike(forWhom) && !INTERESTS[forWhom.toLowerCase()]) return tidyName(forWhom);
  const words = stripped.split(/\s+/);
  for (let i = 1; i < words.length; i++) {
    const word = (words[i] ?? "").replace(/[,.!?;:()"“”]+$/, "");
    const before = (words[i - 1] ?? "").toLowerCase();
    const sentenceStart = /[.!?]$/.test(before);
    // A capital after "loves" or "with" is a thing or a companion, not the hero.
    const afterThing = /^(loves?|likes?|adores?|enjoys?|with|and|the|a|an|her|his|their|my|our|about|into|of|watching|playing|called|named)$/.test(before);
    if (!sentenceStart && !afterThing && /^\p{Lu}/u.test(word) && nameLike(word)) return tidyName(word);
  }
  return undefined;
}

/** An answer that is only a name ("Emma", "Zoë-Marie"): a correction when the name was already asked. */
export function bareName(text: string): string | undefined {
  const stripped = text.replace(/’/g, "'").replace(LEADING_FILLER, "").replace(/[.!?]+$/, "").trim();
  const match = stripped.match(/^(?:(?:no|actually|sorry|oops)[,!.]?\s+)?(?:(?:it's|its|it is)\s+)?([\p{L}][\p{L}\p{M}'-]*)(?:\s+([\p{Lu}][\p{L}\p{M}'-]*))?(?:,?\s+not\s+[\p{L}'-]+)?$/u);
  if (!match?.[1] || !nameLike(match[1])) return undefined;
  if (!/^\p{Lu}/u.test(match[1]) && !/^(no|actually|sorry|oops)\b/i.test(stripped)) return undefined;
  return tidyName(match[2] && nameLike(match[2]) ? `${match[1]} ${match[2]}` : match[1]);
}
