/**
 * start-invoke: an InvokeFunction op starts the target function with an
 * `inngest/function.invoked` event; the child's end (or the timeout) memoizes
 * `{data}` or `{error}` on the parent's step.
 */
import { run as exec } from "../db";
import { parseDuration } from "../duration";
import { newId } from "../ids";
import type { EngineEvent, Executor, Op, TransitionContext } from "../interfaces";
import { completeStep } from "./complete-step";
import { createRun } from "./create-run";
import { markStepPending } from "./mark-step";
import { enqueue } from "./queue";
import { storeEvent } from "./store-event";

export async function startInvoke(
  db: Executor,
  ctx: TransitionContext,
  parent: { runId: string; functionId: string },
  op: Op,
  now = Date.now()
): Promise<void> {
  const opts = op.opts ?? {};
  const functionId = typeof opts.function_id === "string" ? opts.function_id : "";
  const payload = (opts.payload ?? {}) as { data?: Record<string, unknown>; user?: Record<string, unknown> };
  const timeout = parseDuration(opts.timeout);
  const fresh = await markStepPending(
    db,
    {
      runId: parent.runId,
      stepId: op.id,
      op: "InvokeFunction",
      name: op.displayName ?? op.id,
      status: "invoking",
      detail: { functionId },
    },
    now
  );
  if (!fresh) return;
  const target = ctx.functions.get(functionId);
  if (!target) {
    await completeStep(
      db,
      {
        runId: parent.runId,
        stepId: op.id,
        op: "InvokeFunction",
        memo: { error: { name: "Error", message: `Function "${functionId}" is not registered` } },
        failed: true,
      },
      now
    );
    return;
  }
  const event: EngineEvent = {
    id: newId(now),
    name: "inngest/function.invoked",
    data: {
      ...(payload.data ?? {}),
      _inngest: { source_fn_id: parent.functionId, source_run_id: parent.runId, source_step_id: op.id },
    },
    ts: now,
    ...(payload.user ? { user: payload.user } : {}),
  };
  await storeEvent(db, event, now);
  const childRunId = await createRun(
    db,
    ctx,
    { config: target.config, event, runAt: now, parent: { runId: parent.runId, stepId: op.id } },
    now
  );
  await exec(db, "UPDATE engine_steps SET detail_json = ? WHERE run_id = ? AND step_id = ?", [
    JSON.stringify({ functionId, childRunId }),
    parent.runId,
    op.id,
  ]);
  if (timeout) {
    await enqueue(db, {
      kind: "invoke_timeout",
      runId: parent.runId,
      stepId: op.id,
      runAt: now + timeout,
      payload: { childRunId },
    });
  }
  ctx.logger.info("invoked function", { functionId, childRunId });
}

export async function timeoutInvoke(db: Executor, runId: string, stepId: string, now = Date.now()): Promise<void> {
  await completeStep(
    db,
    {
      runId,
      stepId,
      op: "InvokeFunction",
      memo: {
        error: { name: "InngestInvokeTimeoutError", message: "Timed out waiting for invoked function to complete" },
      },
      failed: true,
    },
    now
  );
}
