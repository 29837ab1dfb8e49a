/** Queue items: every piece of future work (calls, timers, cron ticks) is a row. */
import { all, one, run } from "../db";
import type { Executor, QueueItem, QueueKind } from "../interfaces";

export interface EnqueueInput {
  kind: QueueKind;
  runId?: string | null;
  stepId?: string | null;
  attempt?: number;
  runAt: number;
  payload?: Record<string, unknown>;
}

export async function enqueue(db: Executor, input: EnqueueInput): Promise<number> {
  const rs = await db.execute({
    sql: `INSERT INTO engine_queue (kind, run_id, step_id, attempt, run_at, payload_json, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)`,
    args: [
      input.kind,
      input.runId ?? null,
      input.stepId ?? null,
      input.attempt ?? 0,
      input.runAt,
      JSON.stringify(input.payload ?? {}),
      Date.now(),
    ],
  });
  return Number(rs.lastInsertRowid ?? 0);
}

/** Removes an item being processed; false when it was already gone (its run ended). */
export async function takeItem(db: Executor, id: number): Promise<boolean> {
  return (await run(db, "DELETE FROM engine_queue WHERE id = ?", [id])) > 0;
}

export async function deleteItem(db: Executor, id: number): Promise<void> {
  await run(db, "DELETE FROM engine_queue WHERE id = ?", [id]);
}

/** Due items, each with its run's concurrency slots (so claiming needs no second read). */
export async function dueItems(
  db: Executor,
  now: number,
  limit: number,
  offset = 0
): Promise<(QueueItem & { concurrency_json: string | null })[]> {
  return all<QueueItem & { concurrency_json: string | null }>(
    db,
    `SELECT q.id, q.kind, q.run_id, q.step_id, q.attempt, q.run_at, q.payload_json, r.concurrency_json
     FROM engine_queue q LEFT JOIN engine_runs r ON r.id = q.run_id
     WHERE q.locked_by IS NULL AND q.run_at <= ? ORDER BY q.run_at, q.id LIMIT ? OFFSET ?`,
    [now, limit, offset]
  );
}

export async function nextDueAt(db: Executor): Promise<number | undefined> {
  const row = await one<{ at: number | null }>(
    db,
    "SELECT MIN(run_at) AS at FROM engine_queue WHERE locked_by IS NULL"
  );
  return row?.at ?? undefined;
}
