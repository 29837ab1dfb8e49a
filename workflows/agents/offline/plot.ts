import type { BookBrief, Plot } from "../../brief";
import { joinList } from "./interview";
import { capitalise, pick, shuffled } from "./seeded";

interface Cast {
  name: string;
  they: string;
  them: string;
  their: string;
  pal: string | null;
  /** The place after its first mention: "an enchanted forest" → "the enchanted forest". */
  placeAgain: string;
  palShort: string | null;
  place: string;
  loves: string[];
  lesson: string;
  tone: NonNullable<BookBrief["tone"]>;
  age: number;
}

/** "at the seaside", "on a snowy mountain", "in an enchanted forest". */
export function locate(place: string) {
  if (/\b(seaside|beach|park|farm|back garden|home)\b/.test(place)) return `at ${place}`.replace(/^at home$/, "at home");
  if (/\b(mountain|island|hill)\b/.test(place) && !/castle/.test(place)) return `on ${place}`;
  if (/^under\b/.test(place)) return place;
  return `in ${place}`;
}

function castOf(brief: BookBrief): Cast {
  const pronoun = brief.pronoun ?? "they";
  const companion = brief.companion ?? null;
  return {
    name: brief.heroName ?? "Our hero",
    they: pronoun,
    them: pronoun === "she" ? "her" : pronoun === "he" ? "him" : "them",
    their: pronoun === "she" ? "her" : pronoun === "he" ? "his" : "their",
    pal: companion ? (companion.name ? `${companion.name} the ${companion.kind}` : `a ${companion.kind}`) : null,
    palShort: companion ? (companion.name ?? `the ${companion.kind}`) : null,
    place: brief.setting ?? "a faraway land",
    placeAgain: (brief.setting ?? "a faraway land").replace(/^(a|an)\s+/i, "the "),
    loves: brief.loves?.length ? brief.loves : ["adventures"],
    lesson: brief.lesson ?? "being brave",
    tone: brief.tone ?? "gentle",
    age: brief.heroAge ?? 5,
  };
}

/** The problem the story turns on, shaped by the lesson the parent chose. */
function challengeFor(c: Cast): { problem: string; turn: string; resolution: string } {
  const lesson = c.lesson.toLowerCase();
  if (lesson.includes("brave")) {
    return {
      problem: `The path leads to a dark, rumbling tunnel, and ${c.name}'s knees begin to wobble.`,
      turn: `${c.name} takes a deep breath, holds ${c.palShort ? `${c.palShort}'s paw` : "the lantern"} tight, and steps inside — one small brave step, then another.`,
      resolution: `The rumbling was only a sleepy giant snoring! ${c.name} tiptoes past, proud and tall.`,
    };
  }
  if (lesson.includes("kind")) {
    return {
      problem: `A grumpy creature blocks the way, growling at everyone who passes.`,
      turn: `Instead of growling back, ${c.name} asks what's wrong — and learns the creature is lonely and has lost its way home.`,
      resolution: `${c.name} helps the creature home, and its grumpy growl turns into the happiest laugh ${locate(c.placeAgain)}.`,
    };
  }
  if (lesson.includes("friend")) {
    return {
      problem: `There's a shy little someone hiding behind a rock, watching but never joining in.`,
      turn: `${c.name} remembers how it feels to be new and waves hello, sharing ${c.their} favourite game.`,
      resolution: `By sunset the three of them are laughing together — ${c.name} has made a brand-new friend.`,
    };
  }
  if (lesson.includes("shar")) {
    return {
      problem: `${c.name} finds the most wonderful treasure — just as someone else spots it too.`,
      turn: `${c.name} thinks hard, then splits the treasure right down the middle.`,
      resolution: `Sharing turns one treasure into two happy faces, and that's the best treasure of all.`,
    };
  }
  if (lesson.includes("try")) {
    return {
      problem: `${c.name} tries to build a bridge across the stream, but it tumbles down. Splash!`,
      turn: `${c.name} tries again, and again — each time a little cleverer than the last.`,
      resolution: `On the fourth try the bridge holds, and everyone cheers as ${c.name} marches across.`,
    };
  }
  if (lesson.includes("sibling")) {
    return {
      problem: `A tiny, wriggly bundle has joined the adventure, and ${c.name} isn't sure there's room for two.`,
      turn: `When the little one giggles at ${c.name}'s silly face, something warm fizzes in ${c.their} heart.`,
      resolution: `${c.name} discovers that being the big one means having someone to show all the wonders to.`,
    };
  }
  if (lesson.includes("bedtime") || lesson.includes("sleep")) {
    return {
      problem: `The shadows grow long and ${c.name} wonders what might be hiding in the dark.`,
      turn: `${c.name} switches on a torch and finds the shadows are only friendly shapes — a coat, a chair, a sleepy cat.`,
      resolution: `The night feels soft and safe, full of twinkling stars keeping watch.`,
    };
  }
  return {
    problem: `Something is wrong in ${c.place}: everyone has forgotten how ${c.lesson} feels.`,
    turn: `${c.name} remembers, and shows them — in ${c.their} own special way.`,
    resolution: `Soon all of ${c.placeAgain} is glowing with ${c.lesson}, all thanks to ${c.name}.`,
  };
}

