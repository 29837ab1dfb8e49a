/** retry-call: a retriable failure reschedules the same call with attempt + 1. */
import { run as exec } from "../db";
import type { Executor, QueueItem, SerializedError } from "../interfaces";
import { enqueue } from "./queue";

export async function retryCall(
  db: Executor,
  item: QueueItem,
  retryAt: number,
  failure: { stepId?: string; name?: string | null; error: SerializedError },
  now = Date.now()
): Promise<void> {
  if (failure.stepId) {
    // Keeps the attempt count and the last error visible while the step waits to retry.
    await exec(
      db,
      `INSERT INTO engine_steps (run_id, step_id, name, op, status, attempts, error_json, started_at)
       VALUES (?, ?, ?, 'StepRun', 'error', 1, ?, ?)
       ON CONFLICT (run_id, step_id) DO UPDATE SET attempts = engine_steps.attempts + 1, error_json = excluded.error_json,
         status = CASE WHEN engine_steps.status = 'planned' THEN 'planned' ELSE 'error' END`,
      [item.run_id, failure.stepId, failure.name ?? null, JSON.stringify(failure.error), now]
    );
  }
  // The failed item is already off the queue; its retry is a new item.
  await enqueue(db, {
    kind: "call",
    runId: item.run_id,
    stepId: item.step_id,
    attempt: item.attempt + 1,
    runAt: retryAt,
    payload: JSON.parse(item.payload_json) as Record<string, unknown>,
  });
}
