import { clampText, type BookBrief, type Plot } from "../../brief";
import { arcFor, type ArcOptions } from "./arcs";
import { castOf, type Cast, type Love } from "./cast";
import { capitalise, joinList, sentence } from "./grammar";
import { loveScenes, loveSkill, loveTitle } from "./loves";
import { pick, shuffledQuick as shuffled } from "./seeded";
import { GENTLER_WORDS, TONE_SHARE, TONES, travellers, tv } from "./tones";

/**
 * The choices behind a plot besides the brief, kept on the plot so a revision
 * can change one thing and keep everything else exactly as it was.
 */
export interface Recipe {
  /** Seeds the wording; a new seed is a fresh telling. */
  seed: number;
  /** Extra helpings of the tone ("make it funnier" twice). */
  boost: number;
  /** Nothing scary: gentler problems and words. */
  gentle: boolean;
  /** Characters asked to be friendlier. */
  friendly: string[];
  /** Loves asked for "more" of. */
  focus: string[];
  /** Moments the parent asked for, as sentences. */
  scenes: string[];
  /** Things to leave out. */
  avoid: string[];
  title?: string;
}

function strings(value: unknown, max: number, count: number): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string" && item.length > 0 && item.length <= max).slice(-count) : [];
}

/** The recipe stored on a plot, tolerant of anything missing or malformed (plain checks: this runs on every revision). */
export function readRecipe(raw: unknown, fallbackSeed: number): Recipe {
  const object = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const number = (value: unknown, min: number, max: number) => (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max ? value : undefined);
  const title = typeof object.title === "string" && object.title.length > 0 && object.title.length <= 120 ? object.title : undefined;
  return {
    seed: number(object.seed, 1, Number.MAX_SAFE_INTEGER) ?? Math.max(1, Math.floor(fallbackSeed)),
    boost: number(object.boost, 0, 3) ?? 0,
    gentle: object.gentle === true,
    friendly: strings(object.friendly, 40, 8),
    focus: strings(object.focus, 60, 6),
    scenes: strings(object.scenes, 200, 6),
    avoid: strings(object.avoid, 40, 8),
    ...(title ? { title } : {}),
  };
}

