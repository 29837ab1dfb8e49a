/**
 * prune-expired: drops rows whose time has passed. Bookkeeping (event-id
 * dedupe, idempotency keys, throttle/rate-limit hits) goes when its window
 * closes; history (finished runs with their steps, and events) goes after the
 * retention period, a batch at a time so no transaction grows large. Runs
 * still queued, running or parked are never touched: they carry their own
 * copy of their event.
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

/** Deletes up to `batch` finished runs (and their steps) and old events; returns how many rows went. */
export async function pruneHistory(db: Executor, retentionMs: number, batch: number, now = Date.now()): Promise<number> {
  const cutoff = now - retentionMs;
  const runs = `SELECT id FROM engine_runs WHERE ended_at <= ? AND status IN ('completed', 'failed', 'cancelled') LIMIT ?`;
  const steps = await exec(db, `DELETE FROM engine_steps WHERE run_id IN (${runs})`, [cutoff, batch]);
  const deletedRuns = await exec(db, `DELETE FROM engine_runs WHERE id IN (${runs})`, [cutoff, batch]);
  const events = await exec(
    db,
    "DELETE FROM engine_events WHERE internal_id IN (SELECT internal_id FROM engine_events WHERE received_at <= ? LIMIT ?)",
    [cutoff, batch]
  );
  return steps + deletedRuns + events;
}