const TONE_FLOURISH: Record<Cast["tone"], string[]> = {
  funny: [
    "A hat flies off and lands on a very surprised duck.",
    "Everybody gets the giggles and can't stop hiccuping.",
    "A goose honks a rude little song.",
    "A cow wearing wellies moos “Good morning!” — at teatime.",
    "Somebody sneezes so hard that all the leaves fall off a tree. Oops!",
    "A worm tells the worst joke in the world, and it's brilliant.",
  ],
  adventurous: [
    "The wind whips up and the adventure really begins.",
    "There's a race against the setting sun.",
    "A rope bridge sways high above the treetops.",
    "A secret door creaks open in the side of a hill.",
    "Thunder rumbles, and the path splits three ways.",
    "A map in a bottle bobs past with an X marked on it.",
  ],
  cosy: [
    "Warm cocoa steams under a blanket of stars.",
    "A crackling fire keeps everyone's toes toasty.",
    "Rain patters softly on a leafy roof overhead.",
    "Someone hums a lullaby they half remember.",
    "A lantern glows like a small, friendly moon.",
    "There are warm buns, still soft from the oven.",
  ],
  gentle: [
    "A soft breeze carries the smell of flowers.",
    "A bird sings a quiet little song.",
    "The sky turns the colour of peaches.",
    "Dandelion seeds float by like tiny wishes.",
    "A stream chuckles over smooth stones.",
    "The first star blinks awake.",
  ],
};

const ENCOUNTERS = [
  "an owl who collects lost buttons",
  "a hedgehog with a tiny map",
  "a kite that has lost its child",
  "a snail who is late for a very important party",
  "a lighthouse keeper with a twinkly lamp",
  "a family of ducks practising their marching",
  "a giant who is afraid of mice",
  "a squirrel who can count to a hundred",
];

function loveBeat(c: Cast, love: string, index: number, seed: string): string {
  const templates = [
    `${capitalise(locate(c.placeAgain))}, ${c.name} discovers something wonderful: ${love}, everywhere!`,
    `${capitalise(c.they)} spot${c.they === "they" ? "" : "s"} ${love} and can't help but grin — it's ${c.their} favourite thing.`,
    `${c.pal ? `${capitalise(c.palShort ?? "")} points` : "A signpost points"} the way past a place full of ${love}, and ${c.name} stops to marvel.`,
  ];
  return pick(templates, seed, "love", index);
}

