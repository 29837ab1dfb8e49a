import { clampText, mergeBrief, normaliseBrief, type BookBrief, type Plot } from "../../brief";
import type { Revision } from "../storyteller";
import { arcFor } from "./arcs";
import { castOf, loveOf } from "./cast";
import { agree, capitalise, joinList, pronounsFor } from "./grammar";
import { readers } from "./interpret";
import { loveScenes } from "./loves";
import { tidyName } from "./names";
import { shuffled } from "./seeded";
import { anotherSetting } from "./surprise";
import { offlinePlot, readRecipe, wordPattern, type Recipe } from "./plot";
import { GENTLER_WORDS, TONES } from "./tones";
import { INTERESTS } from "./vocabulary";

interface Work {
  brief: BookBrief;
  recipe: Recipe;
  /** What was done, in the words the summary will use. */
  done: string[];
  /** Requests that couldn't be applied, and why. */
  cannot: string[];
  /** Checks run on the new plot (against the one the parent saw) before the summary claims anything. */
  checks: ((plot: Plot, before: Plot) => Outcome | null)[];
  version: number;
  seedBefore: number;
}

/** What a check found: a change to report, a reason it couldn't be done, or a character to bring in. */
type Outcome = { claim: string } | { cannot: string } | { missing: string };

const NAME = "([\\p{Lu}][\\p{L}\\p{M}'-]*(?:\\s+[\\p{Lu}][\\p{L}\\p{M}'-]*){0,2})";
const TONE_NAMES = { funny: "funnier", adventurous: "more exciting", cosy: "cosier", gentle: "gentler" } as const;
const MOMENT_NAMES = { funny: "silly", adventurous: "daring", cosy: "snug, quiet", gentle: "soft, gentle" } as const;

function story(plot: Plot) {
  return plot.pages.map((page) => page.beat).join(" ");
}

function pagesWith(plot: Plot, test: (beat: string) => boolean) {
  return plot.pages.filter((page) => test(page.beat)).map((page) => page.number);
}

/** Pages that mention a word (and, when `before` is given, changed since then). */
function pagesMentioning(plot: Plot, word: string, before?: Plot) {
  const pattern = wordPattern(word);
  return plot.pages
    .filter((page) => pattern.test(page.beat) && (!before || before.pages.find((old) => old.number === page.number)?.beat !== page.beat))
    .map((page) => page.number);
}

function pageList(numbers: number[]) {
  if (!numbers.length) return "";
  return numbers.length === 1 ? `page ${numbers[0]}` : `pages ${joinList(numbers.slice(0, 4).map(String))}`;
}

function thirdPerson(verb: string) {
  if (/[^aeiou]y$/.test(verb)) return verb.replace(/y$/, "ies");
  if (/(s|sh|ch|x|z|o)$/.test(verb)) return `${verb}es`;
  if (verb === "have") return "has";
  return `${verb}s`;
}

/** "they eat ice cream on the beach" → "Then Maya and Miso eat ice cream on the beach." */
function sceneSentence(clause: string, brief: BookBrief): string {
  const c = castOf(brief);
  const group = c.pal ? `${c.name} and ${c.pal.short}` : c.name;
  let text = clause
    .trim()
    .replace(/[.!?]+$/, "")
    .replace(/^(they|them)\b/i, group)
    .replace(/^(she|he|her|him)\b/i, c.name);
  // From "can she fly a kite": "Maya fly a kite" → "Maya flies a kite".
  const alone = text.startsWith(`${c.name} `) && !(c.pal && text.startsWith(`${group} `));
  const verb = alone ? text.slice(c.name.length + 1).match(/^([a-z]+)(.*)$/) : null;
  if (verb?.[1] && !/s$/.test(verb[1]) && !/^(and|is|was|can|will)$/.test(verb[1])) {
    text = `${c.name} ${agree(pronounsFor(brief.pronoun), thirdPerson(verb[1]))}${verb[2] ?? ""}`;
  }
  if (!/^\p{Lu}/u.test(text)) text = `there's a moment with ${text}`;
  return clampText(`Then ${text}.`, 200);
}

