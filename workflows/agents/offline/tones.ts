import type { BookBrief } from "../../brief";
import type { Cast } from "./cast";
import { capitalise, pluralVerb } from "./grammar";

export type Tone = NonNullable<BookBrief["tone"]>;

/** "Maya and Miso" or "Maya". */
export function travellers(c: Cast) {
  return c.pal ? `${c.name} and ${c.pal.short}` : c.name;
}
/** A verb agreeing with the travellers: "Maya sets off", "Maya and Miso set off". */
export function tv(c: Cast, verb: string) {
  return c.pal ? pluralVerb(verb) : verb;
}

type Line = (c: Cast, extra: { love: string; feeling: string }) => string;
type MomentLine = (c: Cast) => string | null;

/** A moment that needs the open air: hills, rivers, birds, weather, campfires. */
const onLand =
  (line: (c: Cast) => string): MomentLine =>
  (c) =>
    c.place.realm === "land" ? line(c) : null;
/** A moment only one realm has: a comet in space, an octopus under the sea. */
const only =
  (realm: Cast["place"]["realm"], line: (c: Cast) => string): MomentLine =>
  (c) =>
    c.place.realm === realm ? line(c) : null;
/** The way there: over hills on land, past the moon in space, down through the waves under the sea. */
const wayThere = (c: Cast) =>
  c.place.realm === "space" ? "Up past the moon and round a comet" : c.place.realm === "sea" ? "Down through the waves and past the seaweed" : "Over hills and across rivers";

export interface ToneLines {
  /** After "Meet Maya…": a sentence that sets the mood from page one. */
  tail: Line[];
  call: Line[];
  arrive: Line[];
  celebrate: Line[];
  home: Line[];
  /** Little moments sprinkled through the pages; `intense` ones are left out of gentler stories. */
  moments: { line: MomentLine; intense?: boolean }[];
}

