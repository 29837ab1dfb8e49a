/**
 * fire-timer: a due timer item (sleep wake-up, wait/invoke deadline, run
 * start/finish timeout, debounce, cron tick) applied in one transaction.
 */
import { fireCron } from "../cron";
import { one, run as exec } from "../db";
import type { EngineEvent, Executor, QueueItem, TransitionContext } from "../interfaces";
import { cancelRun } from "./cancel-run";
import { completeStep } from "./complete-step";
import { deleteItem, enqueue } from "./queue";
import { timeoutWait } from "./resume-wait";
import { createThrottled } from "./schedule-run";
import { timeoutInvoke } from "./start-invoke";

async function runStatus(db: Executor, runId: string): Promise<string | undefined> {
  return (await one<{ status: string }>(db, "SELECT status FROM engine_runs WHERE id = ?", [runId]))?.status;
}

async function stepStatus(db: Executor, runId: string, stepId: string): Promise<string | undefined> {
  const row = await one<{ status: string }>(db, "SELECT status FROM engine_steps WHERE run_id = ? AND step_id = ?", [
    runId,
    stepId,
  ]);
  return row?.status;
}

async function fireDebounce(db: Executor, ctx: TransitionContext, item: QueueItem, now: number): Promise<void> {
  const { key } = JSON.parse(item.payload_json) as { key: string };
  const row = await one<{ function_id: string; event_json: string; fire_at: number }>(
    db,
    "SELECT function_id, event_json, fire_at FROM engine_debounces WHERE key = ?",
    [key]
  );
  if (!row) return;
  // A later event pushed the deadline: wait again.
  if (row.fire_at > now) {
    await enqueue(db, { kind: "debounce", runAt: row.fire_at, payload: { key } });
    return;
  }
  await exec(db, "DELETE FROM engine_debounces WHERE key = ?", [key]);
  const fn = ctx.functions.get(row.function_id);
  if (fn) await createThrottled(db, ctx, fn.config, JSON.parse(row.event_json) as EngineEvent, now);
}

export async function fireTimer(
  db: Executor,
  ctx: TransitionContext,
  item: QueueItem,
  now = Date.now()
): Promise<void> {
  if (item.kind === "cron") return fireCron(db, ctx, item, now);
  await deleteItem(db, item.id);
  const runId = item.run_id ?? "";
  const stepId = item.step_id ?? "";
  switch (item.kind) {
    case "sleep_wake":
      if ((await stepStatus(db, runId, stepId)) === "sleeping") {
        await completeStep(db, { runId, stepId, op: "Sleep", memo: { data: null } }, now);
      }
      return;
    case "wait_timeout":
      return timeoutWait(db, runId, stepId, now);
    case "invoke_timeout":
      if ((await stepStatus(db, runId, stepId)) === "invoking") await timeoutInvoke(db, runId, stepId, now);
      return;
    case "timeout_start":
      if ((await runStatus(db, runId)) === "queued") await cancelRun(db, runId, "start timeout", now);
      return;
    case "timeout_finish":
      if ((await runStatus(db, runId)) === "running") await cancelRun(db, runId, "finish timeout", now);
      return;
    case "debounce":
      return fireDebounce(db, ctx, item, now);
    default:
      ctx.logger.warn("unknown timer kind", { kind: item.kind });
  }
}