/** Requests that read the whole feedback (titles and scenes may contain "and"). */
function wholeRequests(feedback: string, work: Work): string {
  let rest = feedback;
  const title = rest.match(/\b(?:call it|title it|name it|title should be|rename (?:it|the book)(?: to)?|change the title to|new title:?)\s+[“"']?([^“”"]{2,100}?)[”"']?\s*[.!]?$/i);
  if (title?.[1]) {
    // "Call it X and make it funnier": the title ends where the next request begins (unless quoted).
    const quoted = /[“"']\s*$/.test(title[0].slice(0, title[0].indexOf(title[1])));
    const next = quoted ? null : /(?:\s*,\s*|\s+)(?:and|then|also|plus)\s+(?:please\s+)?(?=(?:make|add|give|have|put|change|remove|take|let|set|move|turn|use|include|cut|drop)\b)/i.exec(title[1]);
    const chosenText = next ? title[1].slice(0, next.index) : title[1];
    work.recipe = { ...work.recipe, title: clampText(chosenText.trim(), 120) };
    const chosen = work.recipe.title as string;
    work.done.push(`retitled it “${chosen}”`);
    rest = rest.replace(title[0], next ? ` ${title[1].slice(next.index + next[0].length)}` : " ");
  }
  const dedication = rest.match(/\b(?:change the dedication to|the dedication should (?:say|be)|dedication:)\s+[“"]?(.+?)[”"]?\s*$/i);
  if (dedication?.[1]) {
    work.brief = mergeBrief(work.brief, { dedication: dedication[1] });
    work.done.push("updated the dedication");
    rest = rest.replace(dedication[0], " ");
  }
  const scene =
    rest.match(/\b(?:add|include|put in|have|give (?:it|us|me)|i'd like|i would like|could you add|can you add|can there be|let's have)\s+(?:a|an|another|one more)?\s*(?:scene|page|bit|part|moment)\s+(?:where|in which|when|with|about)\s+(.+?)(?:[.!;]|$)/i) ??
    rest.match(/\b(?:can|could|let|have|make)\s+(she|he|they|him|her|them)\s+((?!be\b|more\b|less\b)[a-z]+\b.+?)(?:[.!;?]|$)/i);
  if (scene) {
    const clause = scene.length > 2 && scene[2] ? `${scene[1]} ${scene[2]}` : (scene[1] as string);
    const sentence = sceneSentence(clause, work.brief);
    if (work.recipe.scenes.length < 6) work.recipe = { ...work.recipe, scenes: [...work.recipe.scenes, sentence] };
    work.checks.push((plot) => {
      const pages = pagesWith(plot, (beat) => beat.includes(sentence.slice(0, -1)));
      const what = clause.replace(/^(she|he|her|him)\b/i, work.brief.heroName ?? "$1").trim();
      return pages.length ? { claim: `added a moment where ${what} (${pageList(pages)})` } : { cannot: `I couldn't fit in “${what}”` };
    });
    rest = rest.replace(scene[0], " ");
  }
  return rest;
}

type Handler = (clause: string, raw: string, work: Work) => boolean;

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The capitalised words a capture starts with: "Emma and she" → "Emma". */
function capitalisedLead(capture: string | undefined): string | undefined {
  const words: string[] = [];
  for (const word of (capture ?? "").split(/\s+/)) {
    if (!/^\p{Lu}/u.test(word)) break;
    words.push(word);
  }
  return words.length ? words.join(" ") : undefined;
}

const toneHandler: Handler = (clause, _raw, work) => {
  let wanted: NonNullable<BookBrief["tone"]> | undefined;
  if (/\b(less funny|more serious|fewer jokes|not so silly|less silly)\b/.test(clause)) {
    work.brief = mergeBrief(work.brief, { tone: "gentle" });
    work.recipe = { ...work.recipe, boost: 0 };
    work.done.push("calmed the jokes down");
    return true;
  }
  if (/\b(funn(y|ier)|sill(y|ier)|jokes?|laugh\w*|humou?r\w*|giggl\w*|hilarious)\b/.test(clause)) wanted = "funny";
  else if (/\b(exciting|excitement|adventur\w*|action|thrilling|scarier|more scary|spookier|daring|epic)\b/.test(clause)) wanted = "adventurous";
  else if (/\b(cos(y|ier|ie)|coz(y|ier)|calm(er)?|bedtime|sleepy|soothing|quieter|snug\w*|softer)\b/.test(clause)) wanted = "cosy";
  else if (/\b(sweeter|gentle|tender|heart-?warming)\b/.test(clause)) wanted = "gentle";
  if (!wanted) return false;
  const same = work.brief.tone === wanted;
  if (same && work.recipe.boost >= 3) {
    work.cannot.push(`it's already as ${wanted === "funny" ? "silly" : wanted} as I can make it`);
    return true;
  }
  if (same) work.recipe = { ...work.recipe, boost: work.recipe.boost + 1 };
  else {
    work.brief = mergeBrief(work.brief, { tone: wanted });
    work.recipe = { ...work.recipe, boost: 0 };
  }
  if (wanted === "adventurous" && /\b(scarier|more scary|spookier)\b/.test(clause)) work.recipe = { ...work.recipe, gentle: false };
  const cast = castOf(work.brief);
  const lines = TONES[wanted].moments.map((moment) => moment.line(cast)).filter((line): line is string => Boolean(line));
  const scarier = /\b(scarier|more scary|spookier)\b/.test(clause);
  work.checks.push((plot) => {
    const tone = wanted as keyof typeof TONE_NAMES;
    const pages = pagesWith(plot, (beat) => lines.some((line) => beat.includes(line)));
    const text = story(plot);
    const example = lines.find((line) => text.includes(line) && line.length < 70)?.replace(/[.!]+$/, "");
    const label = scarier ? "more thrilling (exciting, but never too frightening for little ones)" : `${same ? "even " : ""}${TONE_NAMES[tone]}`;
    return { claim: `made it ${label}${pages.length ? ` — ${MOMENT_NAMES[tone]} moments now on ${pages.length} pages${example && tone === "funny" ? `, like “${example}”` : ""}` : ""}` };
  });
  return true;
};

const scaryHandler: Handler = (clause, _raw, work) => {
  if (!/\b(less scary|not (?:so |too |as )?scary|too scary|scared|frightening|gentler|softer|no scary|nothing scary|less frightening|less intense|too intense)\b/.test(clause)) return false;
  // "make the giant less scary" names someone: the friendliness handler takes it.
  const subject = clause.match(/\b(?:the|that|this)\s+([a-z]+)\s+(?:less|not|too)\b/)?.[1];
  if (subject && !/^(story|book|plot|it|ending|middle|bit|part)$/.test(subject)) return false;
  work.recipe = { ...work.recipe, gentle: true };
  work.checks.push((plot, before) => {
    const text = story(plot);
    if (text === story(before)) return { cannot: "there's nothing scary in it, and I'll keep it that way" };
    const stillScary = GENTLER_WORDS.some(([pattern]) => new RegExp(pattern.source, "i").test(text));
    return { claim: stillScary ? "softened the scarier moments" : "made it gentler — nothing scary now, just small wobbles that turn out fine" };
  });
  return true;
};

const friendlyHandler: Handler = (clause, _raw, work) => {
  const names = [work.brief.companion?.name, work.brief.heroName].filter((name): name is string => Boolean(name)).map((name) => name.toLowerCase());
  const match =
    clause.match(/\b(?:make\s+)?(?:the|that|this|a)\s+((?:[a-z]+\s+)?[a-z]+)\s+(?:a (?:lot |bit )?)?(?:friendlier|kinder|nicer|more friendly|less scary|less grumpy|less mean|cuter|not scary|not so scary|nice|friendly|kind)\b/) ??
    clause.match(/\bmake\s+([\p{L}'-]+)\s+(?:a (?:lot |bit )?)?(?:friendlier|kinder|nicer|more friendly|cuter)\b/u);
  if (!match?.[1]) return false;
  if (!names.includes(match[1]) && !/^(the|that|this|a)\b/.test(match[0].replace(/^make\s+/, ""))) return false;
  let subject = names.includes(match[1]) ? match[1] : (match[1].split(/\s+/).at(-1) ?? match[1]).replace(/s$/, "");
  // "the creature", "the monster": whoever is at the heart of this story's problem.
  const character = arcFor(work.brief.lesson ?? "").character;
  if (character && /^(creature|monster|baddie|villain|guy|beast|character|bad)$/.test(subject)) subject = character;
  if (/^(story|book|plot|it|ending|everything|thing|bit|part|middle|whole)$/.test(subject)) {
    work.recipe = { ...work.recipe, gentle: true };
    work.done.push("made it gentler and kinder");
    return true;
  }
  if (!work.recipe.friendly.includes(subject)) work.recipe = { ...work.recipe, friendly: [...work.recipe.friendly, subject].slice(-8) };
  work.checks.push((plot, before) => {
    const changed = pagesMentioning(plot, subject, before);
    const who = [work.brief.companion?.name, work.brief.heroName].find((name) => name?.toLowerCase() === subject) ?? `the ${subject}`;
    if (changed.length) return { claim: `made ${who} friendlier (${pageList(changed)})` };
    // Not in the story: bring in a friendly one rather than claim a change that didn't happen.
    return wordPattern(subject).test(story(plot)) ? null : { missing: subject };
  });
  return true;
};

const lengthHandler: Handler = (clause, _raw, work) => {
  const current = work.brief.pageCount ?? 12;
  const explicit = clause.match(/\b(8|12|16|eight|twelve|sixteen|\d{1,2})\s+pages?\b/)?.[1];
  if (explicit) {
    const words: Record<string, number> = { eight: 8, twelve: 12, sixteen: 16 };
    const wanted = words[explicit] ?? Number(explicit);
    const nearest = ([8, 12, 16] as const).reduce((best, count) => (Math.abs(count - wanted) < Math.abs(best - wanted) ? count : best), 8 as 8 | 12 | 16);
    if (nearest === current) work.cannot.push(nearest === wanted ? `it's already ${current} pages` : `Bookbug books come in 8, 12 or 16 pages, so I've kept it at ${current}`);
    else {
      work.brief = mergeBrief(work.brief, { pageCount: nearest });
      work.done.push(nearest === wanted ? `made it ${nearest} pages` : `made it ${nearest} pages (books come in 8, 12 or 16)`);
    }
    return true;
  }
  if (/\b(shorter|fewer pages|too long|cut it down|less pages|shorten)\b/.test(clause)) {
    if (current <= 8) work.cannot.push("it's already 8 pages, the shortest a Bookbug book can be, so I've kept the length");
    else {
      const next = current === 16 ? 12 : 8;
      work.brief = mergeBrief(work.brief, { pageCount: next });
      work.done.push(`shortened it from ${current} to ${next} pages`);
    }
    return true;
  }
  if (/\b(longer|more pages|too short|lengthen|extend|bigger book)\b/.test(clause)) {
    if (current >= 16) work.cannot.push("it's already 16 pages, the longest a Bookbug book can be, so I've kept the length");
    else {
      const next = current === 8 ? 12 : 16;
      work.brief = mergeBrief(work.brief, { pageCount: next });
      work.done.push(`made it longer: ${next} pages instead of ${current}`);
    }
    return true;
  }
  return false;
};

// Compiled once: Unicode-aware patterns are slow to build.
const RENAME = {
  hero: new RegExp(`\\b(?:(?:her|his|their|the hero's|the child's) name (?:is|should be|'s)(?: actually| really)?|call (?:her|him|them|the hero)|rename (?:her|him|them|the hero)(?: to)?|change (?:her|his|their|the hero's) name to)\\s+${NAME}`, "iu"),
  pet: new RegExp(`\\b(?:call|name|rename)\\s+(?:the|her|his|their)\\s+([a-z]+(?:\\s+[a-z]+)?)\\s+(?:to\\s+)?${NAME}`, "iu"),
  petShould: new RegExp(`\\b(?:the|her|his|their)\\s+([a-z]+(?:\\s+[a-z]+)?)(?:'s name)?\\s+should be (?:called\\s+)?${NAME}`, "iu"),
};
const renameOf = (name: string) => new RegExp(`\\b(?:call|rename|change)\\s+${escapeRegExp(name)}(?:'s name)?\\s+(?:to\\s+)?${NAME}`, "iu");

const renameHandler: Handler = (clause, raw, work) => {
  if (!/\b(name|call|rename|should be)\b/.test(clause)) return false;
  const companion = work.brief.companion;
  const heroName = work.brief.heroName;
  const hero = raw.match(RENAME.hero)?.[1] ?? (heroName && clause.includes(heroName.toLowerCase()) ? raw.match(renameOf(heroName))?.[1] : undefined);
  const heroWords = capitalisedLead(hero);
  if (heroWords) {
    const name = tidyName(heroWords);
    work.brief = mergeBrief(work.brief, { heroName: name });
    if (work.recipe.title && heroName) work.recipe = { ...work.recipe, title: work.recipe.title.split(heroName).join(name) };
    work.done.push(`renamed the hero ${name}`);
    return true;
  }
  const pet =
    raw.match(RENAME.pet) ??
    raw.match(RENAME.petShould) ??
    (companion?.name && clause.includes(companion.name.toLowerCase()) ? raw.match(renameOf(companion.name))?.map((part, index) => (index === 1 ? companion.kind : part)) : null);
  const petName = capitalisedLead(pet?.[2]);
  if (pet?.[1] && petName) {
    const kind = pet[1].toLowerCase();
    const name = tidyName(petName);
    if (companion && (companion.kind.toLowerCase().includes(kind) || kind.includes(companion.kind.toLowerCase()) || /^(companion|pet|friend|sidekick)$/.test(kind))) {
      work.brief = mergeBrief(work.brief, { companion: { kind: companion.kind, name } });
      work.done.push(`named the ${companion.kind} ${name}`);
    } else {
      work.brief = mergeBrief(work.brief, { companion: { kind, name } });
      work.done.push(companion ? `swapped in a ${kind} called ${name} as the companion` : `added a ${kind} called ${name} to come along`);
    }
    return true;
  }
  return false;
};

const companionHandler: Handler = (clause, raw, work) => {
  const companion = work.brief.companion;
  const ref = companion ? `(?:${companion.kind.split(/\s+/).at(-1)}|companion|pet|${companion.name ?? "\u0000"})` : "(?:companion|pet)";
  const swap = raw.match(new RegExp(`\\b(?:change|swap|turn|make)\\s+(?:the\\s+|her\\s+|his\\s+|their\\s+)?${ref}\\s+(?:to|for|into|a|an)\\s+(?:a\\s+|an\\s+)?([a-z]+(?:\\s+[a-z]+)?)`, "i"));
  if (companion && swap?.[1] && !/^(friendlier|nicer|kinder|funnier|cuter|bit|lot)$/.test(swap[1])) {
    const kind = swap[1].toLowerCase().replace(/\s+instead$/, "");
    work.brief = mergeBrief(work.brief, { companion: { kind, ...(companion.name ? { name: companion.name } : {}) } });
    work.done.push(`made ${companion.name ?? "the companion"} a ${kind}`);
    return true;
  }
  if (companion && new RegExp(`\\b(?:remove|take out|get rid of|without|no|leave out|drop)\\s+(?:the\\s+|her\\s+|his\\s+|their\\s+)?${ref}\\b`, "i").test(clause)) {
    work.brief = mergeBrief(work.brief, { companion: null });
    work.done.push(`took ${companion.name ?? `the ${companion.kind}`} out — it's a solo adventure now`);
    return true;
  }
  if (/\b(add|give (?:her|him|them)|bring|include)\b/.test(clause)) {
    const found = readers.findCompanion(raw.replace(/^.*?\b(add|give (?:her|him|them)|bring|include)\b\s*/i, ""), true);
    if (found && /\b(named|called)\b|\b(dog|cat|puppy|kitten|dragon|teddy|owl|fox|bunny|rabbit|unicorn|robot|sister|brother|friend|grandma|grandpa)\b/.test(found.value.kind + clause)) {
      if (companion && companion.kind === found.value.kind && !found.value.name) return false;
      work.brief = mergeBrief(work.brief, { companion: found.value });
      work.done.push(companion ? `swapped the companion for ${found.value.name ?? `a ${found.value.kind}`}` : `added ${found.value.name ? `${found.value.name} the ${found.value.kind}` : `a ${found.value.kind}`} to come along`);
      return true;
    }
  }
  return false;
};

/** "Set it somewhere else", "a different place": a new setting of our choosing. */
const ELSEWHERE = /\b(?:somewhere|anywhere|some ?place) (?:else|different|new)\b|\b(?:a )?(?:different|new|another) (?:place|setting|world|location)\b/i;

const settingHandler: Handler = (_clause, raw, work) => {
  if (ELSEWHERE.test(raw)) {
    const setting = anotherSetting(work.brief.setting, work.seedBefore, work.version);
    work.brief = mergeBrief(work.brief, { setting });
    work.done.push(`moved the story to ${setting}`);
    return true;
  }
  const match = raw.match(/\b(?:set (?:it|the story)|move (?:it|the story)|change the (?:setting|place) to|take place|happen|have it)\s+((?:(?:in|at|on|under|near|to|by|inside)\s+|somewhere\b).+?)(?:\s+instead)?[.!]?$/i);
  if (!match?.[1]) return false;
  const setting = readers.findSetting(match[1], true);
  if (!setting) return false;
  work.brief = mergeBrief(work.brief, { setting: setting.value });
  work.done.push(`moved the story to ${setting.value}`);
  return true;
};

const lessonHandler: Handler = (_clause, raw, work) => {
  const match = raw.match(/\b(?:make it about|make the lesson|the lesson should be|change the lesson to|it should be about|more about|about)\s+(.+?)(?:\s+instead)?[.!]?$/i);
  if (!match?.[1]) return false;
  const lesson = readers.findLesson(match[1], false);
  if (!lesson) return false;
  if (lesson.value === work.brief.lesson) {
    work.cannot.push(`it's already about ${lesson.value}`);
    return true;
  }
  work.brief = mergeBrief(work.brief, { lesson: lesson.value });
  work.done.push(`made the story about ${lesson.value}`);
  return true;
};

const styleHandler: Handler = (clause, _raw, work) => {
  if (!/\b(style|pictures?|illustrat\w*|drawn|draw it|watercolou?r|crayons?|collage|ink|painted|pencil)\b/.test(clause)) return false;
  const style = readers.findArtStyle(clause);
  if (!style) return false;
  if (style === work.brief.artStyle) work.cannot.push(`the pictures are already ${style}`);
  else {
    work.brief = mergeBrief(work.brief, { artStyle: style });
    work.done.push(`switched the pictures to ${style}`);
  }
  return true;
};

const ageHandler: Handler = (clause, _raw, work) => {
  const match = clause.match(/\b(?:she's|he's|they're|she is|he is|they are|is)\s+(?:actually\s+|really\s+|now\s+)?(\d{1,2})\b(?!\s*pages)/);
  if (!match?.[1]) return false;
  work.brief = mergeBrief(work.brief, { heroAge: Number(match[1]) });
  work.done.push(`wrote it for a ${work.brief.heroAge}-year-old`);
  return true;
};

const freshHandler: Handler = (clause, _raw, work) => {
  if (!/\b(different|start (?:again|over)|try again|completely new|another (?:version|go|try)|(?:don't|do not) like|not keen|rewrite|redo|re-do|new (?:story|version|plot)|something else|fresh)\b/.test(clause)) return false;
  // However many clauses ask for it, one fresh telling per revision.
  work.recipe = { ...work.recipe, seed: Math.max(work.version, work.seedBefore + 1) };
  work.done.push("wrote a fresh version, keeping every detail you gave me");
  return true;
};

const removeHandler: Handler = (clause, _raw, work) => {
  const match = clause.match(/\b(?:remove|take out|get rid of|no more|without|leave out|drop|lose|no)\s+(?:the\s+|all the\s+|any\s+)?([a-z]+(?:\s+[a-z]+)?)/);
  if (!match?.[1]) return false;
  const thing = match[1].replace(/\s+(?:please|bit|part|page)$/, "");
  if (STOP_ITEMS.test(thing) || /^(thanks|thank you|problem|worries|need|way)\b/.test(thing)) return false;
  const love = (work.brief.loves ?? []).find((item) => wordPattern(thing).test(item));
  if (love) {
    const loves = (work.brief.loves ?? []).filter((item) => item !== love);
    work.brief = { ...normaliseBrief(work.brief), loves: loves.length ? loves : ["adventures"] };
    work.recipe = { ...work.recipe, focus: work.recipe.focus.filter((item) => item !== love) };
  }
  if (/^(jokes?|silly bits?)$/.test(thing)) return toneHandler("less funny", "less funny", work);
  if (!work.recipe.avoid.includes(thing)) work.recipe = { ...work.recipe, avoid: [...work.recipe.avoid, thing].slice(-8) };
  const wasThere = (before: Plot) => wordPattern(thing).test(story(before));
  work.checks.push((plot, before) =>
    !wasThere(before) ? { cannot: `there's no ${thing} in this version of the story` } : wordPattern(thing).test(story(plot)) ? null : { claim: `took out the ${thing}` },
  );
  return true;
};

const STOP_ITEMS = /^(it|more|pages?|jokes?|fun|humou?r|adventure|excitement|action|detail|details|words|colour|stuff|things|please|a bit|lots|some|story|book)$/;

const moreHandler: Handler = (clause, raw, work) => {
  const match = raw.match(/\b(?:more|add|include|put in|lots of|extra|plenty of|with)\s+(?:more\s+|some\s+|lots of\s+|a few\s+)?(?:about\s+)?(.+)$/i);
  if (!match?.[1]) return false;
  const items = readers
    .findLoves(match[1], true)
    .map((item) => INTERESTS[item.toLowerCase()] ?? item)
    .filter((item) => !STOP_ITEMS.test(item.toLowerCase()) && item.split(/\s+/).length <= 5);
  if (!items.length) return false;
  const existing = work.brief.loves ?? [];
  // "more drawing" when they love "drawing comics" means more of that, not a new love.
  for (const [index, item] of items.entries()) {
    const known = existing.find((love) => love.toLowerCase() !== item.toLowerCase() && wordPattern(item).test(love));
    if (known) items[index] = known;
  }
  const fresh = items.filter((item) => !existing.some((love) => love.toLowerCase() === item.toLowerCase()));
  if (fresh.length) work.brief = mergeBrief(work.brief, { loves: fresh });
  const focus = [...new Set([...work.recipe.focus, ...items])].slice(-6);
  work.recipe = { ...work.recipe, focus };
  for (const item of items) {
    // A love shows up by name or in one of its own scenes (a diplodocus is dinosaurs too).
    const scenes = loveScenes(castOf(work.brief), loveOf(item));
    work.checks.push((plot, before) => {
      const changed = pagesWith(plot, (beat) => (wordPattern(item).test(beat) || scenes.some((scene) => beat.includes(scene))) && !before.pages.some((old) => old.beat === beat));
      if (changed.length) return { claim: `${fresh.includes(item) ? "added" : "added more"} ${item} (${pageList(changed)})` };
      const anywhere = pagesMentioning(plot, item);
      return anywhere.length ? { cannot: `${item} is already on ${pageList(anywhere)}, and there's no room for more in ${plot.pages.length} pages` } : null;
    });
  }
  return true;
};

const HANDLERS: Handler[] = [
  renameHandler,
  lengthHandler,
  // Before "fresh": "a different place" asks for a new setting, not a new story.
  settingHandler,
  freshHandler,
  scaryHandler,
  friendlyHandler,
  toneHandler,
  styleHandler,
  companionHandler,
  ageHandler,
  removeHandler,
  lessonHandler,
  moreHandler,
];

const HELP =
  "You can ask me to make it funnier, gentler or more exciting, longer or shorter, add something (“add more dinosaurs”, “add a page where they fly a kite”), rename someone (“call the cat Pickle”) or set it somewhere else.";

/**
 * Applies a parent's request to the current plot and brief. The plot is
 * rebuilt from the current brief and the plot's recipe, so everything asked
 * for before stays; the summary says only what really changed, and plainly
 * when something couldn't be done.
 */
export function offlineRevise(bookId: string, brief: BookBrief, plot: Plot, feedback: string, version: number): Revision {
  if (LEFT_TO_US.test(feedback.replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim())) {
    const chosen = chosenForYou(bookId, brief, plot, version);
    if (chosen) return chosen;
  }
  return applyRequest(bookId, brief, plot, feedback, version).revision;
}

/**
 * What "you choose" or "surprise me" means at the plot review: one real
 * change, picked for the book (stable for it and this version), said plainly.
 * Approving stays the parent's own step, since it spends a credit.
 */
const CHOSEN_CHANGES = ["make it funnier", "make it more exciting", "make it gentler"];

/** The whole answer hands the choice to us ("not sure" does not: that is doubt, not a free hand). */
const LEFT_TO_US =
  /^(?:(?:ok|okay|hmm|um),? )?(?:you choose|you pick|you decide|surprise me|surprise us|up to you|your choice|your call|pick for me|choose for me|dealer's choice|whatever you (?:like|think|want))(?:,? (?:please|then|thanks))?[\s!.]*$/i;

function chosenForYou(bookId: string, brief: BookBrief, plot: Plot, version: number): Revision | null {
  for (const request of shuffled(CHOSEN_CHANGES, bookId, "chosen", version)) {
    const { revision, changed } = applyRequest(bookId, brief, plot, request, version);
    if (!changed) continue;
    const summary = `You left it to me: ${revision.plot.summary}`;
    return { ...revision, plot: { ...revision.plot, summary: clampText(summary, 300) } };
  }
  return null;
}

/** The revision, and whether it changed anything (not only said why it could not). */
function applyRequest(bookId: string, brief: BookBrief, plot: Plot, feedback: string, version: number): { revision: Revision; changed: boolean } {
  const recipe = readRecipe(plot.recipe, Math.max(1, version - 1));
  const work: Work = { brief: normaliseBrief(brief), recipe, done: [], cannot: [], checks: [], version, seedBefore: recipe.seed };
  const text = feedback.replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim();
  const rest = wholeRequests(text, work);
  const clauses = rest
    .split(/[.;!?]+|,\s*(?:and\s+|but\s+|then\s+)?|\s+(?:and|but|also|then|plus)\s+(?=(?:please\s+)?(?:make|add|call|change|set|give|put|remove|take|let|have|can|could|use|turn|swap|no|more|less|include|name|rename|move|get|lose|drop|she|he|they|it|the|a|an|maybe|please|i)\b)/i)
    .map((clause) => clause.trim())
    .filter((clause) => clause.length > 1);
  const unplaced: string[] = [];
  for (const raw of clauses) {
    const clause = raw.toLowerCase();
    if (/^(please|thanks|thank you|great|lovely|love it|perfect|ok|okay|nice|hmm|also|and)$/.test(clause)) continue;
    if (!HANDLERS.some((handler) => handler(clause, raw, work))) unplaced.push(raw);
  }

  let next = offlinePlot(bookId, work.brief, version, work.recipe);
  const claims: string[] = [...work.done];
  const asides: string[] = [];
  for (const check of work.checks) {
    const result = check(next, plot);
    if (result && "missing" in result) {
      // Asked to befriend someone who isn't in this story: bring them in, friendly from the start.
      const subject = result.missing;
      const article = /^[aeiou]/.test(subject) ? "an" : "a";
      work.recipe = { ...work.recipe, scenes: [...work.recipe.scenes, `Along the way, ${article} friendly ${subject} comes over to say hello and walks with ${castOf(work.brief).name} for a while.`].slice(-6) };
      next = offlinePlot(bookId, work.brief, version, work.recipe);
      const pages = pagesWith(next, (beat) => beat.includes(`friendly ${subject}`));
      claims.push(`added a friendly ${subject}${pages.length ? ` (${pageList(pages)})` : ""}`);
      asides.push(`There wasn't ${article} ${subject} in this version, so the new one is friendly from the start.`);
    } else if (result && "cannot" in result) work.cannot.push(result.cannot);
    else if (result) claims.push(result.claim);
  }
  const unique = [...new Set(claims)];
  const parts: string[] = [];
  if (unique.length) parts.push(`I ${joinList(unique)}.`, ...asides);
  if (work.cannot.length) parts.push(`${capitalise(joinList(work.cannot))}.`);
  if (unplaced.length) {
    const quoted = clampText(unplaced[0] as string, 60);
    parts.push(unique.length || work.cannot.length ? `I wasn't sure how to do “${quoted}”, so I left that part as it was.` : `I'm not sure how to do “${quoted}” yet, so the story is unchanged. ${HELP}`);
  }
  if (!parts.length) parts.push(`I'm not sure what to change, so the story is unchanged. ${HELP}`);
  return { revision: { plot: { ...next, summary: clampText(parts.join(" "), 300) }, brief: work.brief }, changed: unique.length > 0 };
}
