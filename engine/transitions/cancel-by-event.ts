/** cancel-by-event: an incoming event cancels the runs whose cancelOn it matches. */
import type { EngineEvent, Executor, TransitionContext } from "../interfaces";
import { cancelRun } from "./cancel-run";
import { findMatchingRows, type MatchableRow } from "./match-index";

interface CancelRow extends MatchableRow {
  expires_at: number | null;
}

export async function cancelRunsFor(
  db: Executor,
  ctx: TransitionContext,
  event: EngineEvent,
  now = Date.now()
): Promise<number> {
  const rows = await findMatchingRows<CancelRow>(
    db,
    ctx.cancelKeys,
    "engine_cancels",
    "id, run_id, expression, needs_eval, expires_at",
    event
  );
  let cancelled = 0;
  for (const row of rows) {
    if (row.expires_at !== null && row.expires_at <= now) continue;
    if (await cancelRun(db, row.run_id, `cancelled by event ${event.name}`, now)) cancelled++;
  }
  return cancelled;
}
