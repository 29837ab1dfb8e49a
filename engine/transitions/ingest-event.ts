/**
 * ingest-event: one transaction per event: dedupe and store it, start the
 * functions it triggers, resume the waits it satisfies, cancel the runs it cancels.
 */
import { matches } from "../cel";
import { newId } from "../ids";
import type { EngineEvent, Executor, IncomingEvent, TransitionContext } from "../interfaces";
import { eventNameMatches } from "../registry";
import { cancelRunsFor } from "./cancel-by-event";
import { resumeWaitsFor } from "./resume-wait";
import { scheduleRun } from "./schedule-run";
import { storeEvent } from "./store-event";

export function normalizeEvent(input: IncomingEvent, now = Date.now()): EngineEvent {
  if (!input || typeof input.name !== "string" || input.name === "") throw new Error("event name is required");
  return {
    id: typeof input.id === "string" && input.id !== "" ? input.id : newId(now),
    name: input.name,
    data: input.data && typeof input.data === "object" ? input.data : {},
    ts: typeof input.ts === "number" ? input.ts : now,
    ...(input.user ? { user: input.user } : {}),
  };
}

export interface IngestResult {
  duplicate: boolean;
  runIds: string[];
  resumed: number;
  cancelled: number;
}

export async function ingestEvent(
  db: Executor,
  ctx: TransitionContext,
  event: EngineEvent,
  now = Date.now()
): Promise<IngestResult> {
  const result: IngestResult = { duplicate: false, runIds: [], resumed: 0, cancelled: 0 };
  if (!(await storeEvent(db, event, now))) return { ...result, duplicate: true };

  for (const fn of ctx.functions.triggeredBy(event.name)) {
    const fires = fn.config.triggers.some(
      (t) => t.event !== undefined && eventNameMatches(t.event, event.name) && matches(t.expression, { event })
    );
    if (!fires) continue;
    const outcome = await scheduleRun(db, ctx, fn.config, event, now);
    if (outcome.kind === "created") result.runIds.push(outcome.runId);
  }

  result.resumed = await resumeWaitsFor(db, ctx, event, now);

  result.cancelled = await cancelRunsFor(db, ctx, event, now);
  return result;
}
