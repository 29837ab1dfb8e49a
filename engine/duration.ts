/** Parsing of Inngest duration strings and the retry backoff schedule. */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** "30s", "1h30m", "2d" or a number of ms; undefined when unparseable. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(re)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? "ms"] ?? 1);
    consumed += match[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : undefined;
}

/** A sleep op's `name` is either a duration or an ISO date; returns the wake time. */
export function resolveWakeTime(value: unknown, now: number): number {
  const duration = parseDuration(value);
  if (duration !== undefined) return now + duration;
  if (typeof value === "string") {
    const at = Date.parse(value);
    if (Number.isFinite(at)) return at;
  }
  return now;
}

// Inngest's retry shape: 15s, 30s, 1m, 2m, 5m, 10m, 20m, 40m, 1h, then 2h.
const BACKOFF_SECONDS = [15, 30, 60, 120, 300, 600, 1200, 2400, 3600, 7200];

/** Delay before retry number `attempt + 1`, with up to 20% jitter, scaled. */
export function retryBackoffMs(attempt: number, scale: number, random = Math.random): number {
  const base = BACKOFF_SECONDS[Math.min(attempt, BACKOFF_SECONDS.length - 1)] ?? 7200;
  const jittered = base * 1000 * (1 + random() * 0.2);
  return Math.round(jittered * scale);
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return now + Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? at : undefined;
}
