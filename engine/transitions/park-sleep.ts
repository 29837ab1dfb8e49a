/** park-sleep: a Sleep op becomes a timer row; the run holds no slot meanwhile. */
import type { Executor, Op } from "../interfaces";
import { resolveWakeTime } from "../duration";
import { markStepPending } from "./mark-step";
import { enqueue } from "./queue";

export async function parkSleep(db: Executor, runId: string, op: Op, now = Date.now()): Promise<void> {
  const wakeAt = resolveWakeTime(op.name, now);
  const fresh = await markStepPending(
    db,
    { runId, stepId: op.id, op: "Sleep", name: op.displayName ?? op.name, status: "sleeping", detail: { wakeAt } },
    now
  );
  if (fresh) await enqueue(db, { kind: "sleep_wake", runId, stepId: op.id, runAt: wakeAt });
}
