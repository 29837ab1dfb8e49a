import { renderAsync } from "@resvg/resvg-js";
import type { BookBrief, Plot } from "../brief";
import { pick, seededUnit, shuffled } from "../agents/offline/seeded";
import { readBeat, type BeatReading } from "./beat";
import { CREATURE_HEIGHT, CREATURE_WIDTH, creatureKind, drawCreature, personDrawing, type Mood } from "./creatures";
import { drawHero, type HeroPlacement, type Pose } from "./figures";
import { gradeSvg, heroLook, timeOfDayFor, type HeroLook, type TimeOfDay } from "./palette";
import { PROPS, sparkle, type PropContext } from "./props";
import { between, choose, r1, randomFor, type Random } from "./random";
import { ambientKinds, backdrop, foreground, settingKind, weatherLayer, worldOf, type SettingKind, type Stage, type World } from "./scenery";
import { artStyleOf, castShadow } from "./styles";

export interface IllustrationRequest {
  bookId: string;
  brief: BookBrief;
  plot: Plot;
  /** 0 is the cover. */
  pageNumber: number;
}

export interface Illustrator {
  readonly name: string;
  /** An SVG scene for the page (validated, self-contained). */
  drawScene(request: IllustrationRequest): Promise<string>;
}

export const PAGE_SIZE = 1024;
const W = PAGE_SIZE;

type Shot = "wide" | "medium" | "close" | "low" | "high" | "cover" | "room";

/** Camera distance: where the horizon sits, where feet stand, how big the hero is. */
const SHOTS: Record<Shot, { horizon: number; floor: number; hero: number; spread: number }> = {
  wide: { horizon: 600, floor: 905, hero: 1.0, spread: 270 },
  medium: { horizon: 640, floor: 940, hero: 1.3, spread: 250 },
  close: { horizon: 700, floor: 1010, hero: 1.65, spread: 210 },
  low: { horizon: 780, floor: 960, hero: 1.0, spread: 270 },
  high: { horizon: 470, floor: 925, hero: 1.05, spread: 260 },
  cover: { horizon: 700, floor: 990, hero: 1.85, spread: 0 },
  room: { horizon: 850, floor: 1000, hero: 1.25, spread: 240 },
};

/** Things big enough to share the page with the hero as its subject. */
const BIG_THINGS = new Set(["giant", "dragon", "dinosaur", "elephant", "giraffe", "whale", "monster", "unicorn", "pony"]);
const BIG_PROPS = new Set(["train", "bus", "rocket", "boat", "castle", "lighthouse", "tunnel", "door", "house", "tree", "tent", "treasure", "signpost", "balloons", "cake", "easel", "snowman", "swing"]);
const FLYERS = new Set(["bird", "butterfly", "bee", "parrot", "owl"]);
const SWIMMERS = new Set(["fish", "jellyfish", "octopus", "seahorse", "whale", "tortoise"]);
/** What each world cannot have: no birds under the sea, no streams in space. */
const NOT_IN: Record<"water" | "space", Set<string>> = {
  water: new Set(["bird", "butterfly", "bee", "parrot", "owl", "ladybird", "flowers", "tree", "stream", "leaves", "dandelions", "campfire", "kite", "plane", "rainbow", "hat", "balloons", "moon"]),
  space: new Set(["bird", "butterfly", "bee", "parrot", "owl", "stream", "leaves", "dandelions", "kite", "plane", "rainbow", "fish", "whale", "jellyfish", "octopus", "crab"]),
};
/** Settings that already stand in front of one of the things a page might name. */
const LANDMARKS: Partial<Record<SettingKind, string>> = { castle: "castle", seaside: "lighthouse" };

/** Where the hero holds each handheld thing, relative to the hands. */
const GRIPS: Record<string, [number, number]> = { lantern: [0, 72], torch: [14, 24], map: [0, 50], cocoa: [0, 44], umbrella: [34, 80], crown: [0, -128], key: [0, 30] };

interface Companion {
  kind: string;
  draw: (mood: Mood, outline: string) => string;
  height: number;
  width: number;
}

const PEOPLE = /brother|sister|friend|cousin|grand|granny|nana|mum|mom|dad|auntie|uncle|neighbour/;

