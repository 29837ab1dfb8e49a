/**
 * prune-expired: drops bookkeeping rows whose window has passed (event-id
 * dedupe, idempotency keys, throttle/rate-limit hits). Events, runs and steps
 * are history and are kept.
 */
import { run as exec } from "../db";
import type { Executor } from "../interfaces";

const DAY_MS = 86_400_000;

export async function pruneExpired(db: Executor, now = Date.now()): Promise<void> {
  await exec(db, "DELETE FROM engine_event_dedupe WHERE seen_at <= ?", [now - DAY_MS]);
  await exec(db, "DELETE FROM engine_idempotency WHERE expires_at <= ?", [now]);
  // Longer than any throttle or rate-limit period Inngest accepts (7 days).
  await exec(db, "DELETE FROM engine_flow_hits WHERE at <= ?", [now - 8 * DAY_MS]);
}
