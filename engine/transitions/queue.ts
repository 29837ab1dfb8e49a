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

/**
 * Enqueues the next discovery call of a run (no stepId) unless one is already
 * waiting, so two completions never make two calls race on the same run.
 */
export async function enqueueDiscovery(db: Executor, runId: string, runAt = Date.now()): Promise<void> {
  const existing = await one<{ id: number }>(
    db,
    `SELECT id FROM engine_queue WHERE run_id = ? AND kind = 'call' AND step_id IS NULL AND locked_by IS NULL`,
    [runId]
  );
  if (existing) return;
  await enqueue(db, { kind: "call", runId, runAt });
}

export async function deleteItem(db: Executor, id: number): Promise<void> {
  await run(db, "DELETE FROM engine_queue WHERE id = ?", [id]);
}

export async function dueItems(db: Executor, now: number, limit: number, offset = 0): Promise<QueueItem[]> {
  return all<QueueItem>(
    db,
    `SELECT id, kind, run_id, step_id, attempt, run_at, payload_json FROM engine_queue
     WHERE locked_by IS NULL AND run_at <= ? ORDER BY run_at, id LIMIT ? OFFSET ?`,
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
