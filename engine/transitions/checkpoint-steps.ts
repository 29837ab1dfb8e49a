/**
 * checkpoint-steps: the SDK's async checkpoint. When a call carries the
 * function's and the queue item's ids, the SDK runs a new step, posts its
 * result here and carries on in the same call to whatever the run does next,
 * instead of answering with the step and being called again to find that out.
 * The step is memoized as if the call had answered with it, except that no
 * next call is queued: the call in flight is that next call.
 */
import type { Client } from "@libsql/client";
import { one, writeBatch, writeOne } from "../db";
import { memoStatement } from "./complete-step";

export interface CheckpointedStep {
  id: string;
  op: "StepRun" | "Step";
  name?: string | null;
  data?: unknown;
  /** When the SDK began running the step, in ms since the epoch. */
  startedAt?: number;
}

export interface CheckpointInput {
  runId: string;
  /** The queue item whose call is running the steps. */
  queueItemId: number;
  steps: CheckpointedStep[];
}

/**
 * "stale" when the call no longer counts: its queue item is gone because the
 * run ended (cancelled, timed out, failed) meanwhile. The SDK then stops.
 */
export type CheckpointOutcome = "stored" | "stale";

export async function checkpointSteps(client: Client, input: CheckpointInput, now = Date.now()): Promise<CheckpointOutcome> {
  // Only while the call's item exists: a run that ended took its queue items with it.
  const current = { sql: "EXISTS (SELECT 1 FROM engine_queue WHERE id = ? AND run_id = ? AND kind = 'call')", args: [input.queueItemId, input.runId] };
  const statements = input.steps.map((step) =>
    memoStatement(
      {
        runId: input.runId,
        stepId: step.id,
        op: step.op,
        name: step.name ?? null,
        memo: { data: step.data ?? null },
        countsAttempt: true,
        startedAt: step.startedAt ?? now,
      },
      now,
      current,
    ),
  );
  const [only] = statements;
  const wrote =
    statements.length === 1 && only
      ? (await writeOne(client, only.sql, only.args)) > 0
      : (await writeBatch(client, statements)).some((result) => result.rowsAffected > 0);
  if (wrote) return "stored";
  // Nothing written: every step was memoized before (a checkpoint sent again), or the call is stale.
  return (await one(client, `SELECT 1 AS found WHERE ${current.sql}`, current.args)) ? "stored" : "stale";
}
