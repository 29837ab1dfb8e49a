/**
 * complete-step: memoizes a step's result (data, error, matched event, null
 * for a sleep) and continues the run with a discovery call once no planned
 * parallel step is still executing.
 */
import { one, run as exec } from "../db";
import type { Executor } from "../interfaces";
import { enqueue } from "./queue";

export interface MemoizeInput {
  runId: string;
  stepId: string;
  op: string;
  name?: string | null;
  /** The value sent back in the `steps` map on later calls. */
  memo: unknown;
  failed?: boolean;
  /** Whether this memo ends an execution attempt (counts towards attempts). */
  countsAttempt?: boolean;
  /** When the call that produced it began (defaults to now). */
  startedAt?: number;
}

/** Returns false when the step was already memoized (a duplicate completion). */
export async function memoizeStep(db: Executor, input: MemoizeInput, now = Date.now()): Promise<boolean> {
  const seq = await one<{ status: string | null; seq: number | null }>(
    db,
    `SELECT (SELECT status FROM engine_steps WHERE run_id = ? AND step_id = ?) AS status,
            (SELECT MAX(memo_seq) FROM engine_steps WHERE run_id = ?) AS seq`,
    [input.runId, input.stepId, input.runId]
  );
  if (seq?.status === "completed" || seq?.status === "failed") return false;
  const status = input.failed ? "failed" : "completed";
  const memoJson = JSON.stringify(input.memo === undefined ? null : input.memo);
  const errorJson = input.failed ? JSON.stringify((input.memo as { error?: unknown }).error ?? null) : null;
  const attempt = input.countsAttempt ? 1 : 0;
  await exec(
    db,
    `INSERT INTO engine_steps (run_id, step_id, name, op, status, memo_json, memo_seq, attempts, error_json, started_at, ended_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, step_id) DO UPDATE SET status = excluded.status, memo_json = excluded.memo_json,
       memo_seq = excluded.memo_seq, attempts = engine_steps.attempts + ?, ended_at = excluded.ended_at,
       error_json = COALESCE(excluded.error_json, engine_steps.error_json), name = COALESCE(engine_steps.name, excluded.name)`,
    [
      input.runId,
      input.stepId,
      input.name ?? null,
      input.op,
      status,
      memoJson,
      (seq?.seq ?? 0) + 1,
      attempt,
      errorJson,
      input.startedAt ?? now,
      now,
      attempt,
    ]
  );
  return true;
}

/** Continues the run unless parallel planned steps are still executing. */
export async function continueRun(db: Executor, runId: string, now = Date.now()): Promise<void> {
  // One read: are planned steps still executing, or is a discovery call already waiting?
  const state = await one<{ planned: number; queued: number }>(
    db,
    `SELECT (SELECT COUNT(*) FROM engine_steps WHERE run_id = ? AND status = 'planned') AS planned,
            (SELECT COUNT(*) FROM engine_queue
              WHERE run_id = ? AND kind = 'call' AND step_id IS NULL AND locked_by IS NULL) AS queued`,
    [runId, runId]
  );
  if ((state?.planned ?? 0) === 0 && (state?.queued ?? 0) === 0) await enqueue(db, { kind: "call", runId, runAt: now });
}

export async function completeStep(db: Executor, input: MemoizeInput, now = Date.now()): Promise<void> {
  if (await memoizeStep(db, input, now)) await continueRun(db, input.runId, now);
}
