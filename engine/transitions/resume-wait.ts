/**
 * resume-wait: an incoming event that matches a parked wait (or the wait's
 * deadline) memoizes the step and continues the run.
 */
import { run as exec } from "../db";
import type { EngineEvent, Executor, TransitionContext } from "../interfaces";
import { completeStep } from "./complete-step";
import { findMatchingRows, type MatchableRow } from "./match-index";

interface WaitRow extends MatchableRow {
  step_id: string;
  expires_at: number;
}

const WAIT_COLUMNS = "id, run_id, step_id, expression, needs_eval, expires_at";

/** Finds the waits an event satisfies; expired ones are left to their timeout. */
export async function findMatchingWaits(
  db: Executor,
  ctx: TransitionContext,
  event: EngineEvent,
  now: number
): Promise<WaitRow[]> {
  const rows = await findMatchingRows<WaitRow>(db, ctx.waitKeys, "engine_waits", WAIT_COLUMNS, event);
  return rows.filter((row) => row.expires_at > now);
}

export async function resumeWaitsFor(
  db: Executor,
  ctx: TransitionContext,
  event: EngineEvent,
  now = Date.now()
): Promise<number> {
  const waits = await findMatchingWaits(db, ctx, event, now);
  for (const wait of waits) {
    await exec(db, "DELETE FROM engine_waits WHERE id = ?", [wait.id]);
    await exec(db, "DELETE FROM engine_queue WHERE kind = 'wait_timeout' AND run_id = ? AND step_id = ?", [
      wait.run_id,
      wait.step_id,
    ]);
    // The step resolves to the matched event. Memos go to the SDK as
    // `{ data }`: its memo schema tries that shape first, and a bare value is
    // only accepted after every other shape failed (several times slower to
    // parse, on every call of a long conversation).
    await completeStep(db, { runId: wait.run_id, stepId: wait.step_id, op: "WaitForEvent", memo: { data: event } }, now);
  }
  return waits.length;
}

/** The wait's deadline passed: the step resolves to null. */
export async function timeoutWait(db: Executor, runId: string, stepId: string, now = Date.now()): Promise<void> {
  const deleted = await exec(db, "DELETE FROM engine_waits WHERE run_id = ? AND step_id = ?", [runId, stepId]);
  if (deleted > 0) await completeStep(db, { runId, stepId, op: "WaitForEvent", memo: { data: null } }, now);
}
