import type { BookBrief } from "../../brief";
import { agree, capitalise, pronounsFor, titleCase, type Pronouns } from "./grammar";
import { lookPhrases, usesWheelchair } from "./looks";
import { PEOPLE_KINDS } from "./vocabulary";

/** Everyone and everything a plot talks about, with the words to say them right. */
export interface Cast {
  name: string;
  p: Pronouns;
  /** "She", "He", "They". */
  They: string;
  /** A verb agreeing with the hero's pronoun: v("loves") → "loves" / "love". */
  v: (verb: string) => string;
  age: number;
  pal: Pal | null;
  place: Place;
  loves: Love[];
  lesson: string;
  tone: NonNullable<BookBrief["tone"]>;
  looks: { has: string[]; wears: string[]; glasses: boolean; wheelchair: boolean; clothes?: string };
}

export interface Pal {
  /** First mention: "her cat Miso", "Ember the tiny dragon", "his little sister", "Grandma". */
  full: string;
  /** Later mentions: "Miso", "her little sister", "the tiny dragon", "Grandma". */
  short: string;
  kind: string;
  name?: string;
  person: boolean;
  /** "holds Miso's paw tight", "holds tight to Star's mane", "stays close to Shelly". */
  hold: string;
}

export interface Place {
  /** "an enchanted forest", "under the sea", "a riding school near the sea". */
  name: string;
  /** "in an enchanted forest", "under the sea", "at a riding school near the sea". */
  at: string;
  /** After the first mention: "in the enchanted forest", "at the riding school near the sea". */
  atAgain: string;
  /** "the enchanted forest" (the noun, for "the best view in …"). */
  again: string;
  /** For setting off: "for an enchanted forest", "on a journey under the sea". */
  journey: string;
  /** For a path or a map: "to an enchanted forest", "to the sea". */
  to: string;
  /** A title fragment when short enough: "in the Enchanted Forest". */
  title?: string;
  /** Where the story's little moments can happen: no eagles in outer space, no campfires under the sea. */
  realm: Realm;
}

export type Realm = "land" | "space" | "sea";

const SPACE = /\b(space|planets?|the moon|moon base|mars|jupiter|saturn|galaxy|galaxies|the stars|among the stars|a star|rocket|space station|asteroids?|comets?|orbit|milky way|nebula)\b/i;
const UNDERWATER = /\b(under the sea|under the ocean|underwater|under water|beneath the waves|under the waves|ocean floor|sea ?bed|bottom of the sea|coral reefs?|deep sea|mermaid kingdom|sunken ship)\b/i;

export function realmOf(setting: string): Realm {
  if (UNDERWATER.test(setting)) return "sea";
  return SPACE.test(setting) ? "space" : "land";
}

export interface Love {
  text: string;
  activity: boolean;
}

const ELDERS = /^(grandma|grandpa|granny|grandad|granddad|nana|nanna|gran|grandmother|grandfather|mum|mummy|mom|mommy|dad|daddy|auntie|aunt|uncle)$/;
const PETS = /\b(dog|puppy|cat|kitten|hamster|rabbit|bunny|guinea pig|tortoise|turtle|goldfish|fish|teddy bear|teddy|toy|doll|soft toy|pony|horse|parrot|budgie|chicken|hen|lizard|gecko|snake|mouse|robot|stuffed animal)$/;
const PAWS = /\b(dog|puppy|cat|kitten|bunny|rabbit|hamster|guinea pig|bear|teddy bear|fox|mouse|lion|tiger|panda|koala|hedgehog|badger|otter|squirrel|wolf|cub|kangaroo|soft toy|stuffed animal)$/;
const WINGS = /\b(owl|parrot|duck|penguin|bird|budgie|chicken|hen|butterfly|bee|ladybird)$/;
const CLAWS = /\b(dragon|dinosaur|crab|lizard|gecko)$/;
const FINS = /\b(fish|goldfish|dolphin|whale|shark|seal)$/;
const MANES = /\b(horse|pony|unicorn|zebra)$/;
const HANDS = /\b(robot|monkey|doll|fairy|elf|alien|ghost|toy)$/;

export function isPersonKind(kind: string) {
  const lower = kind.toLowerCase();
  return PEOPLE_KINDS.some((person) => lower === person || lower.endsWith(` ${person}`));
}

/** How the hero's companion is introduced: "her cat Miso", "Ember the tiny dragon", "his little sister Rosie", "Grandma". */
export function companionPhrase(companion: NonNullable<BookBrief["companion"]>, pronoun: BookBrief["pronoun"]): string {
  return palOf(companion, pronounsFor(pronoun)).full;
}

