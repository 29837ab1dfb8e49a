/**
 * end-run: what every way of ending a run shares. Marks the run, clears its
 * waits, cancel listeners and queued work, and hands the result to a parent
 * run that invoked it.
 */
import { one, run as exec } from "../db";
import { RUN_ROW_COLUMNS, type Executor, type RunRow, type SerializedError } from "../interfaces";
import { completeStep } from "./complete-step";

export type FinalStatus = "completed" | "failed" | "cancelled";

export function isFinal(status: string): boolean {
  return status === "completed" || status === "failed" || status === "cancelled";
}

/** Returns the run as it was before, or undefined when it had already ended. */
export async function endRun(
  db: Executor,
  runId: string,
  status: FinalStatus,
  fields: { output?: unknown; error?: SerializedError },
  now: number
): Promise<RunRow | undefined> {
  const runRow = await one<RunRow>(db, `SELECT ${RUN_ROW_COLUMNS} FROM engine_runs WHERE id = ?`, [runId]);
  if (!runRow || isFinal(runRow.status)) return undefined;
  await exec(db, "UPDATE engine_runs SET status = ?, output_json = ?, error_json = ?, ended_at = ? WHERE id = ?", [
    status,
    fields.output === undefined ? null : JSON.stringify(fields.output),
    fields.error ? JSON.stringify(fields.error) : null,
    now,
    runId,
  ]);
  await exec(db, "DELETE FROM engine_waits WHERE run_id = ?", [runId]);
  await exec(db, "DELETE FROM engine_cancels WHERE run_id = ?", [runId]);
  await exec(db, "DELETE FROM engine_queue WHERE run_id = ?", [runId]);
  await exec(
    db,
    "UPDATE engine_steps SET status = 'cancelled' WHERE run_id = ? AND status NOT IN ('completed', 'failed')",
    [runId]
  );
  if (runRow.parent_run_id && runRow.parent_step_id) {
    const memo =
      status === "completed"
        ? { data: fields.output ?? null }
        : { error: fields.error ?? { name: "Error", message: "The invoked run ended without a result" } };
    await completeStep(
      db,
      {
        runId: runRow.parent_run_id,
        stepId: runRow.parent_step_id,
        op: "InvokeFunction",
        memo,
        failed: status !== "completed",
      },
      now
    );
  }
  return runRow;
}
