import type { BookBrief } from "../brief";
import type { Outline } from "./figures";
import type { ColourGrade } from "./palette";
import { between, r1, randomFor, type Random } from "./random";

/**
 * How each art style changes the same scene. Full-page SVG filters cost
 * hundreds of milliseconds to rasterise, so every look here is built from
 * plain shapes: an edge on each shape, a colour grade applied to the text,
 * and a texture of small repeated marks laid over the page.
 */
export interface ArtStyle {
  name: NonNullable<BookBrief["artStyle"]>;
  outline: Outline;
  grade: ColourGrade;
  /** Cut paper: flat strips of sky, and figures that cast shadows. */
  flat: boolean;
  castShadows: boolean;
  defs: string;
  /** Drawn over the finished scene. */
  overlay: (random: Random) => string;
}

const W = 1024;

/** A soft-edged paper margin: the paint stops short of the page edge, unevenly. */
function paperEdge(random: Random, colour: string, inset: number, wobble: number) {
  const points: string[] = [];
  const side = (from: [number, number], to: [number, number], steps: number) => {
    for (let i = 0; i < steps; i++) {
      const t = i / steps;
      points.push(`${r1(from[0] + (to[0] - from[0]) * t + between(random, -wobble, wobble))} ${r1(from[1] + (to[1] - from[1]) * t + between(random, -wobble, wobble))}`);
    }
  };
  side([inset, inset], [W - inset, inset], 14);
  side([W - inset, inset], [W - inset, W - inset], 14);
  side([W - inset, W - inset], [inset, W - inset], 14);
  side([inset, W - inset], [inset, inset], 14);
  return `<path fill-rule="evenodd" d="M0 0 H${W} V${W} H0 Z M${points.join(" L")} Z" fill="${colour}"/>`;
}

/** Specks scattered at random (an even lattice would show as lines). */
function specks(size: number, count: number, colour: string, seed: string) {
  const random = randomFor(seed);
  return Array.from({ length: count }, () => `<circle cx="${r1(random() * size)}" cy="${r1(random() * size)}" r="${r1(between(random, 0.7, 1.8))}" fill="${colour}" opacity="${r1(between(random, 0.05, 0.16) * 100) / 100}"/>`).join("");
}

/** Short pale strokes at every angle, where wax skipped over the paper. */
function flecks(size: number, count: number, seed: string) {
  const random = randomFor(seed);
  return Array.from({ length: count }, () => {
    const x = random() * size;
    const y = random() * size;
    const a = random() * Math.PI;
    const l = between(random, 3, 9);
    return `<path d="M${r1(x)} ${r1(y)} l${r1(Math.cos(a) * l)} ${r1(Math.sin(a) * l)}" stroke="#fffdf6" stroke-width="${r1(between(random, 1.4, 2.6))}" stroke-linecap="round" opacity="${r1(between(random, 0.2, 0.45) * 100) / 100}"/>`;
  }).join("");
}

const watercolour: ArtStyle = {
  name: "watercolour",
  outline: ` stroke="#5a3a28" stroke-opacity="0.28" stroke-width="4" stroke-linejoin="round"`,
  grade: { saturation: 0.86, tint: "#fffaf2", amount: 0.14 },
  flat: false,
  castShadows: false,
  defs: `<pattern id="grain" width="160" height="160" patternUnits="userSpaceOnUse">${specks(160, 70, "#7a5a40", "grain")}</pattern>`,
  overlay: (random) =>
    // Paler patches where the wash dried unevenly, then the paper's grain and margin.
    Array.from({ length: 6 }, () => `<ellipse cx="${Math.round(between(random, 0, W))}" cy="${Math.round(between(random, 0, W))}" rx="${Math.round(between(random, 90, 220))}" ry="${Math.round(between(random, 60, 150))}" fill="#fffaf2" opacity="0.1"/>`).join("") +
    `<rect width="${W}" height="${W}" fill="url(#grain)"/>` +
    paperEdge(random, "#fffaf2", 22, 9),
};