function companionOf(brief: BookBrief, bookId: string, hero: HeroLook): Companion | null {
  const said = brief.companion?.kind;
  if (!said) return null;
  const k = said.toLowerCase();
  if (PEOPLE.test(k)) {
    const grown = /grand|granny|nana|mum|mom|dad|auntie|uncle|neighbour/.test(k);
    const older = /grand|granny|nana/.test(k);
    const base = heroLook(
      { looks: older ? { hair: /pa\b|grandad|grandfather/.test(k) ? "short grey" : "grey bun", clothes: /pa\b|grandad|grandfather/.test(k) ? "jumper" : "dress", glasses: true } : {} },
      `${bookId}:companion`,
    );
    // Never the hero's twin: their own colours, so the hero stays recognisable.
    const colours = ["#4fa868", "#8c62c9", "#2f9c9a", "#f08a3c", "#4b7fd6", "#e04b4b"].filter((c) => c !== hero.outfitColour);
    const look: HeroLook = {
      ...base,
      outfitColour: pick(colours, bookId, "companion-colour"),
      hair: older ? base.hair : base.hair === hero.hair ? pick(["#2b2220", "#e7c36a", "#c0452b", "#6b4226"].filter((h) => h !== hero.hair), bookId, "companion-hair") : base.hair,
      glasses: older ? true : !hero.glasses && base.glasses,
      // Family share the hero's skin; a friend has their own.
      skin: /friend|neighbour/.test(k) ? base.skin : hero.skin,
    };
    const scale = grown ? 1.22 : 0.92;
    return { kind: "person", draw: (mood, outline) => personDrawing(look, scale)({ outline, mood }), height: 240 * scale, width: 130 * scale };
  }
  const kind = creatureKind(k) || "monster";
  // Companions keep one colour for the whole book.
  const colour =
    kind === "pony" ? pick(["#b9774a", "#8a5a3a", "#d9b48a", "#9c9a98"], bookId, "pony")
      : kind === "cat" ? pick(["#f0a860", "#9c9a98", "#3a3a3a", "#f1ece6"], bookId, "cat")
        : kind === "dog" ? pick(["#c98f5a", "#f1e0c0", "#8a5a3a"], bookId, "dog")
          : kind === "dragon" ? pick(["#5cbf7a", "#8c6ad1", "#3cb0c0", "#e0745a"], bookId, "dragon")
            : kind === "monster" && !/monster/.test(k) ? "#f29bb8"
              : undefined;
  const small = /little|baby|tiny|small/.test(k) ? 0.75 : 1;
  const natural = CREATURE_HEIGHT[kind] ?? 140;
  // Very small animals are drawn larger so they still read beside the hero.
  const boost = Math.max(1, 95 / natural) * small;
  return {
    kind,
    draw: (mood, outline) => `<g transform="scale(${r1(boost * 100) / 100})">${drawCreature(kind, { outline, mood, colour })}</g>`,
    height: natural * boost,
    width: (CREATURE_WIDTH[kind] ?? natural) * boost,
  };
}

function beatOf(plot: Plot, pageNumber: number) {
  return plot.pages.find((p) => p.number === pageNumber)?.beat ?? "";
}

const POSE_CYCLE: Pose[] = ["walk", "point", "wave", "lookUp", "jump", "stand", "run", "act", "sit", "reach"];

function chosenPose(reading: BeatReading, bookId: string, pageNumber: number): { pose: Pose; fromWords: boolean } {
  if (reading.pose) return { pose: reading.pose, fromWords: true };
  const cycle = shuffled(POSE_CYCLE, bookId, "poses");
  return { pose: cycle[pageNumber % cycle.length]!, fromWords: false };
}

interface Layer {
  depth: number;
  svg: string;
}

/** Names what a group shows, so a page can be checked for what it draws. */
function mark(id: string, svg: string) {
  return `<g data-thing="${id}">${svg}</g>`;
}

function place(svg: string, x: number, y: number, scale: number, facing: 1 | -1 = 1) {
  const s = r1(scale * 100) / 100;
  return `<g transform="translate(${r1(x)} ${r1(y)}) scale(${facing === -1 ? -s : s} ${s})">${svg}</g>`;
}

/** Depth scale: things near the horizon are small, things at the front full size. */
function depthScale(stage: Stage, y: number) {
  const t = Math.max(0, Math.min(1, (y - stage.horizon) / Math.max(1, stage.floor - stage.horizon)));
  return 0.45 + 0.55 * t;
}

/** Keeps things from being drawn on top of each other along the ground. */
class Ground {
  private taken: [number, number][] = [];
  take(x: number, width: number) {
    this.taken.push([x - width / 2, x + width / 2]);
  }
  /** The free spot nearest to `preferred` for something `width` wide. */
  find(preferred: number, width: number, random: Random): number {
    const candidates = Array.from({ length: 15 }, (_, i) => 60 + i * 64 + between(random, -12, 12));
    const free = (x: number) => x - width / 2 > -40 && x + width / 2 < W + 40 && this.taken.every(([a, b]) => x + width / 2 < a || x - width / 2 > b);
    const options = candidates.filter(free).sort((a, b) => Math.abs(a - preferred) - Math.abs(b - preferred));
    return options[0] ?? preferred;
  }
}

/** Where and when a page happens, and what its words ask for. */
export interface SceneFacts {
  cover: boolean;
  reading: BeatReading;
  kind: SettingKind;
  world: World;
  scene: Stage["scene"];
  time: TimeOfDay;
}

/**
 * Decides the page's place and time of day. The offline scene and the
 * prompt for a model-drawn scene both use it, so a fallback page matches.
 */
