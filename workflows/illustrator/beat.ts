import type { Mood } from "./creatures";
import type { Expression, Pose } from "./figures";
import type { TimeOfDay } from "./palette";

/** What a page's words ask the picture to show. */
export interface BeatReading {
  /** Objects to draw (keys of PROPS), most important first. */
  props: string[];
  /** Creatures the words mention (keys of CREATURES), most important first. */
  creatures: string[];
  /** How the featured creature feels. */
  mood: Mood;
  pose?: Pose;
  expression?: Expression;
  place?: "bedroom" | "indoors" | "cave";
  time?: TimeOfDay;
  weather?: Weather;
  /** "everywhere", "a family of": draw several. */
  many: boolean;
  /** "dreams of …": a thought bubble. */
  dream: boolean;
  /** "everyone cheers": the setting's creatures gather round. */
  crowd: boolean;
  /** Someone shy is peeking out from hiding. */
  hiding: boolean;
  /** Dark, spooky, rumbling: the light goes grey. */
  gloomy: boolean;
  /** Something takes off: a rocket goes up rather than standing by. */
  liftOff: boolean;
}

export type Weather = "rain" | "storm" | "wind" | "snow";

/** Objects, in order of importance when a page names several. */
const PROP_WORDS: [RegExp, string | string[]][] = [
  [/tucked up|in bed\b|bedtime|goodnight/, "bed"],
  [/rope bridge/, "ropeBridge"],
  [/bridge\b.*(tumbl|fall|collaps|splash|broke)|(tumbl|collaps|splash).*bridge/, "brokenBridge"],
  [/bridge/, "bridge"],
  [/stream|river|brook|creek/, "stream"],
  [/tunnel|cave|cavern/, "tunnel"],
  [/secret door|\bdoor\b/, "door"],
  [/treasure|chest\b|gold coins|jewels/, "treasure"],
  [/\btrains?\b|railway|steam engine|locomotive/, "train"],
  [/rockets?\b|spaceship|blast(s|ed)? off/, "rocket"],
  [/\bboats?\b|\bships?\b|sailing|pirates?\b/, "boat"],
  [/lighthouse/, "lighthouse"],
  [/castles?\b|palace|kingdom|princess/, "castle"],
  [/\bparty\b|celebrat|festival|bunting|in .*'s honour/, ["bunting", "cake", "balloons"]],
  [/\bcakes?\b|cupcakes?|birthday|baking|pancakes/, "cake"],
  [/balloons?/, "balloons"],
  [/in a bottle|bottle/, "bottle"],
  [/\bmaps?\b/, "map"],
  [/lantern|\blamp\b/, "lantern"],
  [/\btorch\b|flashlight/, "torch"],
  [/\bnote\b|letter|envelope|postcard/, "note"],
  [/\bkeys?\b/, "key"],
  [/\bkites?\b/, "kite"],
  [/campfire|bonfire|crackling fire|\bfire\b/, "campfire"],
  [/cocoa|hot chocolate|\btea\b|\bmug\b/, "cocoa"],
  [/\bbuns?\b|snacks?\b|picnic|sandwich|cookies?|biscuits?\b/, "buns"],
  [/signpost|\bsign\b|points the way/, "signpost"],
  [/\brocks?\b|boulder|stones?\b/, "rock"],
  [/\bbooks?\b|reading|stories|library/, "books"],
  [/\bball\b|football|soccer/, "ball"],
  [/\bbus(es)?\b/, "bus"],
  [/\bcars?\b|trucks?\b|tractors?\b|diggers?\b/, "car"],
  [/aeroplanes?|airplanes?|\bplanes?\b/, "plane"],
  [/paint|drawing|crayons?\b|\bart\b/, "easel"],
  [/building blocks|toy blocks|lego|building things|puzzles?/, "blocks"],
  [/\bbikes?\b|bicycle|scooters?/, "bike"],
  [/\btent\b|camping/, "tent"],
  [/\bbag\b|backpack|packs/, "backpack"],
  [/presents?\b|gifts?\b/, "present"],
  [/umbrella/, "umbrella"],
  [/crown|\bking\b|\bqueen\b|prince\b/, "crown"],
  [/buttons?/, "buttons"],
  [/\bhat\b/, "hat"],
  [/rainbow/, "rainbow"],
  [/\bmoon\b/, "moon"],
  [/planets?\b|galax/, "planet"],
  [/\bstars?\b|starry|twinkl/, "stars"],
  [/sparkl|shimmer|glitter|glow|magic|fairies|wish/, "sparkles"],
  [/flowers?|blossom|garden|petals|daisies|tulips/, "flowers"],
  [/mushroom|toadstool/, "mushrooms"],
  [/\bhouse\b|cottage|\bhome\b/, "house"],
  [/climbs? .*tree|big tree|oak tree|treehouse|\btrees\b/, "tree"],
  [/sing|song|music|\bhum|lullaby|drums|piano|danc|ballet/, "music"],
  [/cheer|hooray|hurrah|confetti/, "confetti"],
  [/dandelion|seeds float/, "dandelions"],
  [/\bwind\b|breeze|gust|blows?\b|sneez/, "leaves"],
  [/bubbles?/, "bubbles"],
  [/shells?\b/, "shell"],
  [/coral/, "coral"],
  [/sandcastle/, "sandcastle"],
  [/snowman/, "snowman"],
  [/\bswings?\b|playground|\bslide\b/, "swing"],
  [/\bpram\b|buggy|stroller/, "pram"],
];

const CREATURE_WORDS: [RegExp, string][] = [
  [/\bgiants?\b/, "giant"],
  [/dragons?/, "dragon"],
  [/dinosaurs?|\bdinos?\b|t-?rex/, "dinosaur"],
  [/creature|monster|troll|ogre|grumbl|someone hiding|shy little someone/, "monster"],
  [/unicorns?/, "unicorn"],
  [/pon(y|ies)|horses?/, "pony"],
  [/\bowls?\b/, "owl"],
  [/hedgehogs?/, "hedgehog"],
  [/snails?/, "snail"],
  [/\bducks?\b|ducklings?/, "duck"],
  [/\bgeese\b|\bgoose\b/, "goose"],
  [/squirrels?/, "squirrel"],
  [/\bcows?\b/, "cow"],
  [/\bsheep\b|\blambs?\b/, "sheep"],
  [/chickens?|\bhens?\b/, "chicken"],
  [/\bworms?\b/, "worm"],
  [/\bmice\b|\bmouse\b/, "mouse"],
  [/whales?|dolphins?/, "whale"],
  [/octopus/, "octopus"],
  [/jellyfish/, "jellyfish"],
  [/\bcrabs?\b/, "crab"],
  [/turtles?|tortoises?/, "tortoise"],
  [/starfish/, "starfish"],
  [/seahorses?/, "seahorse"],
  [/\bfish(es)?\b|mermaids?|sharks?/, "fish"],
  [/\bcats?\b|kittens?/, "cat"],
  [/\bdogs?\b|pupp(y|ies)/, "dog"],
  [/bunn(y|ies)|rabbits?/, "bunny"],
  [/teddy|\bbears?\b/, "bear"],
  [/\bfox(es)?\b/, "fox"],
  [/\bfrogs?\b/, "frog"],
  [/\blions?\b/, "lion"],
  [/tigers?/, "tiger"],
  [/elephants?/, "elephant"],
  [/giraffes?/, "giraffe"],
  [/monkeys?/, "monkey"],
  [/penguins?/, "penguin"],
  [/parrots?/, "parrot"],
  [/\bbees?\b|bumblebee/, "bee"],
  [/butterfl(y|ies)/, "butterfly"],
  [/ladybirds?|ladybugs?|\bbugs?\b|insects?|beetles?|minibeasts?/, "ladybird"],
  [/robots?/, "robot"],
  [/aliens?/, "alien"],
  [/\bbaby\b|wriggly bundle|little one|new sibling|baby (brother|sister)/, "baby"],
  [/knights?\b/, "knight"],
  [/\bbirds?\b|robins?\b|sparrows?|pigeons?|eagles?|\bgulls?\b/, "bird"],
];

/** The first matching rule wins, so stronger cues come first. */
const POSE_WORDS: [RegExp, Pose][] = [
  [/tucked up|in bed\b|bedtime|goodnight|falls? asleep/, "inBed"],
  [/tiptoe|sneak|creep|quietly/, "tiptoe"],
  [/knees|legs wobble|scared|nervous|trembl|shiver|gulp/, "scared"],
  [/\bhugs?\b|cuddl|embrac|snuggl|holds? .*(paw|hand) tight/, "hug"],
  [/takes a bow|\bbows\b/, "bow"],
  [/cheer|hooray|celebrat|\bparty\b|danc|hurrah|whoop|laughing together/, "celebrate"],
  [/jump|leap|\bhops?\b|bounc|splash/, "jump"],
  [/\bruns?\b|running|\brace\b|dash|hurr(y|ies)|chase|zoom/, "run"],
  [/swim|dives?\b|diving/, "swim"],
  [/reach|catch|grabs?|flutters|picks? up/, "reach"],
  [/voice|calls? for|hears?\b|listen|whisper/, "listen"],
  [/\bsits?\b|sitting|rests?\b|quiet spot|picnic|dreams? of/, "rest"],
  [/looks? up|gaz|towering|sky\b|overhead|up high/, "lookUp"],
  [/(holds?|stays?|keeps?) (very,? )*still|freezes/, "stand"],
  [/kneel|crouch|bends down|squats/, "crouch"],
  [/points?\b|spots?\b|shows?\b|wonders/, "point"],
  [/\bholds?\b|carr(y|ies)|lantern|torch|\bmaps?\b|finds|cocoa|splits/, "hold"],
  [/explains|with actions|tells|joke/, "act"],
  [/asks|kneel|what's wrong|gently|helps/, "crouch"],
  [/walks?\b|sets? off|journey|along the way|march|path|heads|arriv|steps?\b|keeps going/, "walk"],
  [/hello|waves?\b|\bmeet\b|greet/, "wave"],
];

const EXPRESSION_WORDS: [RegExp, Expression][] = [
  [/tucked up|asleep|dreams/, "sleep"],
  [/wobbl|scared|nervous|worr|lonely|sad\b|wrong/, "worried"],
  [/laugh|giggl|cheer|hooray|party|honour/, "laugh"],
  [/brave|deep breath|tries again|thinks hard|determined|cleverer/, "determined"],
  [/mysterious|surprise|wow|marvel|gasp|glowing|voice|rumbl/, "oh"],
  [/grin|wonderful|favourite|excit|delight|brilliant/, "grin"],
];

function firstMatch<T>(text: string, table: [RegExp, T][]): T | undefined {
  return table.find(([pattern]) => pattern.test(text))?.[1];
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Reads a beat for what to draw. `names` (the hero's and companion's names)
 * are removed first so a pony called Biscuit does not summon a plate of them.
 */
export function readBeat(beat: string, names: string[] = []): BeatReading {
  // Names are matched as written (capitalised), so "Biscuit" goes but "a biscuit" stays.
  let text = ` ${beat} `;
  for (const name of names.filter((n) => n.trim().length > 1)) {
    text = text.replace(new RegExp(`\\b${escape(name.trim())}\\b`, "g"), " ");
  }
  text = text.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  const props: string[] = [];
  for (const [pattern, ids] of PROP_WORDS) {
    if (!pattern.test(text)) continue;
    for (const id of Array.isArray(ids) ? ids : [ids]) if (!props.includes(id)) props.push(id);
  }
  // One drawing per idea: a broken bridge is not also a whole one, a map in a bottle is not a loose map.
  const drop = new Set<string>();
  if (props.includes("brokenBridge") || props.includes("ropeBridge")) drop.add("bridge");
  if (props.includes("bridge") || props.includes("brokenBridge")) drop.add("stream");
  if (props.includes("bottle")) drop.add("map");
  if (props.includes("lighthouse")) drop.add("lantern");
  if (props.includes("bed")) drop.add("house");
  const creatures = CREATURE_WORDS.filter(([pattern]) => pattern.test(text)).map(([, kind]) => kind);
  const mood: Mood = /laugh|happiest|happy|giggl|turns into|friends?\b|smil/.test(text)
    ? "happy"
    : /grump|growl|cross\b|angry|blocks the way/.test(text)
      ? "grumpy"
      : /snor|sleep|asleep|\bnap/.test(text)
        ? "sleep"
        : /lonely|\bsad\b|crying|lost its way|tears/.test(text)
          ? "sad"
          : /afraid|scared of|surprised/.test(text)
            ? "surprised"
            : "happy";
  const place = /tucked up|in bed\b|bedroom|bedtime|goodnight/.test(text)
    ? "bedroom"
    : /steps inside|inside the (tunnel|cave)|into the (tunnel|cave)|underground/.test(text)
      ? "cave"
      : /window|indoors|kitchen|living room|back home|at home|heads home|fireside/.test(text)
        ? "indoors"
        : undefined;
  const time: TimeOfDay | undefined = /\bnight|moonlight|bedtime|tucked up|blanket of stars|twinkling stars|starry/.test(text)
    ? "night"
    : /sunset|sun sets|setting sun|dusk|evening|peaches|first star|shadows grow long|by sunset/.test(text)
      ? "sunset"
      : /\bmorning|sunrise|dawn|breakfast/.test(text)
        ? "morning"
        : /midday|noon|sunny/.test(text)
          ? "day"
          : undefined;
  const weather: Weather | undefined = /thunder|storm|lightning/.test(text)
    ? "storm"
    : /\brain\b|raining|puddle|drizzle|patter/.test(text)
      ? "rain"
      : /snowing|snowflake|blizzard/.test(text)
        ? "snow"
        : /\bwind\b|breeze|gust/.test(text)
          ? "wind"
          : undefined;
  return {
    props: props.filter((id) => !drop.has(id)),
    creatures,
    mood,
    pose: firstMatch(text, POSE_WORDS),
    expression: firstMatch(text, EXPRESSION_WORDS),
    place,
    time,
    weather,
    many: /everywhere|lots of|hundreds|so many|family of|flock|herd|school of|all around|dozens|whole tiny world|\bbugs\b|insects/.test(text),
    dream: /dreams? of|head full of dreams|dreaming/.test(text),
    crowd: /everyone|everybody|the whole of|all of the|crowd|friends gather/.test(text),
    hiding: /hiding|peek|behind a rock/.test(text),
    gloomy: /\bdark\b|gloom|spooky|shadows/.test(text),
    liftOff: /blast|lift(s|ed)? off|launch|take(s)? off|zooms? (up|into)|soars?/.test(text),
  };
}
