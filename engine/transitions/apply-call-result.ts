/**
 * apply-call-result: turns the app's answer to one call into durable state:
 * 200 (or a 206 `RunComplete`) completes the run, 206 ops memoize/park/plan steps, errors retry the call
 * with backoff or fail the run for good.
 */
import { compileError } from "../cel";
import { parseRetryAfter, retryBackoffMs } from "../duration";
import type {
  EngineEvent,
  Executor,
  Op,
  QueueItem,
  RegisteredFunction,
  RunRow,
  SerializedError,
  TransitionContext,
} from "../interfaces";
import { completeRun } from "./complete-run";
import { completeStep, continueRun, memoizeStep } from "./complete-step";
import { failRun } from "./fail-run";
import { ingestEvent } from "./ingest-event";
import { parkSleep } from "./park-sleep";
import { parkWait } from "./park-wait";
import { planStep } from "./plan-steps";
import { retryCall } from "./retry-call";
import { startInvoke } from "./start-invoke";
import { run as exec } from "../db";

export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
  /** When the call began, for step timings. */
  startedAt: number;
}

export function toSerializedError(value: unknown, fallback: string): SerializedError {
  if (value && typeof value === "object" && "message" in value) {
    const err = value as Record<string, unknown>;
    return { ...err, name: typeof err.name === "string" ? err.name : "Error", message: String(err.message) };
  }
  return { name: "Error", message: typeof value === "string" && value ? value : fallback };
}

/** Fails the run and ingests its `inngest/function.failed` event in the same transaction. */
export async function failRunAndNotify(
  db: Executor,
  ctx: TransitionContext,
  runId: string,
  error: SerializedError,
  now = Date.now()
): Promise<void> {
  const failure = await failRun(db, runId, error, now);
  if (failure) await ingestEvent(db, ctx, failure, now);
}

/**
 * A wait whose `if` does not compile could never match. Inngest fails the run
 * for good in that case rather than letting the wait time out, so do we.
 */
function invalidWait(ops: Op[]): { op: Op; error: SerializedError } | undefined {
  for (const op of ops) {
    if (op.op !== "WaitForEvent" || typeof op.opts?.if !== "string") continue;
    const problem = compileError(op.opts.if);
    if (problem === undefined) continue;
    const step = op.displayName ?? op.name ?? op.id;
    return {
      op,
      error: {
        name: "CompileError",
        message: `waitForEvent "${step}": its "if" expression (${op.opts.if}) does not compile: ${problem}`,
      },
    };
  }
  return undefined;
}

/** The caller has already taken `item` off the queue (see `takeItem`). */
export async function applyCallResult(
  db: Executor,
  ctx: TransitionContext,
  input: {
    item: QueueItem;
    run: RunRow;
    fn: RegisteredFunction;
    maxAttempts: number;
    result: CallResult;
    /** The call stored steps through checkpoints: one it answers with again still moves the run on. */
    ownCheckpoint?: boolean;
  },
  now = Date.now()
): Promise<void> {
  const { item, run, fn, maxAttempts, result } = input;
  const noRetry = result.headers.get("x-inngest-no-retry") === "true";
  const canRetry = !noRetry && item.attempt + 1 < maxAttempts;
  const retryAt = () =>
    parseRetryAfter(result.headers.get("retry-after"), now) ?? now + retryBackoffMs(item.attempt, ctx.backoffScale);
  const startedAt = result.startedAt;

  if (result.status === 200) {
    await completeRun(db, run.id, result.body, now);
    return;
  }

  if (result.status === 206 && Array.isArray(result.body)) {
    const ops = result.body as Op[];
    // Checked before any op is applied, so nothing else gets scheduled for a run that fails.
    const invalid = invalidWait(ops);
    if (invalid) {
      ctx.logger.warn("failing run: wait expression does not compile", {
        runId: run.id,
        if: invalid.op.opts?.if,
        error: invalid.error.message,
      });
      const step = { runId: run.id, stepId: invalid.op.id, op: "WaitForEvent", name: invalid.op.displayName ?? null };
      await memoizeStep(db, { ...step, memo: { error: invalid.error }, failed: true, startedAt }, now);
      await failRunAndNotify(db, ctx, run.id, invalid.error, now);
      return;
    }
    const finished = ops.find((op) => op.op === "RunComplete");
    if (finished) {
      // A checkpointing call's way of returning: any steps still unsaved come first, then the output.
      for (const op of ops) {
        if (op.op !== "StepRun" && op.op !== "Step") continue;
        const name = op.displayName ?? op.name ?? null;
        await memoizeStep(db, { runId: run.id, stepId: op.id, op: op.op, name, startedAt, countsAttempt: true, memo: { data: op.data ?? null } }, now);
      }
      await completeRun(db, run.id, finished.data, now);
      return;
    }
    const event = JSON.parse(run.event_json) as EngineEvent;
    for (const op of ops) {
      const name = op.displayName ?? op.name ?? null;
      const base = { runId: run.id, stepId: op.id, op: op.op, name, startedAt, countsAttempt: true };
      switch (op.op) {
        case "StepRun":
        case "Step":
          if (input.ownCheckpoint) {
            await memoizeStep(db, { ...base, memo: { data: op.data ?? null } }, now);
            await continueRun(db, run.id, now);
          } else await completeStep(db, { ...base, memo: { data: op.data ?? null } }, now);
          break;
        case "StepError": {
          const error = toSerializedError(op.error, "step error");
          if (canRetry) await retryCall(db, item, retryAt(), { stepId: op.id, name, error }, now);
          else await completeStep(db, { ...base, memo: { error }, failed: true }, now);
          break;
        }
        case "StepFailed":
          await completeStep(
            db,
            { ...base, memo: { error: toSerializedError(op.error, "step failed") }, failed: true },
            now
          );
          break;
        case "Sleep":
          await parkSleep(db, run.id, op, now);
          break;
        case "WaitForEvent":
          await parkWait(db, ctx, run.id, event, op, now);
          break;
        case "InvokeFunction":
          await startInvoke(db, ctx, { runId: run.id, functionId: fn.config.id }, op, now);
          break;
        case "StepPlanned":
          await planStep(db, run.id, op, now);
          break;
        default:
          ctx.logger.warn("unsupported op", { op: op.op, runId: run.id });
      }
    }
    return;
  }

  const error = toSerializedError(result.body, `app answered ${result.status}`);
  if (canRetry) {
    await retryCall(db, item, retryAt(), { error }, now);
    // The last error stays visible on the run while it waits for its retry.
    await exec(db, "UPDATE engine_runs SET error_json = ? WHERE id = ?", [JSON.stringify(error), run.id]);
    return;
  }
  await failRunAndNotify(db, ctx, run.id, error, now);
}