export function sceneFacts({ bookId, brief, plot, pageNumber }: IllustrationRequest): SceneFacts {
  const cover = pageNumber === 0;
  const names = [brief.heroName ?? "", brief.companion?.name ?? ""];
  const loves = brief.loves ?? [];
  const text = cover ? `${plot.title}. ${loves.join(", ")}` : beatOf(plot, pageNumber);
  const reading = readBeat(text, names);
  const setting = brief.setting ?? "rolling hills";

  // Where: the book's world, unless the words move us indoors, to bed or into a cave.
  let kind: SettingKind = settingKind(setting);
  let scene: Stage["scene"] = cover ? "outdoor" : (reading.place ?? "outdoor");
  if (scene === "cave" && !reading.props.includes("tunnel")) scene = "outdoor";
  if (kind === "home" && scene === "outdoor") {
    if (cover || pageNumber % 3 === 2) kind = "garden";
    else scene = "indoors";
  }
  const world = worldOf(kind);

  // When: the story's day passes with its pages; the words can say otherwise.
  let time: TimeOfDay = cover
    ? world === "space" ? "night" : pick(["day", "day", "morning", "sunset"] as const, bookId, "cover-time")
    : (reading.time ?? (reading.props.includes("stars") || reading.props.includes("moon") ? "night" : timeOfDayFor(pageNumber, plot.pages.length, setting)));
  if (world === "space") time = "night";
  if (scene === "bedroom") time = "night";
  return { cover, reading, kind, world, scene, time };
}

