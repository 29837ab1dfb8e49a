/** cancel-run: a cancelOn event or a start/finish timeout stops the run. */
import type { Executor } from "../interfaces";
import { endRun } from "./end-run";

export async function cancelRun(db: Executor, runId: string, reason: string, now = Date.now()): Promise<boolean> {
  const ended = await endRun(db, runId, "cancelled", { error: { name: "Cancelled", message: reason } }, now);
  return ended !== undefined;
}
