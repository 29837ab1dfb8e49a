/**
 * plan-steps: parallel steps reported as StepPlanned each get their own call
 * (`stepId=<id>`, immediate execution disabled).
 */
import type { Executor, Op } from "../interfaces";
import { markStepPending } from "./mark-step";
import { enqueue } from "./queue";

export async function planStep(db: Executor, runId: string, op: Op, now = Date.now()): Promise<void> {
  const fresh = await markStepPending(
    db,
    { runId, stepId: op.id, op: "StepPlanned", name: op.displayName ?? op.name ?? op.id, status: "planned" },
    now
  );
  if (fresh) await enqueue(db, { kind: "call", runId, stepId: op.id, runAt: now, payload: { planned: true } });
}