/** A whole scene as SVG: the setting, the page's things and creatures, hero and companion. */
export function composeScene(request: IllustrationRequest): string {
  const { bookId, brief, plot, pageNumber } = request;
  const { cover, reading, kind, world, scene, time } = sceneFacts(request);
  const names = [brief.heroName ?? "", brief.companion?.name ?? ""];
  const loves = brief.loves ?? [];
  const random = randomFor(bookId, pageNumber, "scene");
  const style = artStyleOf(brief.artStyle);
  const look = heroLook(brief, bookId);
  const companion = companionOf(brief, bookId, look);

  // How the hero moves: the words first, otherwise a different pose each page.
  const chosen = chosenPose(reading, bookId, pageNumber);
  let pose = chosen.pose;
  const fromWords = chosen.fromWords;
  if (!fromWords && pageNumber > 1) {
    const previous = chosenPose(readBeat(beatOf(plot, pageNumber - 1), names), bookId, pageNumber - 1).pose;
    if (previous === pose) pose = POSE_CYCLE[(POSE_CYCLE.indexOf(pose) + 3) % POSE_CYCLE.length]!;
  }
  if (cover) pose = pick(["wave", "celebrate", "point"] as const, bookId, "cover-pose");
  if (world === "water" && scene === "outdoor" && (pose === "walk" || pose === "run" || pose === "jump")) pose = "swim";
  if (scene === "bedroom") pose = "inBed";
  else if (pose === "inBed") pose = "rest";

  // Only what belongs in this world, and not the setting's own landmark twice.
  const allowed = (id: string) => world === "land" || scene !== "outdoor" || !NOT_IN[world].has(id);
  const props = reading.props.filter((id) => allowed(id) && id !== LANDMARKS[kind]);
  const creatures = reading.creatures.filter((c) => c !== companion?.kind && allowed(c));
  let heldId = props.find((id) => PROPS[id]?.place === "held");
  if (heldId && (pose === "stand" || pose === "walk" || pose === "wave" || pose === "point")) pose = "hold";
  // Hands that hold something hold the page's smallest thing, if it has one.
  if (pose === "hold" && !heldId) heldId = props.find((id) => PROPS[id]?.place === "ground" && PROPS[id]!.height <= 100);
  const companionSide = companion && companion.height > 200 ? 1.15 : 1;

  // The subject sharing the page with the hero: a creature, or a big thing.
  const featureCreature = creatures.find((c) => BIG_THINGS.has(c)) ?? creatures[0];
  const featureProp = props.find((id) => BIG_PROPS.has(id) || PROPS[id]?.place === "backdrop");

  let shot: Shot;
  if (cover) shot = "cover";
  else if (scene !== "outdoor") shot = "room";
  else if (featureCreature && ["giant", "dragon", "dinosaur", "giraffe", "whale"].includes(featureCreature)) shot = "low";
  else if (featureProp && ["castle", "lighthouse", "rocket", "tunnel", "door"].includes(featureProp)) shot = choose(random, ["low", "wide"] as const);
  else if (["scared", "hug", "listen", "rest", "crouch"].includes(pose) && !featureCreature) shot = "close";
  else shot = shuffled(["wide", "medium", "close", "high", "medium", "low"] as const, bookId, "shots")[pageNumber % 6]!;
  if (scene === "indoors" || scene === "cave") shot = "room";

  const frame = SHOTS[shot];
  const stage: Stage = {
    kind,
    scene,
    time,
    weather: cover ? undefined : (reading.weather ?? (kind === "snow" && random() < 0.45 ? "snow" : undefined)),
    horizon: frame.horizon + Math.round(between(random, -20, 20)),
    floor: frame.floor,
    random,
    outline: style.outline,
    variant: cover ? 0 : Math.floor(seededUnit(bookId, "variant") * 3) + pageNumber,
    flatSky: style.flat,
    cover,
    gloomy: !cover && reading.gloomy,
  };
  const ctx: PropContext = { outline: style.outline, random, world, night: time === "night", indoors: scene === "indoors" || scene === "bedroom" };
  const heroScale = frame.hero;
  const ground = new Ground();
  const layers: Layer[] = [];
  const skyThings: string[] = [];
  const behind: string[] = [];
  const overlays: string[] = [];

  // Hero's spot: beside the subject, or moving across the page from page to page.
  const hasFeature = Boolean(featureCreature || featureProp) && shot !== "room" && !cover;
  const sideCycle = shuffled([-1, 0, 1] as const, bookId, "sides");
  let heroSide: -1 | 0 | 1 = hasFeature ? (seededUnit(bookId, pageNumber, "side") < 0.5 ? -1 : 1) : sideCycle[pageNumber % 3]!;
  if (shot === "room" && scene === "bedroom") heroSide = 0;
  let heroX = cover ? (companion ? (companion.width > 200 ? 360 : 410) : 512) : 512 + heroSide * frame.spread;
  if (!hasFeature && companion && heroSide === 0) heroX += seededUnit(bookId, pageNumber, "nudge") < 0.5 ? -90 : 90;
  const facing: 1 | -1 = cover ? 1 : heroSide === 0 ? (heroX <= 512 ? 1 : -1) : heroSide < 0 ? 1 : -1;
  const floor = stage.floor;
  const heroY = world === "water" && pose === "swim" ? floor - 270 * heroScale : floor;

  // The hero and the companion.
  const held = heldId && pose === "hold" ? (() => {
    const [gx, gy] = GRIPS[heldId] ?? [0, 34];
    const fit = PROPS[heldId]!.place === "held" ? 1 : 0.7;
    return `<g data-thing="${heldId}" transform="translate(${gx} ${gy}) scale(${fit})">${PROPS[heldId]!.draw(ctx)}</g>`;
  })() : pose === "hold" ? `<circle cx="0" cy="-6" r="26" fill="#fff3b0" opacity="0.45"/>${sparkle(0, -8, 14, "#ffe27a")}${sparkle(22, -34, 7)}` : undefined;
  const expression = cover ? "grin" : scene === "bedroom" ? "sleep" : reading.expression === "sleep" && pose !== "rest" ? undefined : reading.expression;
  const heroPlacement: HeroPlacement = { x: heroX, y: heroY, scale: heroScale, pose, facing, expression, held };

  if (scene === "bedroom") {
    composeBedroom(stage, layers, look, heroPlacement, companion, loves, props, ctx, bookId);
  } else {
    const trail = pose === "swim" ? [0, 1, 2].map((i) => `<circle cx="${r1(heroX + facing * (80 + i * 26) * heroScale)}" cy="${r1(heroY - (150 + i * 40) * heroScale)}" r="${r1((5 + i * 3) * heroScale)}" fill="none" stroke="#fff" stroke-width="3" opacity="0.8"/>`).join("") : "";
    // In a cave the hero's lantern lights a warm circle around them.
    const glow = scene === "cave" ? `<circle cx="${r1(heroX)}" cy="${r1(heroY - 130 * heroScale)}" r="${r1(300 * heroScale)}" fill="#ffd98a" opacity="0.16"/><circle cx="${r1(heroX)}" cy="${r1(heroY - 130 * heroScale)}" r="${r1(170 * heroScale)}" fill="#ffe9b0" opacity="0.18"/>` : "";
    layers.push({ depth: floor, svg: glow + drawHero(look, heroPlacement, style.outline) + trail });
    ground.take(heroX, 150 * heroScale);
    if (companion) {
      const close = pose === "hug" || pose === "crouch" || pose === "rest" || pose === "sit";
      const direction = hasFeature ? -facing : heroX < 512 ? 1 : heroX > 512 ? -1 : facing;
      const gap = (close ? 0.45 : 0.62) * (110 * heroScale + companion.width * heroScale * companionSide) + 10;
      const cScale = heroScale * (cover ? 0.95 : 1);
      let cx = heroX + direction * gap;
      if (cx < 70 || cx > W - 70) cx = heroX - direction * gap;
      // Keep the whole companion on the page.
      const half = (companion.width * cScale) / 2;
      cx = Math.max(20 + half * 0.8, Math.min(W - 20 - half * 0.8, cx));
      const companionMood: Mood = pose === "rest" ? "sleep" : reading.mood === "grumpy" || reading.mood === "sad" ? "surprised" : "happy";
      const lift = pose === "jump" || pose === "celebrate" ? 40 * cScale : 0;
      const cy = (shot === "close" ? floor - 20 : floor - 12) - lift - (world === "water" && SWIMMERS.has(companion.kind) ? 120 * cScale : 0);
      const cFacing: 1 | -1 = close || cover ? (cx < heroX ? 1 : -1) : facing;
      layers.push({ depth: floor - 12, svg: `<g data-part="companion">${place(companion.draw(companionMood, style.outline), cx, cy, cScale, cFacing)}</g>` });
      ground.take(cx, companion.width * cScale);
    }
  }

  const featureX = cover ? 190 : heroSide === 0 ? (heroX < 512 ? 780 : 244) : 512 - heroSide * frame.spread;

  // The creature the page is about.
  if (featureCreature && scene !== "bedroom") {
    const natural = CREATURE_HEIGHT[featureCreature] ?? 140;
    const huge = featureCreature === "giant";
    // On the cover the creature stands further back, so the hero stays the star.
    const y = cover ? stage.horizon + (floor - stage.horizon) * 0.45 : huge ? floor - 30 : floor - 30 * heroScale;
    let scale = heroScale * (featureCreature === "dragon" ? 1.25 : featureCreature === "monster" ? 1.1 : natural < 90 ? 1.4 : 1);
    if (cover) scale *= 0.6;
    if (huge) scale = Math.min(cover ? 0.6 : 1.15, (y - 90) / natural);
    if (scene !== "outdoor") scale = Math.min(scale, (y - 260) / natural);
    const fFacing: 1 | -1 = featureX < heroX ? 1 : -1;
    const mood = reading.mood;
    // A giant reaches from -130 to +280 (drawn facing right): keep most of him on the page.
    const fx = huge ? Math.max(20 + 280 * scale, Math.min(W - 20 - 130 * scale, featureX + (featureX < 512 ? -40 : 40))) : featureX;
    const body = drawCreature(featureCreature, { outline: style.outline, mood, colour: featureCreature === "monster" && reading.hiding ? "#f29bb8" : undefined });
    if (reading.hiding) {
      // Someone shy peeks over a rock.
      layers.push({ depth: y - 2, svg: mark(featureCreature, place(body, fx, y + 40 * scale, scale * 0.7, fFacing)) + mark("rock", place(PROPS.rock!.draw(ctx), fx, y + 8, scale * 1.5)) });
    } else {
      const fy = FLYERS.has(featureCreature) ? stage.horizon - 120 : world === "water" && SWIMMERS.has(featureCreature) ? y - 180 * heroScale : y;
      layers.push({ depth: y - 1, svg: mark(featureCreature, place(body, fx, fy, scale, fFacing)) });
    }
    ground.take(fx, (CREATURE_WIDTH[featureCreature] ?? natural) * scale);
    if (reading.many || creatures.length > 1) {
      // A family of ducks, a crowd of fish: more of them further back.
      const extra = reading.many ? 3 : 0;
      const others = [...Array(extra).fill(featureCreature), ...creatures.filter((c) => c !== featureCreature)].slice(0, 4);
      others.forEach((other, i) => {
        const oy = stage.horizon + (floor - stage.horizon) * between(random, 0.2, 0.55);
        const on = CREATURE_HEIGHT[other] ?? 140;
        const os = Math.min(depthScale(stage, oy) * heroScale * (on < 90 ? 1.3 : 0.9), other === "giant" ? 0.45 : 2);
        const ox = ground.find(featureX + (i % 2 ? 1 : -1) * (120 + i * 70), (CREATURE_WIDTH[other] ?? on) * os, random);
        const oyFly = FLYERS.has(other) ? between(random, 200, stage.horizon - 150) : oy;
        layers.push({ depth: oy, svg: mark(other, place(drawCreature(other, { outline: style.outline, mood: other === featureCreature ? reading.mood : "happy" }), ox, oyFly, os, ox < heroX ? 1 : -1)) });
      });
    }
  }

  // The page's things.
  const propIds = props.filter((id) => id !== heldId || pose !== "hold").filter((id) => {
    if (id === "bed" && scene === "bedroom") return false;
    if (id === "tunnel" && scene === "cave") return false;
    if (id === "moon" && time === "night" && scene === "outdoor") return false;
    if (id === "stars" && (world === "space" || time === "night") && scene === "outdoor") return false;
    if (scene !== "outdoor" && (PROPS[id]?.place === "backdrop" || ["kite", "plane", "rainbow", "moon", "planet"].includes(id))) return false;
    if (cover && (id === "bunting" || id === "confetti")) return false;
    return true;
  });
  let placedGround = 0;
  for (const id of propIds) {
    const def = PROPS[id];
    if (!def) continue;
    if (def.place === "overlay") {
      // Under the sea a party hangs pearls, not flags.
      overlays.push(mark(id === "bunting" && world === "water" ? "pearls" : id, def.draw(ctx)));
      continue;
    }
    if (def.place === "sky" || (id === "rocket" && reading.liftOff && scene === "outdoor")) {
      skyThings.push(mark(id, drawSkyThing(id, stage, ctx, heroPlacement, loves)));
      continue;
    }
    if (def.place === "backdrop") {
      const fullWidth = id === "bridge" || id === "brokenBridge" || id === "stream" || id === "ropeBridge";
      // The page's subject stands close behind the hero; others sit further back.
      const subject = id === featureProp && !featureCreature && !fullWidth;
      const y = subject ? floor - 60 * heroScale : stage.horizon + (floor - stage.horizon) * (fullWidth ? 0.4 : 0.3);
      const scale = subject ? heroScale * Math.min(1.1, (y - 120) / def.height / heroScale) : depthScale(stage, y) * heroScale * (id === "tunnel" || id === "castle" ? 1.05 : 0.9);
      const x = fullWidth ? 512 : featureCreature ? ground.find(512, 200, random) : featureX;
      const svg = mark(id, place(def.draw(ctx), x, y, fullWidth ? Math.max(scale, 1.4) : scale));
      if (fullWidth) behind.push(svg);
      else layers.push({ depth: y, svg });
      continue;
    }
    // Ground things and handheld things that are not in the hands.
    if (placedGround >= 3) continue;
    const isFeature = id === featureProp && !featureCreature && shot !== "cover";
    // Indoors a fire sits in a fireplace against the back wall.
    const hearth = id === "campfire" && ctx.indoors;
    const y = hearth ? floor - 148 : isFeature ? floor - 20 * heroScale : floor - (floor - stage.horizon) * between(random, 0.1, 0.45) * (placedGround + 1) * 0.6;
    let scale = hearth ? 1 : (isFeature ? heroScale : depthScale(stage, y) * heroScale) * (def.height < 90 ? 1.25 : 1);
    if (id === "rocket" || id === "train" || id === "boat" || id === "bus") scale *= isFeature ? 0.95 : 0.75;
    if (cover) scale *= 0.8;
    const width = (id === "train" ? 470 : id === "boat" || id === "bus" ? 300 : id === "rocket" ? 210 : Math.max(120, def.height)) * scale;
    const x = isFeature ? featureX : ground.find(cover ? (placedGround % 2 ? 860 : 160) : heroX + (placedGround % 2 ? -1 : 1) * facing * 260, width, random);
    ground.take(x, width);
    if (id === "boat" && world === "water") {
      // From below, a boat is a dark hull on the bright surface.
      skyThings.push(mark(id, `<g opacity="0.55">${place(def.draw(ctx), x, 52, 0.9)}</g>`));
    } else {
      const water = id === "boat" && kind !== "seaside" && kind !== "island" ? `<ellipse cx="${r1(x)}" cy="${r1(y)}" rx="${r1(200 * scale)}" ry="${r1(30 * scale)}" fill="#5aa9e0"/>` : "";
      layers.push({ depth: y, svg: mark(id, water + place(def.draw(ctx), x, y, scale, x > heroX ? -1 : 1)) });
    }
    placedGround += 1;
  }

  // A little life where nothing else is happening, and a crowd when everyone gathers.
  if (scene !== "bedroom") {
    const ambient = ambientKinds(kind, scene).filter((a) => a !== companion?.kind);
    const count = reading.crowd ? 3 : !featureCreature && placedGround < 2 ? 1 + Math.floor(random() * 2) : 0;
    const start = Math.floor(seededUnit(bookId, pageNumber, "ambient") * ambient.length);
    for (let i = 0; i < count && ambient.length; i++) {
      const a = ambient[(start + i) % ambient.length]!;
      const flies = FLYERS.has(a) || (world === "water" && SWIMMERS.has(a)) || a === "alien";
      const y = flies && a !== "alien" ? between(random, cover ? 360 : 200, stage.horizon - 60) : stage.horizon + (floor - stage.horizon) * between(random, 0.25, 0.6);
      const scale = (flies ? 0.75 : depthScale(stage, y)) * heroScale * ((CREATURE_HEIGHT[a] ?? 100) < 90 ? 1.2 : 0.75);
      const x = flies ? between(random, 120, 900) : ground.find(between(random, 100, 920), (CREATURE_WIDTH[a] ?? 100) * scale, random);
      if (!flies) ground.take(x, (CREATURE_WIDTH[a] ?? 100) * scale);
      layers.push({ depth: flies ? 0 : y, svg: `<g data-ambient="${a}">` + place(drawCreature(a, { outline: style.outline, mood: time === "night" && a !== "owl" && a !== "jellyfish" ? "sleep" : "happy" }), x, y, scale, x < heroX ? 1 : -1) + "</g>" });
    }
  }

  if (reading.dream && scene !== "bedroom") skyThings.push(dreamBubble(heroPlacement, loves, ctx));
  if (cover) {
    // A soft pool of light behind the hero draws the eye on the cover.
    skyThings.push(`<defs><radialGradient id="spot"><stop offset="0" stop-color="#fffbe8" stop-opacity="0.55"/><stop offset="1" stop-color="#fffbe8" stop-opacity="0"/></radialGradient></defs><ellipse cx="${r1(heroX)}" cy="${r1(floor - 230 * heroScale)}" rx="${r1(260 * heroScale)}" ry="${r1(230 * heroScale)}" fill="url(#spot)"/>`);
  }
  if (cover) overlays.push(Array.from({ length: 9 }, () => sparkle(Math.round(between(random, 60, 960)), Math.round(between(random, 330, 700)), Math.round(between(random, 8, 16)), "#fffbe0")).join(""));

  const figures = [...layers].sort((a, b) => a.depth - b.depth).map((l) => l.svg).join("\n");
  const scenery = behind.join("");
  const body = `${backdrop(stage)}
${skyThings.join("")}
${style.castShadows ? castShadow(scenery + figures) : ""}${scenery}
${figures}
${overlays.join("")}
${foreground(stage)}${cover ? foreground({ ...stage, variant: stage.variant + 1 }) : ""}
${weatherLayer(stage)}
${time === "night" && scene === "outdoor" ? `<rect width="${W}" height="${W}" fill="#1d2350" opacity="0.12"/>` : ""}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${W}" viewBox="0 0 ${W} ${W}" data-setting="${kind}" data-scene="${scene}" data-time="${time}">
<defs>${style.defs}</defs>
${body}
${style.overlay(randomFor(bookId, pageNumber, "texture"))}
</svg>`;
  return gradeSvg(dedupeAttributes(svg), style.grade);
}

