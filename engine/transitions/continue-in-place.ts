/**
 * continue-in-place: the fast path for a run's sequential steps. A discovery
 * call answered with exactly one finished step: memoize it and turn the same
 * (still claimed) queue item into the run's next discovery call, due now, in
 * one short batch. Equivalent to taking the item, memoizing the step and
 * queueing a discovery call, without a new row to find and claim.
 */
import type { Client } from "@libsql/client";
import { one, writeBatch, writeOne } from "../db";
import type { QueueItem } from "../interfaces";
import { memoStatement, type MemoizeInput } from "./complete-step";

export type InPlaceOutcome = "continued" | "run-ended" | "already-memoized";

/**
 * `ownCheckpoint`: this call stored steps through checkpoints, so a step it
 * answers with that is saved already is one of its own, sent again because
 * the checkpoint's answer never reached the SDK, and the run goes on from it.
 */
export async function continueInPlace(client: Client, item: QueueItem, step: MemoizeInput, now = Date.now(), ownCheckpoint = false): Promise<InPlaceOutcome> {
  // Only while the item exists: a run that ended took its queue items with it.
  const memo = memoStatement(step, now, { sql: "EXISTS (SELECT 1 FROM engine_queue WHERE id = ?)", args: [item.id] });
  let memoized: boolean;
  if (item.step_id === null && item.attempt === 0 && item.payload_json === "{}") {
    // Already a plain discovery call: the item needs no change, so one statement does it.
    memoized = (await writeOne(client, memo.sql, memo.args)) > 0;
  } else {
    const [, written] = await writeBatch(client, [
      { sql: "UPDATE engine_queue SET step_id = NULL, attempt = 0, run_at = ?, payload_json = '{}' WHERE id = ?", args: [now, item.id] },
      memo,
    ]);
    memoized = (written?.rowsAffected ?? 0) > 0;
  }
  if (memoized) return "continued";
  if (!(await one(client, "SELECT 1 AS found FROM engine_queue WHERE id = ?", [item.id]))) return "run-ended";
  if (ownCheckpoint) {
    await writeOne(client, "UPDATE engine_queue SET step_id = NULL, attempt = 0, run_at = ?, payload_json = '{}' WHERE id = ?", [now, item.id]);
    return "continued";
  }
  // A duplicate answer for a step memoized before: nothing follows from it.
  await writeOne(client, "DELETE FROM engine_queue WHERE id = ?", [item.id]);
  return "already-memoized";
}
