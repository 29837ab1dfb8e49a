import type { BookBrief } from "../brief";
import { pick } from "../agents/offline/seeded";

const HAIR: Record<string, string> = {
  black: "#2b2220", "dark brown": "#4a2f22", brown: "#6b4226", "light brown": "#9a6a3e", blonde: "#e7c36a", blond: "#e7c36a",
  golden: "#e2b04a", red: "#c0452b", ginger: "#d0652f", auburn: "#8e3a24", "strawberry blonde": "#e39a6b", grey: "#a8a29e",
  white: "#f1efe9", pink: "#f08cb2", blue: "#4f7fd9", purple: "#8c5bd1",
};
const SKIN: Record<string, string> = {
  fair: "#f8dcc8", light: "#f3d2b8", pale: "#f9e2d2", olive: "#d9ad7c", tan: "#d39a6a", golden: "#e0aa73",
  "light brown": "#c48a5a", brown: "#9c6541", "dark brown": "#6e4328", dark: "#6e4328", deep: "#5a3520",
};
export const COLOURS: Record<string, string> = {
  red: "#e04b4b", orange: "#f08a3c", yellow: "#f5c542", green: "#4fa868", blue: "#4b7fd6", purple: "#8c62c9", pink: "#ef8fb5",
  white: "#f7f4ee", black: "#2f2a28", grey: "#9c9a98", brown: "#8a5a3a", teal: "#2f9c9a", turquoise: "#3cc0c0", navy: "#2d3f73",
  gold: "#e0b030", silver: "#c9ccd1", rainbow: "#e56fa0", striped: "#4b7fd6", spotty: "#e04b4b",
};

export interface HeroLook {
  skin: string;
  hair: string;
  hairStyle: "curly" | "straight" | "long" | "short" | "pigtails" | "bun" | "afro" | "braids";
  outfit: "raincoat" | "dress" | "dungarees" | "tshirt" | "hoodie" | "jumper";
  outfitColour: string;
  trousers: string;
  glasses: boolean;
  freckles: boolean;
}

function findWord<T extends string>(text: string, table: Record<T, string>): string | undefined {
  const keys = Object.keys(table).sort((a, b) => b.length - a.length) as T[];
  const hit = keys.find((key) => new RegExp(`\\b${key}\\b`).test(text));
  return hit ? table[hit] : undefined;
}

/** The hero's look, from the parent's words; the same for every page of a book. */
export function heroLook(brief: BookBrief, bookId: string): HeroLook {
  const hairText = (brief.looks?.hair ?? "").toLowerCase();
  const clothesText = (brief.looks?.clothes ?? "").toLowerCase();
  const all = `${hairText} ${clothesText} ${(brief.looks?.description ?? "").toLowerCase()}`;
  const style: HeroLook["hairStyle"] = /pigtail|bunches/.test(all)
    ? "pigtails"
    : /braid|plait|locs|cornrow/.test(all)
      ? "braids"
      : /\bbun\b/.test(all)
        ? "bun"
        : /afro/.test(all)
          ? "afro"
          : /curl|wav|fluffy/.test(all)
            ? "curly"
            : /long/.test(all)
              ? "long"
              : /short|bob|spiky/.test(all)
                ? "short"
                : pick(["curly", "straight", "short", "long"] as const, bookId, "hair-style");
  const outfit: HeroLook["outfit"] = /raincoat|coat|jacket|cape/.test(clothesText)
    ? "raincoat"
    : /dress|tutu|skirt/.test(clothesText)
      ? "dress"
      : /dungaree|overall/.test(clothesText)
        ? "dungarees"
        : /hoodie/.test(clothesText)
          ? "hoodie"
          : /jumper|sweater|cardigan/.test(clothesText)
            ? "jumper"
            : /t-?shirt/.test(clothesText)
              ? "tshirt"
              : pick(["tshirt", "dungarees", "raincoat", "jumper"] as const, bookId, "outfit");
  return {
    skin: findWord((brief.looks?.skin ?? "").toLowerCase(), SKIN) ?? pick(Object.values(SKIN), bookId, "skin"),
    hair: findWord(hairText || all, HAIR) ?? pick(["#2b2220", "#6b4226", "#e7c36a", "#c0452b", "#4a2f22"], bookId, "hair"),
    hairStyle: style,
    outfit,
    outfitColour: findWord(clothesText, COLOURS) ?? pick(["#e04b4b", "#f5c542", "#4b7fd6", "#4fa868", "#ef8fb5"], bookId, "outfit-colour"),
    trousers: pick(["#3d5a8a", "#5b4a7a", "#2f6f6a", "#7a4a3a"], bookId, "trousers"),
    glasses: Boolean(brief.looks?.glasses),
    freckles: /freckle/.test(all),
  };
}