/**
 * A style's edge is appended to shapes that may already set some of the
 * same attributes; the shape's own value comes first and wins, and repeats
 * are dropped (a repeated attribute makes the whole SVG invalid).
 */
export function dedupeAttributes(svg: string) {
  return svg.replace(/<([a-zA-Z]+)((?:\s+[a-zA-Z:-]+="[^"]*")+)(\s*\/?)>/g, (tag, name: string, attributes: string, end: string) => {
    const seen = new Set<string>();
    let repeated = false;
    const kept = attributes.replace(/\s+([a-zA-Z:-]+)="[^"]*"/g, (attribute, key: string) => {
      if (seen.has(key)) {
        repeated = true;
        return "";
      }
      seen.add(key);
      return attribute;
    });
    return repeated ? `<${name}${kept}${end}>` : tag;
  });
}

/** Sky things sit where they make sense: a kite on its string, a note at the hero's hand. */
function drawSkyThing(id: string, stage: Stage, ctx: PropContext, hero: HeroPlacement, loves: string[]) {
  const def = PROPS[id]!;
  const { random } = stage;
  const s = hero.scale;
  const free = hero.x < 512 ? between(random, 640, 860) : between(random, 170, 380);
  const top = stage.cover ? 360 : between(random, 150, 260);
  switch (id) {
    case "kite":
      return place(def.draw(ctx), hero.x + hero.facing * 70 * s, hero.y - 200 * s, Math.min(1, s * 0.85));
    case "note":
      return place(def.draw(ctx), hero.x + hero.facing * 90 * s, hero.y - 40 * s, Math.min(1.2, s));
    case "rainbow":
      return `<g opacity="0.85">${place(def.draw(ctx), 512, stage.horizon + 20, 1.5)}</g>`;
    case "rocket": {
      // Lifting off: climbing the sky on a trail of smoke.
      const rx = hero.x < 512 ? 700 : 320;
      const smoke = [0, 1, 2, 3, 4].map((i) => `<circle cx="${r1(rx - (hero.x < 512 ? 1 : -1) * i * 30)}" cy="${r1(stage.horizon - 40 + i * 0)}" r="${34 + i * 8}" fill="#ffffff" opacity="0.85"/>`).join("");
      return `${smoke}<g transform="translate(${rx} ${r1(stage.horizon - 90)}) rotate(${hero.x < 512 ? 12 : -12})">${place(def.draw(ctx), 0, 0, 0.9)}</g>`;
    }
    case "thought":
      return dreamBubble(hero, loves, ctx);
    default:
      return place(def.draw(ctx), free, top, 0.9);
  }
}