function palOf(companion: NonNullable<BookBrief["companion"]>, p: Pronouns): Pal {
  const kind = companion.kind.trim();
  const lower = kind.toLowerCase();
  const name = companion.name?.trim() || undefined;
  const person = isPersonKind(lower);
  const elder = ELDERS.test(lower);
  let full: string;
  let short: string;
  if (elder) {
    const title = capitalise(lower.replace(/^mom$/, "mum"));
    full = name ? `${title} ${name}` : title;
    short = full;
  } else if (person || PETS.test(lower)) {
    full = name ? `${p.their} ${kind} ${name}` : `${p.their} ${kind}`;
    short = name ?? `${p.their} ${kind}`;
  } else {
    full = name ? `${name} the ${kind}` : `${/^[aeiou]/i.test(kind) ? "an" : "a"} ${kind}`;
    short = name ?? `the ${kind}`;
  }
  const owner = name ?? (elder ? full : `${short}`);
  const own = `${owner}'s`;
  const hold = person || HANDS.test(lower)
    ? `holds ${own} hand tight`
    : PAWS.test(lower)
      ? `holds ${own} paw tight`
      : WINGS.test(lower)
        ? `holds ${own} wing tight`
        : CLAWS.test(lower)
          ? `holds ${own} claw tight`
          : MANES.test(lower)
            ? `holds tight to ${own} mane`
            : FINS.test(lower)
              ? `keeps close to ${owner}`
              : `stays close to ${owner}`;
  return { full, short, kind, ...(name ? { name } : {}), person, hold };
}

function lowerFirst(text: string) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

const AT_NOUNS = /^(seaside|beach|park|zoo|school|nursery|museum|library|house|home|party|fair|funfair|circus|aquarium|station|airport|hospital|shop|market|pool|stadium|cinema|bakery|stables?|campsite|festival|café|cafe|restaurant|playground|allotment|garden centre|theatre|cottage|club|camp|lighthouse|harbour|port|shore|seashore|pond|lake|river|bottom)$/;
const ON_NOUNS = /^(mountain|island|hill|moon|boat|ship|train|planet|mars|cloud|clouds|farm|beach|cliff|cliffs|bus|plane|raft|glacier|iceberg|rooftops?|rainbow)$/;
const PREPOSITION = /^(under|near|by|beside|inside|above|behind|up|down|across|over|beneath|underneath|deep in|high in|far away in|at|in|on|into|around|among|between|on top of|next to)\s+/i;

export function placeOf(setting: string): Place {
  return { ...placeWords(setting), realm: realmOf(setting) };
}

function placeWords(setting: string): Omit<Place, "realm"> {
  const name = setting.trim();
  const lower = name.toLowerCase();
  const prepositional = name.match(PREPOSITION);
  if (prepositional) {
    const noun = name.slice(prepositional[0].length);
    const nounAgain = noun.replace(/^(a|an|some)\s+/i, "the ");
    const atAgain = `${prepositional[0]}${nounAgain}`;
    return {
      name,
      at: name,
      atAgain,
      again: nounAgain,
      journey: /^(under|beneath|underneath|deep in)\b/i.test(name) ? `on a journey ${name}` : `for ${noun}`,
      to: `to ${noun}`,
      ...(atAgain.length <= 28 ? { title: lowerFirst(titleCase(atAgain)) } : {}),
    };
  }
  if (lower === "home") {
    return { name, at: "at home", atAgain: "at home", again: "home", journey: "on an adventure right at home", to: "all around the house", title: "at Home" };
  }
  // The head noun decides the preposition: "a riding school near the sea" → at; "a castle on a hill" → in.
  const head = lower.split(/\s+(?:near|by|on|in|with|at|under|beside|next|where|that|full|of|beyond|behind|above)\b/)[0]?.split(/\s+/).at(-1) ?? lower;
  const possessive = /'s\b/.test(lower) && /\b(house|home|garden|flat|farm|place)\b/.test(lower);
  const preposition = AT_NOUNS.test(head) || possessive ? "at" : ON_NOUNS.test(head) ? "on" : "in";
  const again = name.replace(/^(a|an|some)\s+/i, "the ");
  const atAgain = `${preposition} ${again}`;
  return {
    name,
    at: `${preposition} ${name}`,
    atAgain,
    again,
    journey: `for ${name}`,
    to: `to ${name}`,
    ...(atAgain.length <= 28 ? { title: lowerFirst(titleCase(atAgain)) } : {}),
  };
}

const NOT_ACTIVITIES = /^(king|ring|string|wing|spring|swing|pudding|ceiling|morning|evening|thing|something|everything|nothing|sibling|duckling|earring|icing|wedding|building)s?$/i;

export function loveOf(text: string): Love {
  const first = text.split(/\s+/)[0] ?? "";
  return { text, activity: /ing$/i.test(first) && !NOT_ACTIVITIES.test(first) || /^building\s/i.test(text) };
}

export function castOf(brief: BookBrief): Cast {
  const p = pronounsFor(brief.pronoun);
  const looks = lookPhrases(brief.looks);
  return {
    name: brief.heroName ?? "Our hero",
    p,
    They: capitalise(p.they),
    v: (verb: string) => agree(p, verb),
    age: brief.heroAge ?? 5,
    pal: brief.companion ? palOf(brief.companion, p) : null,
    place: placeOf(brief.setting ?? "a faraway land"),
    loves: (brief.loves?.length ? brief.loves : ["adventures"]).map(loveOf),
    lesson: brief.lesson ?? "being brave",
    tone: brief.tone ?? "gentle",
    looks: { ...looks, glasses: Boolean(brief.looks?.glasses), wheelchair: usesWheelchair(brief.looks), ...(brief.looks?.clothes ? { clothes: brief.looks.clothes } : {}) },
  };
}
