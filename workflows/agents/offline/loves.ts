import type { Cast, Love } from "./cast";
import { capitalise } from "./grammar";

type Line = (c: Cast, love: string) => string;

interface LoveLines {
  /** A noun for a title: "Midnight Train". */
  title?: string;
  /** Moments in the story full of the thing the child loves. */
  scenes: Line[];
  /** How it helps at the turning point. */
  skill?: Line;
}

const pal = (c: Cast, fallback: string) => c.pal?.short ?? fallback;

const GROUPS: { words: RegExp; lines: LoveLines }[] = [
  {
    words: /^(dinosaurs?)$/i,
    lines: {
      title: "Dinosaur Egg",
      scenes: [
        (c) => `A friendly diplodocus peeks over the treetops and lets ${c.name} slide all the way down its long, long neck. Wheee!`,
        (c) => `Giant footprints! ${c.name} follows them to a nest where three baby dinosaurs are hatching — crack, crack, CRACK!`,
        (c) => `A little triceratops wants to play chase, and ${c.name} is very good at it.`,
      ],
      skill: (c) => `${c.They} ${c.v("does")} ${c.p.their} best dinosaur roar, just a tiny one, for courage.`,
    },
  },
  {
    words: /^(trains|railways?)$/i,
    lines: {
      title: "Midnight Train",
      scenes: [
        (c) => `A little red steam train puffs into view — toot toot! — and ${c.name} hops aboard${c.pal ? ` with ${c.pal.short}` : ""}.`,
        (c) => `${c.name} helps the train driver pull the whistle, and the engine chuffs over a bridge high above the treetops.`,
        (c) => `A tiny train made of teapots rattles past, and ${c.name} waves at every carriage.`,
      ],
      skill: (c) => `${c.They} ${c.v("chuffs")} along like a little steam train: "I think I can, I think I can."`,
    },
  },
  {
    words: /^(space|rockets?|planets?|stars|astronauts?|the moon)$/i,
    lines: {
      title: "Runaway Rocket",
      scenes: [
        (c) => `A rocket made of tin cans is waiting. ${c.name} counts down — five, four, three, two, one — whoosh!`,
        (c) => `The stars spell out ${c.name}'s name across the sky, and a comet winks as it zooms by.`,
        (c) => `${c.name} bounces across a tiny planet where every step goes boing.`,
      ],
      skill: (c) => `${c.They} ${c.v("counts")} down like a rocket — three, two, one — and off ${c.p.they} ${c.v("goes")}.`,
    },
  },
  {
    words: /^(dragons?)$/i,
    lines: {
      title: "Hiccuping Dragon",
      scenes: [
        (c) => `A small dragon with the hiccups puffs out smoke rings shaped like hearts, and ${c.name} helps cure them with a glass of water, upside down.`,
        (c) => `${c.name} rides on a dragon's back, high above the clouds, holding on tight.`,
      ],
      skill: (c) => `${c.They} ${c.v("thinks")} of the dragons ${c.p.they} ${c.v("loves")}, who are brave and kind all at once.`,
    },
  },
  {
    words: /^(unicorns?)$/i,
    lines: {
      title: "Rainbow Unicorn",
      scenes: [
        (c) => `A unicorn with a rainbow mane trots over, bows, and lets ${c.name} plait ribbons into its tail.`,
        (c) => `Where a unicorn gallops, flowers pop up behind it — and ${c.name} follows the trail of petals.`,
      ],
    },
  },
  {
    words: /^(the sea|the beach|boats?|pirates?|mermaids?|sharks?|whales?|fish|dolphins?)$/i,
    lines: {
      title: "Secret Sea",
      scenes: [
        (c, love) => (/pirate/i.test(love) ? `A pirate ship with patched-up sails drops anchor, and Captain Barnacle invites ${c.name} aboard for a treasure hunt.` : `A friendly whale rises up and sprays a fountain that glitters like a rainbow.`),
        (c, love) => (/mermaid/i.test(love) ? `A mermaid with a silver tail teaches ${c.name} a song that only the sea can sing.` : `${c.name} finds a shell that whispers the sound of the sea, and listens for a long, long time.`),
      ],
      skill: (c, love) => (/pirate/i.test(love) ? `${c.They} ${c.v("stands")} tall like a real pirate captain: steady hands, brave heart.` : `${c.They} ${c.v("thinks")} of the sea — calm and strong — and ${c.v("feels")} calm and strong too.`),
    },
  },
  {
    words: /^(football|rugby|tennis)$/i,
    lines: {
      title: "Golden Goal",
      scenes: [
        (c, love) => `A game of ${love} starts up, and ${c.name} scores the winning point to cheers from everyone${c.pal ? `, especially ${c.pal.short}` : ""}.`,
        (c, love) => `${c.name} teaches a team of rabbits to play ${love}. They're rubbish at it, but they love it.`,
      ],
      skill: (c, love) => `All that practice at ${love} pays off: ${c.p.they} ${c.v("knows")} how to keep going when it's hard.`,
    },
  },
  {
    words: /^(dancing|ballet|gymnastics)$/i,
    lines: {
      title: "Dancing Shoes",
      scenes: [
        (c, love) => `Music floats through the air, and ${c.name} can't help ${love === "gymnastics" ? "doing cartwheels" : "dancing"} — soon everyone is joining in.`,
        (c) => `${c.name} twirls so fast that the leaves spin up and dance along too.`,
      ],
      skill: (c) => `${c.They} ${c.v("does")} a wiggly little dance to shake the nerves away.`,
    },
  },
  {
    words: /^(music|singing|drums|the piano)$/i,
    lines: {
      title: "Singing Seashell",
      scenes: [
        (c, love) => `${c.name} makes music with whatever ${c.p.they} can find — ${love === "drums" ? "a bucket drum, a spoon and a saucepan" : "a whistle, a bell and a bucket drum"} — and a parade forms behind ${c.p.them}.`,
        (c) => `The birds teach ${c.name} a brand-new tune, and ${c.name} teaches them one back.`,
      ],
      skill: (c) => `${c.They} ${c.v("hums")} ${c.p.their} favourite song, and it helps.`,
    },
  },
  {
    words: /^(painting|drawing|crafts|colouring)$/i,
    lines: {
      title: "Magic Paintbrush",
      scenes: [
        (c) => `${c.name} finds a magic paintbrush: whatever ${c.p.they} ${c.v("paints")} comes to life — a butterfly, a boat, a tiny purple cow.`,
        (c, love) => `${c.name} stops to do some ${love}, and everyone crowds round to see.`,
      ],
      skill: (c) => `${c.They} ${c.v("draws")} a plan in the dirt with a stick — ${c.name} always thinks best with a picture.`,
    },
  },
  {
    words: /^(lego|building blocks|building things|building|blocks|puzzles)$/i,
    lines: {
      title: "Brick Castle",
      scenes: [
        (c, love) => `${c.name} builds a tower out of ${/puzzle/i.test(love) ? "puzzle pieces" : love === "Lego" ? "Lego bricks" : "blocks"} so tall that it tickles the clouds.`,
        (c) => `${c.name} builds a bridge, a boat and a very small house for a beetle.`,
      ],
      skill: (c) => `${c.They} ${c.v("builds")} a clever plan, piece by piece, just like ${c.p.their} best towers.`,
    },
  },
  {
    words: /^(robots?|coding|science|maths|computers?)$/i,
    lines: {
      title: "Clockwork Robot",
      scenes: [
        (c) => `A little clockwork robot has lost its key. ${c.name} works out the puzzle and winds it up — whirr, clunk, beep!`,
        (c, love) => `${c.name} uses ${/maths/i.test(love) ? "some clever counting" : /coding/i.test(love) ? "a clever set of instructions" : "a clever experiment"} to fix a broken fountain, and it sprays sparkles everywhere.`,
      ],
      skill: (c, love) => `${c.They} ${c.v("thinks")} it through step by step, just like ${/maths/i.test(love) ? "a maths puzzle" : /coding/i.test(love) ? "coding" : "a scientist"}.`,
    },
  },
  {
    words: /^(cars|trucks|diggers|tractors|aeroplanes|bikes|scooters|skateboarding)$/i,
    lines: {
      title: "Big Yellow Digger",
      skill: (c, love) => `${c.They} ${c.v("thinks")} like a ${/diggers|tractors|trucks/.test(love) ? "digger driver: one careful scoop at a time" : "racing driver: eyes ahead, steady hands"}.`,
      scenes: [
        (c, love) => `${capitalise(love)}! A whole row of them, and the driver of the biggest one lets ${c.name} pull the lever.`,
        (c, love) => `${c.name} races along ${/bikes|scooters|skateboarding/.test(love) ? "on the fastest wheels in the land" : `in a shiny red ${love.replace(/s$/, "")}`}, wind whooshing past.`,
      ],
    },
  },
  {
    words: /^(bugs|butterflies|ladybirds|snails|bees|spiders)$/i,
    lines: {
      title: "Busy Beetle",
      scenes: [
        (c, love) => `${c.name} kneels down and finds a whole tiny world of ${love} busy in the grass.`,
        (c) => `A butterfly lands on ${c.name}'s nose, and ${c.name} holds very, very still.`,
      ],
      skill: (c) => `${c.They} ${c.v("remembers")} how tiny bugs carry enormous things, one little step at a time.`,
    },
  },
  {
    words: /^(animals|cats|dogs|horses|ponies|birds|frogs|penguins|owls|monkeys|elephants|lions|tigers|ducks|rabbits|bunnies|hedgehogs|foxes|bears|pandas|giraffes|zebras|sheep|cows|pigs|chickens|hamsters|guinea pigs|turtles|tortoises|sloths|otters|koalas|kangaroos|squirrels|badgers|deer|wolves|llamas|goats)$/i,
    lines: {
      title: "Animal Parade",
      scenes: [
        (c, love) => `${c.name} meets a whole family of ${love === "animals" ? "animals" : love}, and they all want to be ${c.p.their} friend.`,
        (c, love) => `A parade of ${love} marches past, and ${c.name} is invited to lead it.`,
      ],
    },
  },
  {
    words: /^(flowers|gardening|trees|climbing)$/i,
    lines: {
      title: "Secret Garden",
      scenes: [
        (c, love) => (love === "climbing" ? `${c.name} climbs the tallest tree and can see all the way to the edge of the world.` : `${c.name} finds a secret garden where the flowers are as big as umbrellas.`),
        (c) => `${c.name} plants a tiny seed, and in the blink of an eye it's a sunflower taller than a house.`,
      ],
    },
  },
  {
    words: /^(baking|cake|cakes|cooking|pancakes|cupcakes|biscuits)$/i,
    lines: {
      title: "Runaway Cupcake",
      scenes: [
        (c, love) => `${c.name} finds a little bakery and helps make ${love === "pancakes" ? "a stack of pancakes as tall as a giraffe" : "a cake so big it needs a ladder"}.`,
        (c) => `A cupcake with a cherry on top rolls away, and ${c.name} chases it all the way down the hill.`,
      ],
      skill: (c) => `${c.They} ${c.v("remembers")} what baking taught ${c.p.them}: follow the steps, and be patient.`,
    },
  },
  {
    words: /^(books|stories|reading)$/i,
    lines: {
      title: "Book of Wishes",
      scenes: [
        (c) => `${c.name} opens a book lying in the grass, and the story inside jumps right out.`,
        (c) => `A library in a hollow tree lends ${c.name} a book that reads itself aloud.`,
      ],
      skill: (c) => `${c.They} ${c.v("thinks")} of all the heroes in ${c.p.their} favourite books — and ${c.v("feels")} like one.`,
    },
  },
  {
    words: /^(princesses|knights|castles|fairies|magic|superheroes)$/i,
    lines: {
      title: "Magic Crown",
      scenes: [
        (c, love) => `${love === "fairies" ? "A fairy no bigger than a thumb" : love === "knights" ? "A knight in slightly rusty armour" : love === "superheroes" ? "A superhero with a very long cape" : love === "magic" ? "A wizard with a crooked hat" : "A princess in wellies"} asks ${c.name} to help with a very important job.`,
        (c) => `${c.name} is given a shining crown and made honorary ruler for the day.`,
      ],
      skill: (c) => `${c.They} ${c.v("stands")} tall like a real ${/superhero/.test(c.loves.map((l) => l.text).join(" ")) ? "superhero" : "knight"}.`,
    },
  },
  {
    words: /^(puddles|mud|jumping|trampolines|snow|swimming)$/i,
    lines: {
      title: "Biggest Puddle",
      scenes: [
        (c, love) => (love === "swimming" ? `${c.name} dives into a sparkling pool and swims with a shoal of silver fish.` : love === "snow" ? `Snow begins to fall, and ${c.name} builds a snowman who can wave.` : `${c.name} finds the biggest, muddiest puddle in the world — SPLOSH!`),
        (c) => `${c.name} jumps so high that ${c.p.they} can touch a cloud.`,
      ],
    },
  },
  {
    words: /^(minecraft)$/i,
    lines: {
      title: "Block World",
      scenes: [
        (c) => `Everything here is made of blocks, just like in Minecraft, and ${c.name} builds a house in a single afternoon.`,
        (c) => `${c.name} digs down, block by block, and finds a secret cavern full of diamonds.`,
      ],
      skill: (c) => `${c.They} ${c.v("thinks")} like a Minecraft builder: one block at a time.`,
    },
  },
  {
    words: /^(bubbles)$/i,
    lines: {
      title: "Big Bubble",
      scenes: [
        (c) => `${c.name} blows a bubble so big that ${c.p.they} ${c.v("floats")} away inside it — up, up and over the treetops, and gently back down again.`,
        (c) => `Bubbles everywhere! ${c.name} pops them one by one, and each one goes ping with a tiny song.`,
      ],
    },
  },
  {
    words: /^(volcanoes)$/i,
    lines: {
      title: "Bubbling Volcano",
      scenes: [(c) => `A friendly volcano rumbles and puffs out… bubbles! ${c.name} pops them all.`],
    },
  },
];