/** Splits a beat into sentences (keeping quotes with their sentence). */
export function sentencesOf(beat: string): string[] {
  return beat.split(/(?<=[.!?…]["”]?)\s+(?=[A-Z“"])/u).filter(Boolean);
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Matches a word and its plural: "goose"/"geese" aside, "giant" finds "giants". */
export function wordPattern(word: string) {
  const base = escape(word.toLowerCase().replace(/(es|s)$/, ""));
  return new RegExp(`\\b${base}(?:s|es)?\\b`, "i");
}

const NEGATIVE = /^(grumpy|angry|scary|fierce|mean|nasty|growling|rude|cross|terrible|horrible|wicked|evil|spooky|creepy|snarling|stompy|sleepy|snoring|enormous|sneaky|naughty|loud)$/i;

/** "Make the goose friendlier": drop the unkind words around it and let it show its friendly side. */
function befriend(beats: string[], subject: string, c: Cast): string[] {
  const named = [c.pal?.name, c.name].find((name) => name?.toLowerCase() === subject);
  if (named) {
    // A named character has no "grumpy" to drop: show the friendliness where they first appear.
    let shown = false;
    return beats.map((beat, index) => {
      if (shown || index === 0 || !beat.includes(named)) return beat;
      shown = true;
      return `${beat} ${named} gives everyone a big, friendly wave and a hug.`;
    });
  }
  // Only describing words between the article and the noun: "a grumpy old troll", never "the way, a … goose".
  const pattern = new RegExp(`\\b(a|an|the)\\s+((?:(?!(?:a|an|the)\\b)[a-z-]+\\s+){0,3}?)(${escape(subject)}(?:s|es)?)\\b`, "gi");
  let shown = false;
  return beats.map((beat) => {
    if (!wordPattern(subject).test(beat)) return beat;
    const sentences = sentencesOf(beat).map((line) => {
      if (!wordPattern(subject).test(line)) return line;
      let next = line.replace(pattern, (_m, article: string, describing: string, noun: string) => {
        const kept = describing
          .split(/[\s,]+/)
          .filter((word) => word && !NEGATIVE.test(word) && word.toLowerCase() !== "friendly");
        const friendlyArticle = /^an$/i.test(article) ? (article === "An" ? "A" : "a") : article;
        return `${friendlyArticle} ${["friendly", ...kept].join(" ")} ${noun}`;
      });
      next = next.replace(/\brude\b/gi, "cheerful").replace(/\bgrowl(s|ing)?\b/gi, "hum$1").replace(/\bsnoring\b/gi, "humming softly");
      return next;
    });
    if (!shown) {
      shown = true;
      // One brought in on request already says hello: no need to wave as well.
      const introduced = sentences.some((line) => wordPattern(subject).test(line) && /\bsay hello\b/.test(line));
      if (!introduced) sentences.push(`The ${subject} gives ${c.name} a big, friendly wave.`);
    }
    return sentences.join(" ");
  });
}

/** Leaves out every sentence that mentions something the parent asked to remove. */
function leaveOut(beats: string[], words: string[], c: Cast): string[] {
  if (!words.length) return beats;
  return beats.map((beat) => {
    const kept = sentencesOf(beat).filter((line) => !words.some((word) => wordPattern(word).test(line)));
    return kept.length ? kept.join(" ") : `${travellers(c)} ${tv(c, "keeps")} going, wondering what will happen next.`;
  });
}

function fitBeat(beat: string) {
  const sentences = sentencesOf(beat);
  while (sentences.length > 1 && sentences.join(" ").length > 600) sentences.pop();
  return clampText(sentences.join(" "), 600);
}

/** One small, concrete detail from how the hero looks, for a page after the first. */
function signature(c: Cast): string | undefined {
  if (c.looks.wheelchair) return `${c.name} spins ${c.p.their} wheelchair round in a quick, determined circle.`;
  const garment = c.looks.clothes?.split(/,\s*|\s+and\s+/)[0]?.replace(/^(a|an|the|some)\s+/i, "");
  if (garment && /\b(raincoat|coat|jacket|hoodie|jumper|cardigan|cape|scarf|sweater|onesie)$/i.test(garment)) return `${c.name} pulls ${c.p.their} ${garment} tight.`;
  if (c.looks.glasses) return `${c.name} pushes ${c.p.their} glasses up ${c.p.their} nose and looks closer.`;
  if (garment && /\b(wellies|boots|trainers|shoes|sandals)$/i.test(garment)) return `${c.name}'s ${garment} go stomp, stomp, stomp.`;
  return undefined;
}

function openingBeat(c: Cast, seed: string, withCompanion: boolean): string {
  const looks = [...c.looks.has, ...c.looks.wears];
  const loves = joinList(c.loves.map((love) => love.text));
  const parts = [
    looks.length ? `Meet ${c.name}! ${c.They} ${c.v("is")} ${c.age}, with ${joinList(looks)}.` : `Meet ${c.name}! ${c.They} ${c.v("is")} ${c.age} years old.`,
    `${c.They} ${c.v("loves")} ${loves} more than anything.`,
    withCompanion && c.pal ? `${capitalise(c.pal.full)} is never far away.` : "",
    pick(TONES[c.tone].tail, seed, "tail")(c, { love: c.loves[0]?.text ?? "adventures", feeling: "" }),
  ];
  return parts.filter(Boolean).join(" ");
}

function companionBeat(c: Cast, seed: string): string {
  if (!c.pal) return pick([`${c.name} packs a little bag: a snack, a torch and a very big imagination.`, `${c.name} pulls on ${c.p.their} shoes and grabs a torch, just in case.`], seed, "pack");
  const full = capitalise(c.pal.full);
  const byTone: Record<Cast["tone"], string> = {
    funny: `${full} is never far away — usually with a snack, and sometimes with ${c.name}'s sock.`,
    adventurous: `${full} is always right by ${c.name}'s side, ready for anything.`,
    cosy: `${full} is always close by, warm and snuggly — the best companion anyone could wish for.`,
    gentle: `${full} is never far away — the best companion anyone could wish for.`,
  };
  return byTone[c.tone];
}

const ENCOUNTERS = [
  "an owl who collects lost buttons",
  "a hedgehog with a tiny map",
  "a snail who is late for a very important party",
  "a duck who is practising her marching",
  "a squirrel who can count to a hundred",
  "a mole who has never seen the sky",
  "a badger in a woolly scarf",
  "a frog who would like to be a prince",
];
/** Characters who belong to the place, met first. */
const LOCAL_ENCOUNTERS: [RegExp, string[]][] = [
  [/sea|ocean|beach|seaside|coast|island|harbour|shore/, ["a crab who walks forwards instead of sideways", "an octopus who juggles shells", "a seahorse with a tiny saddle"]],
  [/space|moon|planet|star|rocket/, ["a moon-mouse who nibbles the craters", "a robot who has lost his way home", "a shooting star who needs a little rest"]],
  [/city|town|street/, ["a pigeon who knows every shortcut", "a bus driver who sings at every stop", "a lamppost cat who sees everything"]],
  [/snow|mountain|ice|arctic/, ["a penguin who can't quite slide", "a polar bear cub with a runny nose", "a mountain goat who is scared of heights"]],
  [/farm/, ["a pig who loves bubble baths", "a hen who has lost count of her eggs", "a sheepdog who is afraid of sheep"]],
  [/jungle|rainforest/, ["a parrot who only speaks in rhymes", "a sloth who is always late", "a tiger cub who wants to be stripy-er"]],
  [/forest|wood/, ["a fox who collects feathers", "a tree that hums in the wind", "a deer with flowers on her antlers"]],
  [/castle|kingdom|palace/, ["a knight whose armour squeaks", "a little dragon who guards the kitchen", "a queen who has lost her crown"]],
];

function encounterBeat(c: Cast, encounter: string, love: Love, index: number): string {
  const company = c.pal ? "them" : c.p.them;
  const lines = [
    `Along the way, ${travellers(c)} ${tv(c, "meets")} ${encounter}, who walks with ${company} for a while.`,
    `${capitalise(encounter)} has never heard of ${love.text}, so ${c.name} explains — with actions!`,
    `${c.name} helps ${encounter}, and gets a thank-you that makes ${c.p.them} glow.`,
    `At a fork in the path, ${encounter} points the way${c.pal ? ` and gives ${c.pal.short} a wink` : ""}.`,
    `${travellers(c)} ${tv(c, "shares")} a picnic with ${encounter}, who has brought far too many sandwiches.`,
    `${capitalise(encounter)} asks ${c.name} a riddle, and ${c.name} gets it right first time.`,
  ];
  return lines[index % lines.length] as string;
}

function restBeat(c: Cast): string {
  return `${travellers(c)} ${tv(c, "stops")} for a snack on a sunny rock and ${tv(c, "watches")} the clouds drift by.`;
}

function palBeat(c: Cast): string {
  if (!c.pal) return restBeat(c);
  return `${capitalise(c.pal.short)} spots something glinting on the ground — a tiny golden key! ${c.name} tucks it safely in ${c.p.their} pocket.`;
}

interface Slot {
  beat: string;
  /** Lower comes first in the story. */
  order: number;
  /** Lower is kept first when pages are short. */
  priority: number;
}

/**
 * Builds a plot with a real arc — home, a call, a journey full of what the
 * child loves, a problem shaped by the lesson, a turn, a happy return — in
 * the chosen tone on every page. Deterministic for a book, brief and recipe.
 */
export function offlinePlot(bookId: string, brief: BookBrief, version: number, recipeInput?: Partial<Recipe>): Plot {
  const recipe: Recipe = { ...readRecipe({}, version), ...recipeInput };
  const c = castOf(brief);
  const seed = `${bookId}:${recipe.seed}`;
  const pageCount = brief.pageCount ?? 12;
  const arc = arcFor(c.lesson);
  const loves = c.loves;
  const firstLove = loves[0] ?? { text: "adventures", activity: false };
  const skillLove = loves[1] ?? firstLove;
  const friendly = new Set(recipe.friendly.map((subject) => subject.toLowerCase()));
  const showcase = skillLove.activity
    ? `${c.They} ${c.v("starts")} ${skillLove.text}, and everyone gathers round to watch.`
    : `${c.They} ${c.v("tells")} everyone all about ${skillLove.text}, and everyone gathers round to listen.`;
  const options: ArcOptions = { gentle: recipe.gentle, friendly: (subject) => friendly.has(subject), skill: loveSkill(c, skillLove), showcase, seed };
  const tone = TONES[c.tone];
  const feeling = arc.feeling(c);
  const extra = { love: firstLove.text, feeling };

  const call = pick(tone.call, seed, "call")(c, extra);
  const arrive = pick(tone.arrive, seed, "arrive")(c, extra);
  const mark = signature(c);
  const problem = [arc.problem(c, options), mark].filter(Boolean).join(" ");
  const turn = arc.turn(c, options).trim();
  const resolution = arc.resolution(c, options);
  const otherLoves = loves.slice(1).filter((love) => love !== skillLove || loves.length > 2);
  const celebrationBase = pick(tone.celebrate, seed, "party")(c, extra);
  const celebration =
    pageCount === 8 && otherLoves.length > 0 && !celebrationBase.includes(otherLoves[0]?.text ?? "\u0000")
      ? `${celebrationBase} ${c.name} tells them all about ${joinList(otherLoves.map((love) => love.text))}, too.`
      : celebrationBase;
  const home = pick(tone.home, seed, "home")(c, extra);

  // Every love gets its own moment where there's room; asked-for moments and "more of" come first.
  const sceneFor = (love: Love, nth: number) => {
    const scenes = shuffled(loveScenes(c, love), seed, "love", love.text);
    return scenes[nth % scenes.length] as string;
  };
  const focusLoves = recipe.focus.map((text) => loves.find((love) => love.text.toLowerCase() === text.toLowerCase()) ?? { text, activity: /ing$/.test(text.split(" ")[0] ?? "") });
  const candidates: Slot[] = [];
  loves.forEach((love, index) => candidates.push({ beat: sceneFor(love, 0), order: 10 + index, priority: 20 + index }));
  // With room to spare, a second moment for each love before any strangers turn up.
  loves.forEach((love, index) => candidates.push({ beat: sceneFor(love, 1), order: 35 + index, priority: 45 + index }));
  focusLoves.forEach((love, index) => {
    candidates.push({ beat: sceneFor(love, 1), order: 20 + index, priority: 5 + index });
    candidates.push({ beat: sceneFor(love, 2), order: 40 + index, priority: 12 + index });
  });
  recipe.scenes.forEach((scene, index) => candidates.push({ beat: scene, order: 30 + index, priority: index }));
  if (c.pal) candidates.push({ beat: palBeat(c), order: 15, priority: 40 });
  const local = LOCAL_ENCOUNTERS.find(([pattern]) => pattern.test(c.place.name.toLowerCase()))?.[1] ?? [];
  const encounters = [...shuffled(local, seed, "local"), ...shuffled(ENCOUNTERS, seed, "encounters")];
  encounters.forEach((encounter, index) => candidates.push({ beat: encounterBeat(c, encounter, loves[index % loves.length] ?? firstLove, index), order: 25 + index * 2, priority: 50 + index }));
  candidates.push({ beat: restBeat(c), order: 45, priority: 90 });

  let beats: string[];
  if (pageCount <= 8) {
    // Short books fold the quieter moments in, so the arc stays whole and every detail still appears.
    const arrival = `${arrive} ${sceneFor(firstLove, 0)}`;
    beats = [openingBeat(c, seed, true), call, arrival, problem, turn, resolution, celebration, home];
    const folded = candidates.filter((slot) => slot.priority < 20).sort((a, b) => a.priority - b.priority);
    const hosts = [2, 6, 5, 4];
    folded.slice(0, hosts.length).forEach((slot, index) => {
      const host = hosts[index] as number;
      beats[host] = `${beats[host]} ${slot.beat}`;
    });
  } else {
    const middleSlots = pageCount - 9;
    const chosen = [...candidates]
      .sort((a, b) => a.priority - b.priority)
      .filter((slot, index, all) => all.findIndex((other) => other.beat === slot.beat) === index)
      .slice(0, middleSlots)
      .sort((a, b) => a.order - b.order);
    beats = [openingBeat(c, seed, false), companionBeat(c, seed), call, arrive, ...chosen.map((slot) => slot.beat), problem, turn, resolution, celebration, home];
  }

  // The tone on every page: little moments sprinkled through the middle, more when asked for.
  const moments = shuffled(
    tone.moments.filter((moment) => !(recipe.gentle && moment.intense)).map((moment) => moment.line(c)).filter((line): line is string => Boolean(line)),
    seed,
    "moments",
  ).filter((line) => !beats.some((beat) => beat.includes(line)));
  // Shorter pages get them first, so no page gets crowded. In space or under
  // the sea they start on arrival: no comet whizzes past the breakfast table.
  const firstPage = c.place.realm === "land" ? 1 : pageCount <= 8 ? 2 : 3;
  const eligible = shuffled(
    beats.map((_, index) => index).filter((index) => index >= firstPage && index < beats.length - 1),
    seed,
    "moment-pages",
  );
  const sentenceCounts = beats.map((beat) => sentencesOf(beat).length);
  eligible.sort((a, b) => (sentenceCounts[a] ?? 0) - (sentenceCounts[b] ?? 0));
  const share = Math.min(1, TONE_SHARE[c.tone] + recipe.boost * 0.2);
  const count = Math.min(eligible.length, moments.length, Math.max(2, Math.round(eligible.length * share)));
  eligible.slice(0, count).forEach((index, nth) => {
    beats[index] = `${beats[index]} ${moments[nth]}`;
  });

  if (recipe.gentle) beats = beats.map((beat) => GENTLER_WORDS.reduce((text, [pattern, swap]) => text.replace(pattern, swap), beat));
  for (const subject of friendly) {
    if (subject !== arc.character) beats = befriend(beats, subject, c);
  }
  beats = leaveOut(beats, recipe.avoid, c).map((beat) => fitBeat(sentence(beat)));

  const titles = [...arc.titles(c, options)];
  const loveNoun = loveTitle(firstLove);
  if (loveNoun) titles.push(`${c.name} and the ${loveNoun}`);
  if (c.place.title) titles.push(`${c.name}'s Big Adventure ${c.place.title}`);
  const title = recipe.title ?? pick(titles, seed, "title");
  const who = c.pal ? `${c.name} (${c.age}) and ${c.pal.full}` : `${c.name} (${c.age})`;
  const premise = `${who} ${tv(c, "sets")} off ${c.place.journey}, where ${arc.premise(c)} — with plenty of ${joinList(loves.slice(0, 3).map((love) => love.text))} along the way.`;
  return {
    title: clampText(title, 120),
    premise: clampText(sentence(premise), 400),
    pages: beats.map((beat, index) => ({ number: index + 1, beat })),
    recipe: { ...recipe },
  };
}
