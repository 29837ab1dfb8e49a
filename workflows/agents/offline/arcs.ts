import type { Cast } from "./cast";
import { travellers, tv } from "./tones";

/** How the middle of the story is told: gentler for "less scary", friendlier for named characters. */
export interface ArcOptions {
  gentle: boolean;
  /** Characters the parent asked to be friendlier ("giant", "troll"). */
  friendly: (subject: string) => boolean;
  /** A sentence in which something the hero loves helps at the turning point. */
  skill: string;
  /** A sentence in which the hero shows off what they love (for "being yourself"). */
  showcase: string;
  seed: string;
}

export interface Arc {
  id: string;
  /** The character at the heart of the problem, if any (so "make the giant friendlier" knows where to look). */
  character?: string;
  titles: (c: Cast, o: ArcOptions) => string[];
  /** "…, where she finds out just how brave she can be." */
  premise: (c: Cast) => string;
  problem: (c: Cast, o: ArcOptions) => string;
  turn: (c: Cast, o: ArcOptions) => string;
  resolution: (c: Cast, o: ArcOptions) => string;
  /** How the hero feels at the end: "braver than ever". */
  feeling: (c: Cast) => string;
}

const withPal = (c: Cast) => (c.pal ? ` with ${c.pal.short}` : "");
const they = (c: Cast) => c.p.they;

/** A small creature suited to the place, for the shy friend or the one who spots the treasure too. */
export function localCreature(c: Cast): string {
  const place = c.place.name.toLowerCase();
  if (/sea|ocean|beach|seaside|coast|island|harbour|shore/.test(place)) return "crab";
  if (/space|moon|planet|star|rocket/.test(place)) return "alien";
  if (/farm/.test(place)) return "lamb";
  if (/snow|mountain|ice|arctic|north pole/.test(place)) return "penguin";
  if (/jungle|rainforest/.test(place)) return "monkey";
  if (/desert/.test(place)) return "camel";
  if (/city|town|street/.test(place)) return "pigeon";
  if (/castle|kingdom|palace/.test(place)) return "dragon";
  if (/garden|park|home|house/.test(place)) return "hedgehog";
  return "fox cub";
}