export type TimeOfDay = "morning" | "day" | "sunset" | "night";

/** Sky gradients (top, bottom) for open-air settings. */
export const SKIES: Record<TimeOfDay, [string, string]> = {
  morning: ["#9fd4f7", "#ffe3c4"],
  day: ["#6fbcf2", "#d6efff"],
  sunset: ["#f79a6b", "#ffd59a"],
  night: ["#1b2150", "#3d3f8a"],
};

/** Morning to bedtime across the book: the story's day passes with its pages. */
export function timeOfDayFor(page: number, pageCount: number, setting: string): TimeOfDay {
  if (/space|planet|galax|\bstars\b/.test(setting.toLowerCase())) return "night";
  if (page === pageCount) return "night";
  const progress = page / pageCount;
  if (progress <= 0.25) return "morning";
  if (progress >= 0.8) return "sunset";
  return "day";
}

type Rgb = [number, number, number];

function parseHex(hex: string): { rgb: Rgb; alpha: string } {
  let h = hex.slice(1);
  let alpha = "";
  if (h.length === 4 || h.length === 8) {
    alpha = h.length === 4 ? h.slice(3) : h.slice(6);
    h = h.length === 4 ? h.slice(0, 3) : h.slice(0, 6);
  }
  if (h.length === 3) h = h.replace(/./g, (c) => c + c);
  const n = parseInt(h, 16);
  return { rgb: [(n >> 16) & 255, (n >> 8) & 255, n & 255], alpha };
}

function toHex([r, g, b]: Rgb, alpha = "") {
  const c = (v: number) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, "0");
  return `#${c(r)}${c(g)}${c(b)}${alpha.length === 1 ? alpha + alpha : alpha}`;
}

/** `a` moved towards `b` by t (0..1). */
export function mix(a: string, b: string, t: number) {
  const x = parseHex(a).rgb;
  const y = parseHex(b).rgb;
  return toHex([x[0] + (y[0] - x[0]) * t, x[1] + (y[1] - x[1]) * t, x[2] + (y[2] - x[2]) * t]);
}

/** Darker (f < 1) or lighter (f > 1) in the same hue. */
export function shade(hex: string, f: number) {
  return f <= 1 ? mix(hex, "#000000", 1 - f) : mix(hex, "#ffffff", Math.min(1, f - 1));
}

/** How an art style shifts every colour: saturation, then a wash towards a paper tint. */
export interface ColourGrade {
  saturation: number;
  tint: string;
  amount: number;
}

function grade([r, g, b]: Rgb, { saturation, tint, amount }: ColourGrade): Rgb {
  const grey = 0.3 * r + 0.59 * g + 0.11 * b;
  const sat = [r, g, b].map((v) => grey + (v - grey) * saturation) as Rgb;
  const t = parseHex(tint).rgb;
  return [sat[0] + (t[0] - sat[0]) * amount, sat[1] + (t[1] - sat[1]) * amount, sat[2] + (t[2] - sat[2]) * amount];
}

/** One colour as the style paints it (tests use this to find the hero's colours). */
export function gradeColour(hex: string, colourGrade: ColourGrade) {
  const { rgb, alpha } = parseHex(hex);
  return toHex(grade(rgb, colourGrade), alpha);
}

/**
 * Regrades every hex colour in a finished scene. Doing it on the text keeps
 * each style's palette distinct without a full-page filter, which would cost
 * several hundred milliseconds per page to rasterise.
 */
export function gradeSvg(svg: string, colourGrade: ColourGrade) {
  const cache = new Map<string, string>();
  return svg.replace(/#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b/g, (hex) => {
    let graded = cache.get(hex);
    if (!graded) {
      graded = gradeColour(hex.toLowerCase(), colourGrade);
      cache.set(hex, graded);
    }
    return graded;
  });
}