/** Builds a plot with a real arc: home, a call, a journey full of what the child loves, a problem, a turn, a happy return. */
export function offlinePlot(bookId: string, brief: BookBrief, version: number): Plot {
  const c = castOf(brief);
  const seed = `${bookId}:${version}`;
  const pageCount = brief.pageCount ?? 12;
  const looks = [brief.looks?.hair, brief.looks?.clothes ? `a ${brief.looks.clothes}` : undefined].filter(Boolean).join(" and ");
  const challenge = challengeFor(c);
  const firstLove = c.loves[0] ?? "adventures";

  const opening = `Meet ${c.name}${looks ? `, with ${looks}` : ""}. ${capitalise(c.they)} ${c.they === "they" ? "are" : "is"} ${c.age} and ${c.they === "they" ? "love" : "loves"} ${joinList(c.loves)} more than anything.`;
  const companionBeat = c.pal
    ? `${capitalise(c.pal)} is never far away — the best companion anyone could wish for.`
    : `${c.name} packs a little bag: a snack, a torch and a very big imagination.`;
  const call = pick(
    [
      `One morning a mysterious note flutters through the window: “Come to ${c.place}. We need someone who knows all about ${firstLove}.”`,
      `One day ${c.name} finds a glowing map with a path that leads all the way to ${c.place}.`,
      `When a tiny voice calls for help from ${c.place}, ${c.name} knows exactly who should answer.`,
    ],
    seed,
    "call",
  );
  const arrive = c.pal
    ? `${c.name} and ${c.palShort} set off and soon arrive ${locate(c.placeAgain)}. Everything is new and shimmering.`
    : `${c.name} sets off and soon arrives ${locate(c.placeAgain)}. Everything is new and shimmering.`;
  const celebration = pick(
    [
      `Everyone throws a party in ${c.name}'s honour, and ${c.name} tells them all about ${firstLove}.`,
      `The whole of ${c.placeAgain} cheers, and ${c.name} takes a bow.`,
    ],
    seed,
    "party",
  );
  const home = pick(
    [
      `At last ${c.name} heads home, tucked up in bed with a head full of dreams — and a heart full of ${c.lesson}.`,
      `Back home, ${c.name} smiles a secret smile. ${capitalise(c.they)} will never forget ${c.placeAgain}, or what ${c.they} learned there.`,
    ],
    seed,
    "home",
  );

  const middle: string[] = c.loves.map((love, index) => loveBeat(c, love, index, seed));
  const encounters = shuffled(ENCOUNTERS, seed, "encounters");
  const flourishes = shuffled(TONE_FLOURISH[c.tone], seed, "flourish");
  // Fixed frame: opening, companion, call, arrive, [middle...], problem, turn, resolution, celebration, home.
  const frameLength = 9;
  const middleSlots = Math.max(0, pageCount - frameLength);
  let extra = 0;
  while (middle.length < middleSlots) {
    const encounter = encounters[extra % encounters.length] ?? "a friendly stranger";
    const flourish = flourishes[extra % flourishes.length] ?? "";
    const travellers = c.pal ? "they meet" : `${c.name} meets`;
    const company = c.pal ? "them" : c.them;
    const love = c.loves[extra % c.loves.length] ?? "adventures";
    const fillers = [
      `Along the way ${travellers} ${encounter}, who walks with ${company} for a while. ${flourish}`,
      `${flourish} ${c.name} laughs and keeps going, curious about what comes next.`,
      `${capitalise(encounter)} has never heard of ${love}, so ${c.name} explains — with actions! ${flourish}`,
      `${c.name} finds a quiet spot to rest and dreams of ${love}. ${flourish}`,
    ];
    middle.push(fillers[extra % fillers.length] as string);
    extra += 1;
  }
  const trimmedMiddle = middle.slice(0, middleSlots);
  let beats = [opening, companionBeat, call, arrive, ...trimmedMiddle, challenge.problem, challenge.turn, challenge.resolution, celebration, home];
  if (pageCount < frameLength) {
    // Short books merge the quieter moments so the arc stays whole.
    beats = [
      `${opening} ${companionBeat}`,
      call,
      `${arrive} ${middle[0] ?? ""}`.trim(),
      challenge.problem,
      challenge.turn,
      challenge.resolution,
      celebration,
      home,
    ].slice(0, pageCount);
  }

  const titles = [
    `${c.name} and the ${capitalise(pick(["Secret", "Magical", "Great", "Marvellous"], seed, "adj"))} ${capitalise(titleNoun(firstLove))}`,
    `${c.name}'s Big Adventure ${titleCase(locate(c.placeAgain))}`,
    `The Day ${c.name} Found ${capitalise(c.lesson.replace(/^being\s+/i, "Being "))}`,
  ];
  const title = pick(titles, seed, "title");
  const premise = `${c.name}, ${c.age}, ${c.pal ? `and ${c.pal} ` : ""}journey${c.pal ? "" : "s"} to ${c.place}, where a love of ${firstLove} and a lesson in ${c.lesson} save the day.`;
  return {
    title: title.slice(0, 120),
    premise: premise.slice(0, 400),
    pages: beats.map((beat, index) => ({ number: index + 1, beat: beat.slice(0, 600) })),
  };
}

function titleCase(text: string) {
  const small = new Set(["a", "an", "the", "and", "of", "in", "on", "to", "at", "under"]);
  return text
    .split(" ")
    .map((word) => (small.has(word) ? word : capitalise(word)))
    .join(" ");
}

function titleNoun(love: string) {
  const singular = love.replace(/^the\s+/, "").replace(/s$/, "");
  return singular.length > 2 ? singular : love;
}
