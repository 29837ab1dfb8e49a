/** Records a step that is not finished yet (planned, sleeping, waiting, invoking). */
import { one, run as exec } from "../db";
import type { Executor } from "../interfaces";

/** Returns false when the step is already known (a replay re-reported it). */
export async function markStepPending(
  db: Executor,
  input: { runId: string; stepId: string; op: string; name?: string | null; status: string; detail?: unknown },
  now = Date.now()
): Promise<boolean> {
  const existing = await one<{ status: string }>(
    db,
    "SELECT status FROM engine_steps WHERE run_id = ? AND step_id = ?",
    [input.runId, input.stepId]
  );
  if (existing && existing.status !== "error") return false;
  await exec(
    db,
    `INSERT INTO engine_steps (run_id, step_id, name, op, status, started_at, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, step_id) DO UPDATE SET status = excluded.status, detail_json = excluded.detail_json`,
    [input.runId, input.stepId, input.name ?? null, input.op, input.status, now, JSON.stringify(input.detail ?? null)]
  );
  return true;
}
