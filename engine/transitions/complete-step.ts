/**
 * complete-step: memoizes a step's result (data, error, matched event, null
 * for a sleep) and continues the run with a discovery call once no planned
 * parallel step is still executing.
 */
import type { InValue } from "@libsql/client";
import { run as exec } from "../db";
import type { Executor } from "../interfaces";

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

/**
 * The statement that memoizes a step: the memo gets the run's next sequence
 * number, and a step already completed or failed is left alone (then it
 * writes nothing). `onlyIf` adds a condition that must hold as well.
 */
export function memoStatement(input: MemoizeInput, now: number, onlyIf?: { sql: string; args: InValue[] }): { sql: string; args: InValue[] } {
  const status = input.failed ? "failed" : "completed";
  const memoJson = JSON.stringify(input.memo === undefined ? null : input.memo);
  const errorJson = input.failed ? JSON.stringify((input.memo as { error?: unknown }).error ?? null) : null;
  const attempt = input.countsAttempt ? 1 : 0;
  return {
    sql: `INSERT INTO engine_steps (run_id, step_id, name, op, status, memo_json, memo_seq, attempts, error_json, started_at, ended_at)
     SELECT ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(memo_seq), 0) + 1 FROM engine_steps WHERE run_id = ?), ?, ?, ?, ?
     WHERE ${onlyIf?.sql ?? "1"}
     ON CONFLICT (run_id, step_id) DO UPDATE SET status = excluded.status, memo_json = excluded.memo_json,
       memo_seq = excluded.memo_seq, attempts = engine_steps.attempts + ?, ended_at = excluded.ended_at,
       error_json = COALESCE(excluded.error_json, engine_steps.error_json), name = COALESCE(engine_steps.name, excluded.name)
     WHERE engine_steps.status NOT IN ('completed', 'failed')`,
    args: [
      input.runId,
      input.stepId,
      input.name ?? null,
      input.op,
      status,
      memoJson,
      input.runId,
      attempt,
      errorJson,
      input.startedAt ?? now,
      now,
      ...(onlyIf?.args ?? []),
      attempt,
    ],
  };
}

/** Returns false when the step was already memoized (a duplicate completion). */
export async function memoizeStep(db: Executor, input: MemoizeInput, now = Date.now()): Promise<boolean> {
  const { sql, args } = memoStatement(input, now);
  return (await exec(db, sql, args)) > 0;
}

/** Continues the run unless parallel planned steps are still executing or a discovery call is already queued. */
export async function continueRun(db: Executor, runId: string, now = Date.now()): Promise<void> {
  await exec(
    db,
    `INSERT INTO engine_queue (kind, run_id, step_id, attempt, run_at, payload_json, created_at)
     SELECT 'call', ?, NULL, 0, ?, '{}', ?
     WHERE NOT EXISTS (SELECT 1 FROM engine_steps WHERE run_id = ? AND status = 'planned')
       AND NOT EXISTS (SELECT 1 FROM engine_queue WHERE run_id = ? AND kind = 'call' AND step_id IS NULL AND locked_by IS NULL)`,
    [runId, now, now, runId, runId]
  );
}

export async function completeStep(db: Executor, input: MemoizeInput, now = Date.now()): Promise<void> {
  if (await memoizeStep(db, input, now)) await continueRun(db, input.runId, now);
}
