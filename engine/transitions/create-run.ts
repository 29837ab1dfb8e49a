/** create-run: a new run row, its cancel listeners, start timeout and first call. */
import { evaluateKey, extractWaitIndex, substituteEvent } from "../cel";
import { run as exec } from "../db";
import { parseDuration } from "../duration";
import { newId } from "../ids";
import type {
  ConcurrencyOption,
  ConcurrencySlot,
  EngineEvent,
  Executor,
  FunctionConfig,
  TransitionContext,
} from "../interfaces";
import { enqueue } from "./queue";

export interface CreateRunInput {
  config: FunctionConfig;
  event: EngineEvent;
  runAt: number;
  parent?: { runId: string; stepId: string };
}

export function concurrencySlots(config: FunctionConfig, event: EngineEvent): ConcurrencySlot[] {
  const raw = config.concurrency;
  if (raw === undefined || raw === null) return [];
  const options: ConcurrencyOption[] = typeof raw === "number" ? [{ limit: raw }] : Array.isArray(raw) ? raw : [raw];
  return options
    .filter((o) => o.limit > 0)
    .map((o) => {
      const scope = o.scope && o.scope !== "fn" ? o.scope : `fn:${config.id}`;
      const key = o.key ? `${scope}:${evaluateKey(o.key, { event })}` : scope;
      return { key, limit: o.limit };
    });
}

export async function createRun(
  db: Executor,
  ctx: TransitionContext,
  input: CreateRunInput,
  now = Date.now()
): Promise<string> {
  const runId = newId(now);
  const { config, event } = input;
  await exec(
    db,
    `INSERT INTO engine_runs (id, function_id, status, event_id, event_json, parent_run_id, parent_step_id,
       concurrency_json, created_at) VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?)`,
    [
      runId,
      config.id,
      event.id,
      JSON.stringify(event),
      input.parent?.runId ?? null,
      input.parent?.stepId ?? null,
      JSON.stringify(concurrencySlots(config, event)),
      now,
    ]
  );
  for (const cancel of config.cancel ?? []) {
    const timeout = parseDuration(cancel.timeout);
    const expression = cancel.if ? substituteEvent(cancel.if, event) : null;
    const index = expression ? extractWaitIndex(expression) : undefined;
    await exec(
      db,
      `INSERT INTO engine_cancels (id, run_id, event_name, expression, expires_at, index_key, index_value, needs_eval)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        newId(now),
        runId,
        cancel.event,
        expression,
        timeout ? now + timeout : null,
        index?.key ?? null,
        index?.value ?? null,
        index?.needsEval ? 1 : 0,
      ]
    );
    ctx.cancelKeys.add(cancel.event, index?.key ?? null);
  }
  const startTimeout = parseDuration(config.timeouts?.start);
  // Measured from when the run was scheduled, so throttle or backlog delays count.
  if (startTimeout) await enqueue(db, { kind: "timeout_start", runId, runAt: now + startTimeout });
  await enqueue(db, { kind: "call", runId, runAt: input.runAt });
  return runId;
}
