/**
 * park-wait: a WaitForEvent op becomes one small row in engine_waits, indexed
 * by (event name, key, literal) when the expression allows, plus a timeout timer.
 */
import { extractWaitIndex, substituteEvent } from "../cel";
import { run as exec } from "../db";
import { parseDuration } from "../duration";
import { newId } from "../ids";
import type { EngineEvent, Executor, Op, TransitionContext } from "../interfaces";
import { markStepPending } from "./mark-step";
import { enqueue } from "./queue";

const DEFAULT_WAIT_MS = 7 * 86_400_000;

export async function parkWait(
  db: Executor,
  ctx: TransitionContext,
  runId: string,
  runEvent: EngineEvent,
  op: Op,
  now = Date.now()
): Promise<void> {
  const opts = op.opts ?? {};
  const eventName = typeof opts.event === "string" ? opts.event : op.name ?? "";
  const rawIf = typeof opts.if === "string" ? opts.if : undefined;
  const expression = rawIf ? substituteEvent(rawIf, runEvent) : null;
  const expiresAt = now + (parseDuration(opts.timeout) ?? DEFAULT_WAIT_MS);
  const fresh = await markStepPending(
    db,
    {
      runId,
      stepId: op.id,
      op: "WaitForEvent",
      name: op.displayName ?? op.id,
      status: "waiting",
      detail: { event: eventName, if: expression, expiresAt },
    },
    now
  );
  if (!fresh) return;
  const index = expression ? extractWaitIndex(expression) : undefined;
  const waitId = newId(now);
  await exec(
    db,
    `INSERT INTO engine_waits (id, run_id, step_id, event_name, expression, index_key, index_value, needs_eval, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      waitId,
      runId,
      op.id,
      eventName,
      expression,
      index?.key ?? null,
      index?.value ?? null,
      index?.needsEval ? 1 : 0,
      expiresAt,
      now,
    ]
  );
  ctx.waitKeys.add(eventName, index?.key ?? null);
  await enqueue(db, { kind: "wait_timeout", runId, stepId: op.id, runAt: expiresAt, payload: { waitId } });
}