const ARCS: { match: RegExp; arc: Arc }[] = [
  {
    match: /brave|courage|fear|scared|confiden/,
    arc: {
      id: "brave",
      character: "giant",
      titles: (c, o) => [o.gentle ? `${c.name} and the Glow-Worm Tunnel` : `${c.name} and the Rumbling Tunnel`, `${c.name} Finds ${c.p.their === "their" ? "Their" : c.p.their === "her" ? "Her" : "His"} Brave`],
      premise: (c) => `${they(c)} ${c.v("finds")} out just how brave ${they(c)} can be`,
      problem: (c, o) =>
        o.gentle
          ? `The path leads to a long tunnel twinkling with glow-worms. ${c.name} isn't sure about going in — it looks ever so long.`
          : `The path leads to a dark, rumbling tunnel, and ${c.name}'s knees begin to wobble.`,
      turn: (c, o) => `${c.name} takes a deep breath, ${c.pal ? c.pal.hold : `grips ${c.p.their} torch`}, and goes in — one small brave step, then another. ${o.skill}`,
      resolution: (c, o) =>
        o.gentle || o.friendly("giant")
          ? `At the far end, a friendly giant is humming a lullaby. He waves a huge, gentle hand, and ${c.name} waves back, proud and tall.`
          : `The rumbling was only a sleepy giant snoring! ${c.name} tiptoes past, proud and tall.`,
      feeling: () => "braver than ever",
    },
  },
  {
    match: /kind|caring|empathy|compassion/,
    arc: {
      id: "kindness",
      character: "troll",
      titles: (c) => [`${c.name} and the Troll on the Bridge`, `${c.name}'s Kind Heart`],
      premise: (c) => `${they(c)} ${c.v("discovers")} that a little kindness goes a long way`,
      problem: (c, o) =>
        o.friendly("troll")
          ? `A gentle, shaggy troll sits in the middle of a bridge, sighing big, sad sighs. When he sees ${c.name}, he gives a small, hopeful wave.`
          : o.gentle
            ? `A troll sits in the middle of a bridge, sighing big, sad sighs, and nobody dares to ask him why.`
            : `A grumpy troll blocks the bridge, growling at everyone who tries to cross.`,
      turn: (c, o) => `Instead of running away, ${c.name} sits down beside the troll and asks what's wrong. He has lost his favourite hat, and he feels very alone. ${o.skill}`,
      resolution: (c) => `${travellers(c)} ${tv(c, "searches")} high and low until the hat turns up in a bird's nest — and the troll's frown turns into the biggest smile ${c.place.atAgain}.`,
      feeling: () => "full of kindness",
    },
  },
  {
    match: /friend|shy|lonely/,
    arc: {
      id: "friends",
      titles: (c) => [`${c.name} Makes a Friend`, `${c.name} and the Shy Little ${localCreature(c).replace(/^\w/, (x) => x.toUpperCase())}`],
      premise: (c) => `${they(c)} ${c.v("makes")} a brand-new friend`,
      problem: (c) => `Someone small is hiding behind a rock — a shy little ${localCreature(c)}, watching the fun but never joining in.`,
      turn: (c, o) => `${c.name} remembers how it feels to be new. ${c.They} ${c.v("waves")} hello and ${c.v("shares")} ${c.p.their} favourite game. ${o.skill}`,
      resolution: (c) => `By sunset the little ${localCreature(c)} is giggling along${c.pal ? ` with ${c.name} and ${c.pal.short}` : ` with ${c.name}`} — friends, just like that.`,
      feeling: () => "happy to have a new friend",
    },
  },
  {
    match: /shar|turns/,
    arc: {
      id: "sharing",
      titles: (c) => [`${c.name} and the Golden Shell`.replace("Golden Shell", /sea|beach|seaside/.test(c.place.name) ? "Golden Shell" : "Golden Acorn"), `The Treasure ${c.name} Shared`],
      premise: (c) => `${they(c)} ${c.v("learns")} that sharing makes everything better`,
      problem: (c) => `${c.name} finds the most wonderful treasure — a shining golden ${/sea|beach|seaside/.test(c.place.name) ? "shell" : "acorn"} — just as a little ${localCreature(c)} spots it too.`,
      turn: (c, o) => `"Mine!" says the ${localCreature(c)}. ${c.name} thinks hard, then has an idea: why not take turns? ${o.skill}`,
      resolution: () => `Taking turns makes one treasure into two happy faces — and that's the best treasure of all.`,
      feeling: () => "glad to have shared",
    },
  },
  {
    match: /try|trying|give up|persever|resilien|mistake|keep going|practi/,
    arc: {
      id: "try-again",
      titles: (c) => [`${c.name} and the Wobbly Bridge`, `${c.name} Never Gives Up`],
      premise: (c) => `${they(c)} ${c.v("learns")} that trying again is how the best things get built`,
      problem: (c) => `${c.name} builds a little bridge across the stream, but it wobbles and tumbles down. Splash!`,
      turn: (c, o) => `${c.name} tries again, and again — each time a little cleverer than the last. ${o.skill}`,
      resolution: (c) => `On the fourth try the bridge holds, and everyone cheers as ${c.name} marches across.`,
      feeling: () => "proud of never giving up",
    },
  },
  {
    match: /sibling|new baby|baby brother|baby sister|big sister|big brother/,
    arc: {
      id: "sibling",
      titles: (c) => [`${c.name} the Big ${c.p.they === "she" ? "Sister" : c.p.they === "he" ? "Brother" : "One"}`, `${c.name} and the Tiny Explorer`],
      premise: (c) => `${they(c)} ${c.v("discovers")} that being the big one is the best job in the world`,
      problem: (c) =>
        c.pal?.person
          ? `${c.name} isn't sure about sharing this adventure with ${c.pal.short} — there's hardly room for two!`
          : `A tiny, wriggly baby has joined the adventure, and ${c.name} isn't sure there's room for two.`,
      turn: (c, o) => `Then the little one giggles at ${c.name}'s silly face, and something warm fizzes in ${c.p.their} heart. ${o.skill}`,
      resolution: (c) => `${c.name} shows the little one all the wonders ${c.place.atAgain} — being the big one means having someone to share them with.`,
      feeling: () => "proud to be the big one",
    },
  },
  {
    match: /bedtime|sleep|night|dark|monster/,
    arc: {
      id: "bedtime",
      titles: (c) => [`${c.name} and the Friendly Dark`, `Goodnight, ${c.name}`],
      premise: (c) => `${they(c)} ${c.v("discovers")} that the night is full of friendly things`,
      problem: (c, o) =>
        o.gentle
          ? `The sky turns deep blue, and ${c.name} wonders what the night is like.`
          : `The shadows grow long, and ${c.name} wonders what might be hiding in the dark.`,
      turn: (c, o) => `${c.name} switches on a torch and finds the shadows are only friendly shapes — a coat, a chair, a sleepy owl. ${o.skill}`,
      resolution: () => `The night feels soft and safe, full of twinkling stars keeping watch.`,
      feeling: () => "safe and snug",
    },
  },
  {
    match: /yourself|different|unique|being you|fit in|self|proud/,
    arc: {
      id: "yourself",
      titles: (c) => [`${c.name} Is One of a Kind`, `Just Like ${c.name}`],
      premise: (c) => `${they(c)} ${c.v("learns")} that being ${c.p.themselves} is the best thing to be`,
      problem: (c) => `Everyone ${c.place.atAgain} seems to do everything the same way, and ${c.name} wonders whether ${c.p.they} should try to be just like them.`,
      turn: (c, o) => `Then ${c.name} does what only ${c.name} can do. ${o.showcase}`,
      resolution: (c) => `"Do it again!" everyone cries. Being ${c.name} turns out to be the very best thing to be.`,
      feeling: (c) => `proud to be ${c.p.themselves}`,
    },
  },
  {
    match: /school|nursery|kindergarten|first day|reception/,
    arc: {
      id: "school",
      titles: (c) => [`${c.name}'s First Day`, `${c.name} and the Red Door`],
      premise: (c) => `${they(c)} ${c.v("finds")} that new places can become favourite places`,
      problem: (c) => `The path ends at a little school with a bright red door, full of new faces, and ${c.name}'s tummy does a flip.`,
      turn: (c, o) => `A teacher with a kind smile shows ${c.name} a peg with ${c.p.their} very own name on it, and a child with a gap-toothed grin asks, "Want to play?" ${o.skill}`,
      resolution: (c) => `By home time, ${c.name} has a new friend, a painting to take home, and can't wait to come back tomorrow.`,
      feeling: () => "ready for school",
    },
  },
  {
    match: /patien|wait/,
    arc: {
      id: "patience",
      titles: (c) => [`${c.name} and the Magic Seed`, `${c.name} Waits and Sees`],
      premise: (c) => `${they(c)} ${c.v("learns")} that the best things are worth waiting for`,
      problem: (c) => `${c.name} plants a magic seed and wants it to grow RIGHT NOW — but nothing happens.`,
      turn: (c, o) => `So ${c.name} waits${withPal(c)}, and waters it, and sings to it, and waits some more. ${o.skill}`,
      resolution: (c) => `Then, slowly, a shoot appears… and grows into a tree full of shining golden apples — enough for everyone ${c.place.atAgain}.`,
      feeling: () => "glad to have waited",
    },
  },
  {
    match: /truth|honest|lying|lies|fib/,
    arc: {
      id: "truth",
      titles: (c) => [`${c.name} and the Broken Lantern`, `${c.name} Tells the Truth`],
      premise: (c) => `${they(c)} ${c.v("learns")} that telling the truth makes everything feel right again`,
      problem: (c) => `Whoops! ${c.name} bumps the lantern-keeper's precious glass lantern, and it cracks. Nobody saw…`,
      turn: (c, o) => `${c.name}'s tummy feels all twisty, so ${c.p.they} ${c.v("goes")} to the lantern-keeper and ${c.v("says")}, "It was me. I'm sorry." ${o.skill}`,
      resolution: (c) => `The lantern-keeper smiles. "Thank you for telling me." Together they mend the lantern, and it glows brighter than ever over ${c.place.again}.`,
      feeling: () => "glad to have told the truth",
    },
  },
  {
    match: /curio|wonder|explor|question|science/,
    arc: {
      id: "curiosity",
      titles: (c) => [`${c.name} and the Humming Box`, `${c.name} Asks Why`],
      premise: (c) => `${c.p.their} curiosity unlocks a wonderful secret`,
      problem: () => `A mysterious box sits in the middle of the path, humming softly. Nobody knows how to open it.`,
      turn: (c, o) => `${c.name} asks question after question — what's inside? where did it come from? — and spots a tiny keyhole nobody else noticed. ${o.skill}`,
      resolution: (c) => `The box springs open, and out flutter hundreds of glowing moths, lighting up ${c.place.again} like a sky full of stars.`,
      feeling: () => "full of questions and wonder",
    },
  },
  {
    match: /feelings|angry|anger|temper|tantrum|calm|frustrat|emotion/,
    arc: {
      id: "feelings",
      titles: (c) => [`${c.name} and the Big Stompy Feeling`, `${c.name} Takes a Dragon Breath`],
      premise: (c) => `${they(c)} ${c.v("learns")} to tame a big, stompy feeling`,
      problem: (c) => `When the tall tower ${c.name} has built gets knocked over, a big, hot, stompy feeling fills ${c.p.them} right up.`,
      turn: (c, o) => `${c.name} takes three slow dragon breaths — in through the nose, out like smoke — and the stompy feeling shrinks and shrinks. ${o.skill}`,
      resolution: (c) => `Calm again, ${c.name} builds an even better tower, with room for everyone to add a block.`,
      feeling: () => "calm and strong",
    },
  },
  {
    match: /sorry|apolog/,
    arc: {
      id: "sorry",
      titles: (c) => [`${c.name} Says Sorry`, `${c.name} and the Squashed Sandcastle`],
      premise: (c) => `${they(c)} ${c.v("finds")} out how much one small "sorry" can mend`,
      problem: (c) => `In a rush, ${c.name} squashes a little ${localCreature(c)}'s sandcastle flat, and the ${localCreature(c)}'s lip starts to wobble.`,
      turn: (c, o) => `${c.name} feels a pinch in ${c.p.their} tummy, kneels down and says, "I'm sorry. Can I help you build it again?" ${o.skill}`,
      resolution: () => `Together they build a castle twice as tall, with a flag on top and a moat all the way round.`,
      feeling: () => "glad to have made things right",
    },
  },
  {
    match: /together|teamwork|team work|cooperat|help/,
    arc: {
      id: "together",
      titles: (c) => [`${c.name} and the Great Big Boulder`, `Together, ${c.name}!`],
      premise: (c) => `${they(c)} ${c.v("discovers")} that together, we can do anything`,
      problem: () => `A great big boulder rolls across the path — far too big for anyone to move alone.`,
      turn: (c, o) => `${c.name} has an idea: everybody pushes together! "One, two, three… heave!" ${o.skill}`,
      resolution: (c) => `The boulder rolls aside, and everyone ${c.place.atAgain} cheers. Together, they can do anything.`,
      feeling: () => "part of a wonderful team",
    },
  },
  {
    match: /loved|love|family|belong|adopt/,
    arc: {
      id: "loved",
      titles: (c) => [`${c.name}, Loved to the Moon`, `${c.name} and the Trail of Hearts`],
      premise: (c) => `${they(c)} ${c.v("discovers")} just how loved ${they(c)} ${c.v("is")}`,
      problem: (c) => `${c.name} wanders a little too far, and the world suddenly feels very big.`,
      turn: (c, o) => `Then ${c.name} spots a trail of glowing hearts, one after another, leading the way back. ${o.skill}`,
      resolution: (c) => `At the end of the trail, ${c.name} is scooped up into the biggest, warmest hug — loved more than all the stars in the sky.`,
      feeling: () => "loved to the moon and back",
    },
  },
  {
    match: /having fun|just fun|for fun|^fun$/,
    arc: {
      id: "fun",
      titles: (c) => [`${c.name} and the Runaway Picnic`, `${c.name}'s Very Good Day`],
      premise: () => `a runaway picnic leads to the best day ever`,
      problem: () => `Oh no — a gust of wind whisks the picnic basket right away!`,
      turn: (c, o) => `${travellers(c)} ${tv(c, "chases")} it over hills and round trees, laughing all the way. ${o.skill}`,
      resolution: (c) => `They find it caught in a tree, right next to the best view ${c.place.atAgain}. Picnic time!`,
      feeling: () => "happy all the way through",
    },
  },
];

/** Any other lesson, in the parent's own words. */
function customArc(lesson: string): Arc {
  return {
    id: "custom",
    titles: (c) => [`${c.name} Knows What Matters`],
    premise: () => `${lesson} saves the day`,
    problem: (c) => `Then a problem pops up: the path ahead is blocked by a tangle of brambles, and everyone ${c.place.atAgain} is arguing about what to do.`,
    turn: (c, o) => `${c.name} stops and remembers what matters most: ${lesson}. ${o.skill}`,
    resolution: (c) => `Bit by bit the path clears, and everyone agrees ${c.name} had just the right idea.`,
    feeling: () => `sure about ${lesson}`,
  };
}

export function arcFor(lesson: string): Arc {
  const lower = lesson.toLowerCase();
  return ARCS.find(({ match }) => match.test(lower))?.arc ?? customArc(lesson);
}