export const TONES: Record<Tone, ToneLines> = {
  funny: {
    tail: [
      (c) => `${c.They} ${c.v("has")} a giggle so big it once knocked the hat off a hippo.`,
      (c) => `${c.They} can pull the silliest face in the whole wide world (${c.p.their} teddy agrees).`,
    ],
    call: [
      (c, x) => `One morning a pigeon in a tiny hat delivers a very important letter: “Help needed ${c.place.at}! Please bring ${x.love}. And a spare sock.”`,
      (c) => `${c.name} is halfway through breakfast when a map falls out of the cereal box — a map ${c.place.to}!`,
    ],
    arrive: [
      (c) => `${travellers(c)} ${tv(c, "arrives")} ${c.place.at} with a bump, a bounce and a very loud “OOF!”`,
      (c) => `${travellers(c)} ${tv(c, "lands")} ${c.place.at} upside down, which is not the usual way to arrive anywhere.`,
    ],
    celebrate: [
      (c) => `Everyone throws a party for ${c.name}, with jelly that wobbles so much it escapes off the table.`,
      (c, x) => `There's a party ${c.place.atAgain} with a cake shaped like ${x.love}, and ${c.name} gets the first slice (and the second).`,
    ],
    home: [
      (c) => `At last ${c.name} heads home for tea, still giggling — and finds one last surprise in ${c.p.their} pocket: a very small, very cheeky frog.`,
      (c, x) => `Back home, ${c.name} tells the whole story at teatime, feeling ${x.feeling}, and laughs so much that milk comes out of ${c.p.their} nose. Oops!`,
    ],
    moments: [
      { line: onLand(() => "A hat flies off and lands on a very surprised duck.") },
      { line: onLand(() => "A goose in a bobble hat honks a very rude little song.") },
      { line: onLand(() => "A cow in wellies moos “Good morning!” — at teatime.") },
      { line: onLand((c) => `${c.name}'s tummy rumbles so loudly that a family of rabbits thinks it's thunder.`) },
      { line: onLand(() => "A worm tells the worst joke in the world, and everyone laughs anyway.") },
      { line: onLand((c) => `${c.pal ? capitalise(c.pal.short) : "Somebody"} sneezes — ATCHOO! — so hard that all the leaves fall off a tree.`) },
      { line: onLand(() => "A penguin in sunglasses waddles past, eating an ice lolly.") },
      { line: onLand(() => "A squirrel is trying to hide a pumpkin in a teacup. It does not fit.") },
      { line: (c) => (c.pal ? `${capitalise(c.pal.short)} does a little dance that is mostly wiggling.` : `${c.name} does a little dance that is mostly wiggling.`) },
      { line: () => "Everybody gets the giggles and can't stop hiccuping." },
      { line: onLand(() => "A very serious snail is racing a very sleepy tortoise. Nobody is winning.") },
      { line: (c) => `${c.name}'s socks try to go on an adventure of their own.` },
      { line: onLand(() => "A sheep wearing a tutu pirouettes past and bows.") },
      { line: onLand(() => "The trees sneeze, and it rains apples. Bonk!") },
      { line: only("space", () => "An alien with seven noses sneezes seven times. ATCHOO! ATCHOO! ATCHOO! (and four more).") },
      { line: only("space", () => "A comet zooms past with its tail tied in a knot.") },
      { line: only("space", (c) => `Gravity switches off for a moment, and ${c.name}'s sandwich floats away. Come back, sandwich!`) },
      { line: only("space", () => "A very small planet burps, and everyone pretends not to notice.") },
      { line: only("sea", () => "A crab tries on a shell three sizes too big and falls over.") },
      { line: only("sea", () => "An octopus juggles eight starfish and somehow drops nine.") },
      { line: only("sea", () => "A pufferfish puffs up so much that it bounces off a rock. Boing!") },
      { line: only("sea", (c) => `A fish with a moustache swims up and asks ${c.name} the way to the bathroom.`) },
    ],
  },
  adventurous: {
    tail: [(c) => `${c.They} ${c.v("is")} always ready for an adventure.`, (c) => `${c.They} never, ever ${c.v("says")} no to an adventure.`],
    call: [
      (c) => `One morning a map in a bottle washes up at ${c.name}'s feet, with a big red X marked ${c.place.at}.`,
      (c) => `A tiny voice calls for help from far away ${c.place.at}, and ${c.name} knows exactly who should answer.`,
    ],
    arrive: [
      (c) => `${travellers(c)} ${tv(c, "sets")} off at a run and soon ${tv(c, "arrives")} ${c.place.at}. Everything is wild and new and waiting to be explored.`,
      (c) => `${wayThere(c)} ${travellers(c)} ${tv(c, "goes")}, all the way ${c.place.to}.`,
    ],
    celebrate: [
      (c) => `Everyone ${c.place.atAgain} lifts ${c.name} up high and cheers: “Hip, hip, hooray!”`,
      (c, x) => `The whole crowd cheers for ${c.name}, the bravest explorer of all, and asks to hear everything about ${x.love}.`,
    ],
    home: [
      (c, x) => `As the sun sets, ${c.name} heads home, tired and happy and ${x.feeling}, already dreaming of the next adventure.`,
      (c) => `Home at last, ${c.name} hangs up ${c.p.their} explorer's hat. What an adventure! And tomorrow? Who knows…`,
    ],
    moments: [
      { line: onLand(() => "The wind whips up, and everyone's hair goes every which way.") },
      { line: onLand(() => "A rope bridge sways high above a rushing river — one step, two steps, across!") },
      { line: onLand(() => "A secret door creaks open in the side of a hill.") },
      { line: onLand(() => "A hidden waterfall tumbles over a cave glittering with crystals.") },
      { line: onLand((c) => `Footprints lead off into the unknown, and ${c.name} follows them.`) },
      { line: onLand(() => "An eagle swoops down and shows them the way.") },
      { line: onLand(() => "They race the setting sun to the very top of the hill.") },
      { line: onLand(() => "Thunder rumbles, and the path splits three ways."), intense: true },
      { line: (c) => (c.place.realm === "sea" ? "The water trembles as something enormous swims by in the deep." : "The ground shakes as something enormous stomps by in the distance."), intense: true },
      { line: onLand(() => "A river of stepping stones appears — hop, hop, hop!") },
      { line: only("space", () => "A meteor shower fizzes past like fireworks.") },
      { line: only("space", () => "A friendly comet offers them a ride on its sparkly tail. Whoosh!") },
      { line: only("space", () => "They bounce across a crater in great big moon-leaps.") },
      { line: only("space", (c) => `${c.name} steers round a spinning asteroid — left, right, and through!`) },
      { line: only("sea", () => "A current whooshes them through a tunnel of coral.") },
      { line: only("sea", () => "A sunken ship looms out of the blue, its portholes glowing.") },
      { line: only("sea", () => "A whale sings so deep that the whole sea hums.") },
      { line: only("sea", (c) => `${c.name} follows a trail of glowing pearls into the deep.`) },
    ],
  },
  cosy: {
    tail: [
      (c) => `${capitalise(c.p.their)} favourite place in the whole world is snuggled under a blanket with a story.`,
      (c) => `Warm socks, warm cocoa and warm hugs are ${c.p.their} favourite things of all.`,
    ],
    call: [
      (c) => `One evening a little lantern floats up to ${c.name}'s window and glows, as if to say, “Come with me ${c.place.to}.”`,
      (c) => `As the first stars come out, a gentle voice calls from ${c.place.name}: “Won't you come and visit?”`,
    ],
    arrive: [
      (c) => `${travellers(c)} ${tv(c, "arrives")} ${c.place.at}, where the lanterns glow golden and everything smells of warm toast.`,
      (c) => `Soon ${travellers(c)} ${tv(c, "is")} ${c.place.at}, wrapped up in scarves, watching the lanterns twinkle on.`,
    ],
    celebrate: [
      (c, x) => `Everyone gathers round a crackling fire with mugs of cocoa, and ${c.name} tells them all about ${x.love}.`,
      (c) => `There's a cosy supper for ${c.name}, with hot soup, crumpets and songs by the fire.`,
    ],
    home: [
      (c, x) => `At last ${c.name} is home, tucked up warm in bed, feeling ${x.feeling}. Goodnight, ${c.name}.`,
      (c) => `Home again, ${c.name} snuggles down under the covers, with one last yawn and the softest smile. Sweet dreams.`,
    ],
    moments: [
      { line: (c) => (c.place.realm === "sea" ? null : "Warm cocoa steams under a blanket of stars.") },
      { line: onLand(() => "A crackling fire keeps everyone's toes toasty.") },
      { line: onLand(() => "Rain patters softly on a leafy roof overhead.") },
      { line: only("space", () => "The stars twinkle on and off like a night light.") },
      { line: only("space", () => "The moon hums a sleepy tune to the little planets.") },
      { line: only("sea", () => "Little fish snuggle into the swaying seaweed for the night.") },
      { line: only("sea", () => "The water rocks everyone gently, like a cradle.") },
      { line: () => "Someone hums a lullaby they half remember." },
      { line: () => "A lantern glows like a small, friendly moon." },
      { line: () => "There are warm buns, still soft from the oven." },
      { line: () => "Everyone shares one big, woolly blanket." },
      { line: () => "A kettle sings softly on the stove." },
    ],
  },
  gentle: {
    tail: [(c) => `${c.They} ${c.v("has")} a kind heart and a head full of questions.`, (c) => `${c.They} ${c.v("notices")} the little things that other people miss.`],
    call: [
      (c) => `One morning a glowing map appears on ${c.name}'s pillow, with a path that leads ${c.place.to}.`,
      (c) => `When a tiny voice calls for help from ${c.place.name}, ${c.name} knows exactly who should answer.`,
    ],
    arrive: [
      (c) => `${travellers(c)} ${tv(c, "sets")} off and soon ${tv(c, "arrives")} ${c.place.at}. Everything is new and shimmering.`,
      (c) => `Step by step, ${travellers(c)} ${tv(c, "finds")} the way ${c.place.to}, all bright in the morning sun.`,
    ],
    celebrate: [
      (c, x) => `Everyone ${c.place.atAgain} gathers to say thank you, and ${c.name} tells them all about ${x.love}.`,
      (c) => `There's a little celebration for ${c.name}, with daisy chains and lemonade.`,
    ],
    home: [
      (c, x) => `At last ${c.name} heads home, feeling ${x.feeling}, with a heart full of quiet joy.`,
      (c) => `Back home, ${c.name} smiles a secret smile. ${c.They} will never forget ${c.place.again}.`,
    ],
    moments: [
      { line: onLand(() => "A soft breeze carries the smell of flowers.") },
      { line: onLand(() => "A robin sings a quiet little song.") },
      { line: onLand(() => "The sky turns the colour of peaches.") },
      { line: onLand(() => "Dandelion seeds float by like tiny wishes.") },
      { line: onLand(() => "A stream chuckles over smooth stones.") },
      { line: onLand(() => "Butterflies drift past like floating petals.") },
      { line: (c) => (c.place.realm === "sea" ? null : "The first star blinks awake.") },
      { line: only("space", () => "A little planet spins by, humming to itself.") },
      { line: only("space", () => "Stardust settles like glitter on everyone's sleeves.") },
      { line: only("sea", () => "A seahorse bobs past and waves its tiny tail.") },
      { line: only("sea", () => "Sunbeams ripple down through the water like ribbons.") },
      { line: only("sea", () => "A shy starfish peeks out from behind a shell.") },
    ],
  },
};

/** How many pages get a little tone moment: funny stories are full of them. */
export const TONE_SHARE: Record<Tone, number> = { funny: 0.6, adventurous: 0.45, cosy: 0.45, gentle: 0.3 };

/** Words that make a story scarier than a parent wants, and their gentler swaps. */
export const GENTLER_WORDS: [RegExp, string][] = [
  [/\bgrumpy\b/gi, "shy"],
  [/\bgrowling\b/gi, "humming"],
  [/\bgrowls?\b/gi, "hums"],
  [/\bdark, rumbling\b/gi, "twinkly"],
  [/\brumbling\b/gi, "humming"],
  [/\bscary\b/gi, "surprising"],
  [/\bfrightening\b/gi, "surprising"],
  [/\bterrifying\b/gi, "surprising"],
  [/\bspooky\b/gi, "mysterious"],
  [/\bcreepy\b/gi, "curious"],
  [/\bmonsters?\b/gi, "creature"],
  [/\bknees begin to wobble\b/gi, "tummy flutters"],
  [/\bin the dark\b/gi, "in the night"],
];