/** A thought bubble over the hero with the thing they love most inside. */
function dreamBubble(hero: HeroPlacement, loves: string[], ctx: PropContext) {
  const s = hero.scale;
  const x = Math.max(200, Math.min(824, hero.x + hero.facing * 150 * s));
  const y = Math.max(170, hero.y - 330 * s);
  const wished = readBeat(loves.join(" "));
  const prop = wished.props.find((id) => PROPS[id] && PROPS[id]!.place !== "overlay" && PROPS[id]!.height > 0);
  const creature = wished.creatures[0];
  let inner = "";
  if (prop && (!creature || wished.props.indexOf(prop) === 0)) {
    const def = PROPS[prop]!;
    const scale = Math.min(0.7, 170 / Math.max(def.height, 120));
    inner = mark(prop, place(def.draw(ctx), 0, (def.height * scale) / 2, scale));
  } else {
    const kind = creature ?? "bird";
    const scale = Math.min(0.8, 170 / Math.max(CREATURE_HEIGHT[kind] ?? 120, 120));
    inner = mark(kind, place(drawCreature(kind, { outline: ctx.outline, mood: "happy" }), 0, ((CREATURE_HEIGHT[kind] ?? 120) * scale) / 2, scale));
  }
  // The little bubbles trail back towards the dreamer's head.
  const bubble = hero.x > x ? `<g transform="scale(-1 1)">${PROPS.thought!.draw(ctx)}</g>` : PROPS.thought!.draw(ctx);
  return `<g transform="translate(${r1(x)} ${r1(y)})">${bubble}<g transform="translate(0 10)">${inner}</g></g>`;
}

