import { seededUnit } from "../agents/offline/seeded";

/** A fast stream of numbers in [0, 1) from a stable seed: the same page draws the same way. */
export type Random = () => number;

export function randomFor(...seed: (string | number)[]): Random {
  let state = Math.floor(seededUnit(...seed) * 2 ** 32) >>> 0;
  // mulberry32: tiny and well spread, far cheaper than hashing per choice.
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function between(random: Random, low: number, high: number) {
  return low + random() * (high - low);
}

export function choose<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Rounds for compact SVG text. */
export function r1(n: number) {
  return Math.round(n * 10) / 10;
}
