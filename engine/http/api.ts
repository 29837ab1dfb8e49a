/** Read models behind the `/v0/` JSON API and the runs page. */
import { all, one } from "../db";
import type { Executor } from "../interfaces";

function parse(json: string | null): unknown {
  return json === null ? null : (JSON.parse(json) as unknown);
}

export async function listEvents(db: Executor, limit: number) {
  const rows = await all<{ id: string; name: string; data_json: string; ts: number; received_at: number }>(
    db,
    "SELECT id, name, data_json, ts, received_at FROM engine_events ORDER BY received_at DESC, internal_id DESC LIMIT ?",
    [limit]
  );
  return rows.map((r) => {
    const body = parse(r.data_json) as { data?: unknown; user?: unknown };
    return { id: r.id, name: r.name, data: body.data ?? {}, ts: r.ts, receivedAt: r.received_at };
  });
}

interface RunListRow {
  id: string;
  function_id: string;
  status: string;
  event_id: string | null;
  event_json: string;
  output_json: string | null;
  error_json: string | null;
  parent_run_id: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

function runView(r: RunListRow) {
  return {
    id: r.id,
    functionId: r.function_id,
    status: r.status,
    eventId: r.event_id,
    event: parse(r.event_json),
    output: parse(r.output_json),
    error: parse(r.error_json),
    parentRunId: r.parent_run_id,
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
  };
}

export async function listRuns(db: Executor, filter: { limit: number; status?: string; functionId?: string }) {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.status) {
    where.push("status = ?");
    args.push(filter.status);
  }
  if (filter.functionId) {
    where.push("function_id = ?");
    args.push(filter.functionId);
  }
  const rows = await all<RunListRow>(
    db,
    `SELECT * FROM engine_runs ${
      where.length ? `WHERE ${where.join(" AND ")}` : ""
    } ORDER BY created_at DESC, id DESC LIMIT ?`,
    [...args, filter.limit]
  );
  return rows.map(runView);
}

export async function getRun(db: Executor, id: string) {
  const row = await one<RunListRow>(db, "SELECT * FROM engine_runs WHERE id = ?", [id]);
  if (!row) return undefined;
  const steps = await all<{
    step_id: string;
    name: string | null;
    op: string;
    status: string;
    memo_json: string | null;
    attempts: number;
    error_json: string | null;
    started_at: number | null;
    ended_at: number | null;
    detail_json: string | null;
  }>(db, "SELECT * FROM engine_steps WHERE run_id = ? ORDER BY COALESCE(memo_seq, 1e9), started_at", [id]);
  const waits = await all<{ step_id: string; event_name: string; expression: string | null; expires_at: number }>(
    db,
    "SELECT step_id, event_name, expression, expires_at FROM engine_waits WHERE run_id = ?",
    [id]
  );
  return {
    ...runView(row),
    steps: steps.map((s) => ({
      id: s.step_id,
      name: s.name,
      op: s.op,
      status: s.status,
      attempts: s.attempts,
      output: parse(s.memo_json),
      error: parse(s.error_json),
      detail: parse(s.detail_json),
      startedAt: s.started_at,
      endedAt: s.ended_at,
    })),
    waits: waits.map((w) => ({ stepId: w.step_id, event: w.event_name, if: w.expression, expiresAt: w.expires_at })),
  };
}
