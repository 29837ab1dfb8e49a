/**
 * schedule-run: applies a function's flow control to a triggering event, then
 * creates the run (or defers it): idempotency and rateLimit drop, debounce
 * defers, throttle delays.
 */
import { evaluateKey } from "../cel";
import { all, one, run as exec } from "../db";
import { parseDuration } from "../duration";
import type { EngineEvent, Executor, FunctionConfig, TransitionContext } from "../interfaces";
import { createRun } from "./create-run";
import { enqueue } from "./queue";

const DAY_MS = 86_400_000;

export type ScheduleOutcome =
  | { kind: "created"; runId: string }
  | { kind: "skipped"; reason: "idempotency" | "rateLimit" }
  | { kind: "debounced" };

function flowKey(config: FunctionConfig, expression: string | undefined, event: EngineEvent): string {
  return expression ? `${config.id}:${evaluateKey(expression, { event })}` : config.id;
}

export async function scheduleRun(
  db: Executor,
  ctx: TransitionContext,
  config: FunctionConfig,
  event: EngineEvent,
  now = Date.now()
): Promise<ScheduleOutcome> {
  if (config.idempotency) {
    const key = flowKey(config, config.idempotency, event);
    const seen = await one<{ expires_at: number }>(db, "SELECT expires_at FROM engine_idempotency WHERE key = ?", [
      key,
    ]);
    if (seen && seen.expires_at > now) return { kind: "skipped", reason: "idempotency" };
    await exec(db, "INSERT OR REPLACE INTO engine_idempotency (key, expires_at) VALUES (?, ?)", [key, now + DAY_MS]);
  }

  if (config.rateLimit) {
    const period = parseDuration(config.rateLimit.period) ?? 60_000;
    const key = flowKey(config, config.rateLimit.key, event);
    const hits = await one<{ n: number }>(
      db,
      "SELECT COUNT(*) AS n FROM engine_flow_hits WHERE kind = 'rate' AND key = ? AND at > ?",
      [key, now - period]
    );
    if ((hits?.n ?? 0) >= config.rateLimit.limit) return { kind: "skipped", reason: "rateLimit" };
    await exec(db, "INSERT INTO engine_flow_hits (kind, key, at) VALUES ('rate', ?, ?)", [key, now]);
  }

  if (config.debounce) {
    const period = parseDuration(config.debounce.period) ?? 1000;
    const maxWait = parseDuration(config.debounce.timeout);
    const key = flowKey(config, config.debounce.key, event);
    const existing = await one<{ first_at: number }>(db, "SELECT first_at FROM engine_debounces WHERE key = ?", [key]);
    const firstAt = existing?.first_at ?? now;
    const fireAt = maxWait ? Math.min(now + period, firstAt + maxWait) : now + period;
    await exec(
      db,
      `INSERT INTO engine_debounces (key, function_id, event_json, first_at, fire_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET event_json = excluded.event_json, fire_at = excluded.fire_at`,
      [key, config.id, JSON.stringify(event), firstAt, fireAt]
    );
    if (!existing) await enqueue(db, { kind: "debounce", runAt: fireAt, payload: { key } });
    return { kind: "debounced" };
  }

  return { kind: "created", runId: await createThrottled(db, ctx, config, event, now) };
}

/** Throttle: at most `limit` starts per `period`; later runs start later. */
export async function createThrottled(
  db: Executor,
  ctx: TransitionContext,
  config: FunctionConfig,
  event: EngineEvent,
  now = Date.now()
): Promise<string> {
  let runAt = now;
  if (config.throttle) {
    const period = parseDuration(config.throttle.period) ?? 60_000;
    const limit = Math.max(1, config.throttle.limit);
    const key = flowKey(config, config.throttle.key, event);
    const recent = await all<{ at: number }>(
      db,
      "SELECT at FROM engine_flow_hits WHERE kind = 'throttle' AND key = ? AND at > ? ORDER BY at DESC LIMIT ?",
      [key, now - period, limit]
    );
    if (recent.length >= limit) runAt = Math.max(now, (recent[limit - 1]?.at ?? now) + period);
    await exec(db, "INSERT INTO engine_flow_hits (kind, key, at) VALUES ('throttle', ?, ?)", [key, runAt]);
  }
  return createRun(db, ctx, { config, event, runAt }, now);
}