function linesFor(love: string): LoveLines | undefined {
  return GROUPS.find(({ words }) => words.test(love))?.lines;
}

/** A moment full of the thing the child loves, told in any words the parent used. */
export function loveScenes(c: Cast, love: Love): string[] {
  const known = linesFor(love.text);
  if (known) return known.scenes.map((line) => line(c, love.text));
  const text = love.text;
  return love.activity
    ? [
        `${c.name} finds the perfect spot for ${text}${c.pal ? `, and ${pal(c, "")} joins in` : ""}.`,
        `Nobody ${c.place.atAgain} has ever tried ${text}, so ${c.name} shows them how — and they love it.`,
        `${c.name} shows everyone how good ${c.p.they} ${c.v("is")} at ${text}, and they clap and cheer.`,
      ]
    : [
        `${c.name} tells ${pal(c, "a passing butterfly")} all about ${text}, and doesn't stop for ages.`,
        `${c.name} makes up a song about ${text}, and ${c.pal ? `${c.pal.short} joins` : "the birds join"} in.`,
        `Everything ${c.place.atAgain} makes ${c.name} think of ${text}, and ${c.p.they} ${c.v("grins")} from ear to ear.`,
      ];
}

/** The sentence in which a love helps at the turning point. */
export function loveSkill(c: Cast, love: Love): string {
  const known = linesFor(love.text)?.skill;
  if (known) return known(c, love.text);
  return love.activity ? `All that practice at ${love.text} comes in handy, too.` : `Thinking about ${love.text} gives ${c.p.them} an extra bit of oomph.`;
}

/** A title noun for a love, when there's a good one. */
export function loveTitle(love: Love): string | undefined {
  return linesFor(love.text)?.title;
}