/** Bedtime: the hero tucked up, the companion curled up close, a dream above. */
function composeBedroom(stage: Stage, layers: Layer[], look: HeroLook, hero: HeroPlacement, companion: Companion | null, loves: string[], props: string[], ctx: PropContext, bookId: string) {
  const bx = 470;
  const by = stage.floor - 60;
  const bs = 1.35;
  const blanket = pick(["#4b7fd6", "#8c62c9", "#4fa868", "#e0745a"], bookId, "blanket");
  const o = stage.outline;
  const stars = [[-90, -70], [-20, -50], [60, -74], [130, -52]].map(([x, y]) => `<path transform="translate(${x} ${y}) scale(0.5)" d="M0 -24 L7 -7 L25 -7 L11 4 L16 22 L0 11 L-16 22 L-11 4 L-25 -7 L-7 -7 Z" fill="#ffe48a"/>`).join("");
  const bed = `<rect x="-230" y="-220" width="34" height="220" rx="12" fill="#b07a4f"${o}/><rect x="200" y="-150" width="34" height="150" rx="12" fill="#b07a4f"${o}/><rect x="-205" y="-110" width="420" height="70" rx="14" fill="#f7f4ee"${o}/><ellipse cx="-140" cy="-118" rx="62" ry="26" fill="#fff"${o}/>`;
  const cover = `<path d="M-110 -120 Q40 -150 214 -112 L214 -40 H-110 Z" fill="${blanket}"${o}/>${stars}<path d="M-110 -120 Q40 -150 214 -112" stroke="#fff" stroke-width="6" fill="none" opacity="0.5"/>`;
  const inBed: HeroPlacement = { ...hero, x: bx - 150 * bs, y: by - 96 * bs, scale: bs * 0.82, facing: 1, pose: "inBed" };
  const hand = `<circle cx="${r1(bx - 60 * bs)}" cy="${r1(by - 128 * bs)}" r="${r1(9 * bs)}" fill="${look.skin}"${o}/>`;
  layers.push({ depth: by, svg: mark("bed", place(bed, bx, by, bs)) + drawHero(look, inBed, o) + place(cover, bx, by, bs) + hand });
  if (companion) {
    const small = companion.height <= 170;
    const cx = small ? bx + 120 * bs : 880;
    const cy = small ? by - 108 * bs : stage.floor - 10;
    const cs = small ? 0.95 : 0.8;
    layers.push({ depth: small ? by + 1 : stage.floor, svg: `<g data-part="companion">${place(companion.draw("sleep", o), cx, cy, cs, -1)}</g>` });
  }
  // A bedside lamp, and tomorrow's adventure in a dream.
  layers.push({ depth: by - 1, svg: `<g transform="translate(140 ${by})"><rect x="-50" y="-120" width="100" height="120" rx="8" fill="#c98f5a"${o}/><rect x="-6" y="-190" width="12" height="70" fill="#7a5134"/><path d="M-44 -180 L-28 -240 H28 L44 -180 Z" fill="#ffd34d"${o}/><circle cx="0" cy="-200" r="90" fill="#ffe48a" opacity="0.2"/></g>` });
  layers.push({ depth: 0, svg: dreamBubble({ ...hero, x: bx - 90, y: by - 40, scale: 1.1, facing: 1 }, loves.length ? loves : props, ctx) });
}

export function createOfflineIllustrator(): Illustrator {
  return {
    name: "offline",
    async drawScene(request) {
      return composeScene(request);
    },
  };
}

/**
 * Rasterises a scene to PNG off the main thread (so requests and other steps
 * keep flowing). No fonts or network needed: scenes carry no text.
 */
export async function rasterise(svg: string, size = PAGE_SIZE): Promise<Uint8Array> {
  const image = await renderAsync(svg, { fitTo: { mode: "width", value: size }, font: { loadSystemFonts: false } });
  return new Uint8Array(image.asPng());
}