const crayon: ArtStyle = {
  name: "crayon",
  outline: ` stroke="#3b2b22" stroke-width="3.5" stroke-dasharray="26 5 10 4" stroke-linecap="round" stroke-linejoin="round"`,
  grade: { saturation: 1.18, tint: "#ffffff", amount: 0.02 },
  flat: false,
  castShadows: false,
  // Wax skips over the paper's tooth, leaving pale flecks in every fill.
  defs: `<pattern id="wax" width="150" height="150" patternUnits="userSpaceOnUse">${flecks(150, 34, "wax")}</pattern>`,
  overlay: (random) =>
    `<rect width="${W}" height="${W}" fill="url(#wax)"/>` +
    // A hand-drawn border, as if the child's picture was framed with a crayon line.
    `<rect x="-4" y="-4" width="${W + 8}" height="${W + 8}" fill="none" stroke="#fffdf6" stroke-width="40"/><path d="M28 ${r1(between(random, 24, 34))} L${W - 28} ${r1(between(random, 24, 34))} L${r1(between(random, W - 34, W - 24))} ${W - 28} L28 ${r1(between(random, W - 34, W - 24))} Z" fill="none" stroke="#3b2b22" stroke-width="4" stroke-dasharray="40 6 14 5" stroke-linejoin="round"/>`,
};

const paperCollage: ArtStyle = {
  name: "paper collage",
  // A pale cut edge on every shape, like the white core of torn paper.
  outline: ` stroke="#fffdf6" stroke-opacity="0.7" stroke-width="3" stroke-linejoin="round"`,
  grade: { saturation: 1.08, tint: "#fff6e6", amount: 0.05 },
  flat: true,
  castShadows: true,
  defs: `<pattern id="fibre" width="120" height="120" patternUnits="userSpaceOnUse"><path d="M10 20 q20 -6 34 2 M60 70 q14 8 30 0 M20 96 q10 -8 26 -4 M80 30 q12 6 24 -2 M50 46 q8 -4 16 0" stroke="#ffffff" stroke-width="1.6" fill="none" opacity="0.45"/><path d="M30 60 q10 4 20 -2 M90 100 q10 -6 20 0" stroke="#5a4030" stroke-width="1.2" fill="none" opacity="0.12"/></pattern>`,
  overlay: () => `<rect width="${W}" height="${W}" fill="url(#fibre)"/>`,
};

const storybookInk: ArtStyle = {
  name: "storybook ink",
  outline: ` stroke="#2b1d16" stroke-width="4.5" stroke-linejoin="round" stroke-linecap="round"`,
  grade: { saturation: 0.68, tint: "#ecd5a6", amount: 0.22 },
  flat: false,
  castShadows: false,
  defs: `<pattern id="hatch" width="14" height="14" patternUnits="userSpaceOnUse"><path d="M0 14 L14 0" stroke="#2b1d16" stroke-width="1.3" opacity="0.5"/></pattern><radialGradient id="age" cx="0.5" cy="0.5" r="0.75"><stop offset="0.55" stop-color="#6b4a2a" stop-opacity="0"/><stop offset="1" stop-color="#6b4a2a" stop-opacity="0.5"/></radialGradient>`,
  // Pen hatching darkens the ground; the page browns at its edges like an old book.
  overlay: () => `<rect y="780" width="${W}" height="244" fill="url(#hatch)" opacity="0.35"/><rect width="${W}" height="${W}" fill="url(#age)"/><rect x="16" y="16" width="${W - 32}" height="${W - 32}" fill="none" stroke="#2b1d16" stroke-width="5"/><rect x="28" y="28" width="${W - 56}" height="${W - 56}" fill="none" stroke="#2b1d16" stroke-width="1.5"/>`,
};

export function artStyleOf(name: BookBrief["artStyle"]): ArtStyle {
  switch (name) {
    case "crayon":
      return crayon;
    case "paper collage":
      return paperCollage;
    case "storybook ink":
      return storybookInk;
    default:
      return watercolour;
  }
}

/** Cut-paper figures lift off the page: a dark copy underneath, a little offset. */
export function castShadow(svg: string) {
  const flat = svg
    .replace(/fill="(?!none)[^"]*"/g, 'fill="#3a2a20"')
    .replace(/stroke="(?!none)[^"]*"/g, 'stroke="#3a2a20"')
    .replace(/ data-[a-z]+="[^"]*"/g, "");
  return `<g opacity="0.22" transform="translate(7 9)">${flat}</g>`;
}
