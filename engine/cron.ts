/**
 * Cron triggers. Each (function, cron) pair is one queue item due at its next
 * tick; firing it emits `inngest/scheduled.timer` to that function only and
 * enqueues the following tick. Missed ticks during downtime fire once.
 */
import { CronExpressionParser } from "cron-parser";
import { all, run as exec } from "./db";
import type { Executor, FunctionConfig, QueueItem, TransitionContext } from "./interfaces";
import { enqueue } from "./transitions/queue";
import { scheduleRun } from "./transitions/schedule-run";
import { storeEvent } from "./transitions/store-event";

/** Next fire time strictly after `after`; supports a `TZ=Area/City ` prefix and seconds fields. */
export function nextCronTime(cron: string, after: number): number {
  const tzMatch = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(cron.trim());
  const expression = tzMatch ? tzMatch[2] ?? "" : cron;
  const parsed = CronExpressionParser.parse(expression, {
    currentDate: new Date(after),
    ...(tzMatch?.[1] ? { tz: tzMatch[1] } : {}),
  });
  return parsed.next().getTime();
}

function cronsOf(config: FunctionConfig): string[] {
  return config.triggers.flatMap((t) => (t.cron ? [t.cron] : []));
}

/** Makes the queue hold exactly one pending tick per cron of the given functions. */
export async function syncCronItems(db: Executor, functions: FunctionConfig[], now = Date.now()): Promise<void> {
  for (const fn of functions) {
    const wanted = new Set(cronsOf(fn));
    const existing = await all<{ id: number; payload_json: string }>(
      db,
      "SELECT id, payload_json FROM engine_queue WHERE kind = 'cron' AND run_id IS NULL AND json_extract(payload_json, '$.functionId') = ?",
      [fn.id]
    );
    for (const item of existing) {
      const { cron } = JSON.parse(item.payload_json) as { cron: string };
      if (wanted.has(cron)) wanted.delete(cron);
      else await exec(db, "DELETE FROM engine_queue WHERE id = ?", [item.id]);
    }
    for (const cron of wanted) {
      await enqueue(db, { kind: "cron", runAt: nextCronTime(cron, now), payload: { functionId: fn.id, cron } });
    }
  }
}

export async function fireCron(db: Executor, ctx: TransitionContext, item: QueueItem, now = Date.now()): Promise<void> {
  await exec(db, "DELETE FROM engine_queue WHERE id = ?", [item.id]);
  const { functionId, cron } = JSON.parse(item.payload_json) as { functionId: string; cron: string };
  const fn = ctx.functions.get(functionId);
  if (!fn || !cronsOf(fn.config).includes(cron)) return;
  const fireAt = item.run_at;
  const event = {
    // A deterministic id makes a tick fired twice (crash after commit) start one run.
    id: `cron-${functionId}-${fireAt}`,
    name: "inngest/scheduled.timer",
    data: { cron, scheduledAt: new Date(fireAt).toISOString(), fireAt: new Date(fireAt).toISOString() },
    ts: now,
  };
  if (await storeEvent(db, event, now)) await scheduleRun(db, ctx, fn.config, event, now);
  await enqueue(db, { kind: "cron", runAt: nextCronTime(cron, Math.max(now, fireAt)), payload: { functionId, cron } });
}
