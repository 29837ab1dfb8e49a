/** complete-run: the app answered 200; its body is the run's output. */
import type { Executor } from "../interfaces";
import { endRun } from "./end-run";

export async function completeRun(db: Executor, runId: string, output: unknown, now = Date.now()): Promise<void> {
  await endRun(db, runId, "completed", { output: output ?? null }, now);
}
