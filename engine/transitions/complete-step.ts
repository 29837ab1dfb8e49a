/**
 * complete-step: memoizes a step's result (data, error, matched event, null
 * for a sleep) and continues the run with a discovery call once no planned
 * parallel step is still executing.
 */
import { one, run as exec } from "../db";
import type { Executor } from "../interfaces";
import { enqueueDiscovery } from "./queue";

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
  const existing = await one<{ status: string }>(
    db,
    "SELECT status FROM engine_steps WHERE run_id = ? AND step_id = ?",
    [input.runId, input.stepId]
  );
  if (existing && (existing.status === "completed" || existing.status === "failed")) return false;
  const seq = await one<{ seq: number | null }>(db, "SELECT MAX(memo_seq) AS seq FROM engine_steps WHERE run_id = ?", [
    input.runId,
  ]);
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
  const pending = await one<{ n: number }>(
    db,
    "SELECT COUNT(*) AS n FROM engine_steps WHERE run_id = ? AND status = 'planned'",
    [runId]
  );
  if ((pending?.n ?? 0) === 0) await enqueueDiscovery(db, runId, now);
}

export async function completeStep(db: Executor, input: MemoizeInput, now = Date.now()): Promise<void> {
  if (await memoizeStep(db, input, now)) await continueRun(db, input.runId, now);
}
