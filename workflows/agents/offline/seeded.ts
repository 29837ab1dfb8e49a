import { createHash } from "node:crypto";

/** A stable number in [0, 1) for this seed: same book, same choices. */
export function seededUnit(...parts: (string | number)[]): number {
  const digest = createHash("sha256").update(parts.join("\u0000")).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

export function pick<T>(items: readonly T[], ...seed: (string | number)[]): T {
  if (items.length === 0) throw new Error("pick from an empty list");
  return items[Math.floor(seededUnit(...seed) * items.length)] as T;
}

/** A stable shuffle (Fisher–Yates driven by the seed). */
export function shuffled<T>(items: readonly T[], ...seed: (string | number)[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(seededUnit(...seed, i) * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A stable shuffle that hashes the seed once and then runs a small PRNG: the
 * same result every time for a seed, cheap enough to call many times a step.
 */
export function shuffledQuick<T>(items: readonly T[], ...seed: (string | number)[]): T[] {
  let state = Math.floor(seededUnit(...seed) * 2 ** 32) >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
