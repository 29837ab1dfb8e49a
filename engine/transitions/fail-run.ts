/** fail-run: the run failed for good (retries exhausted or a non-retriable error). */
import { newId } from "../ids";
import type { EngineEvent, Executor, SerializedError } from "../interfaces";
import { endRun } from "./end-run";

/**
 * Returns the `inngest/function.failed` event the caller must ingest in the
 * same transaction (it triggers the function's `-failure` handler).
 */
export async function failRun(
  db: Executor,
  runId: string,
  error: SerializedError,
  now = Date.now()
): Promise<EngineEvent | undefined> {
  const runRow = await endRun(db, runId, "failed", { error }, now);
  if (!runRow) return undefined;
  const event = JSON.parse(runRow.event_json) as EngineEvent;
  return {
    id: newId(now),
    name: "inngest/function.failed",
    data: { function_id: runRow.function_id, run_id: runId, error, event },
    ts: now,
  };
}
