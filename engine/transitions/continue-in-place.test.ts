import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@libsql/client";
import { migrateEngine } from "../migrations";
import { openEngineClient } from "../open-client";
import { tempDbUrl } from "../test-support/harness";
import type { QueueItem } from "../interfaces";
import { continueInPlace } from "./continue-in-place";

let db: Client;
beforeAll(async () => {
  db = await openEngineClient({ url: tempDbUrl("continue-in-place") });
  await migrateEngine(db);
});
afterAll(() => db.close());

async function claimedItem(runId: string, fields: Partial<QueueItem> = {}): Promise<QueueItem> {
  const rs = await db.execute({
    sql: "INSERT INTO engine_queue (kind, run_id, step_id, attempt, run_at, payload_json, locked_by, created_at) VALUES ('call', ?, ?, ?, 0, ?, 'worker', 0)",
    args: [runId, fields.step_id ?? null, fields.attempt ?? 0, fields.payload_json ?? "{}"],
  });
  return { id: Number(rs.lastInsertRowid), kind: "call", run_id: runId, step_id: fields.step_id ?? null, attempt: fields.attempt ?? 0, run_at: 0, payload_json: fields.payload_json ?? "{}" };
}
const step = (runId: string, stepId: string) => ({ runId, stepId, op: "StepRun", name: stepId, memo: { data: stepId }, countsAttempt: true });
const memos = async (runId: string) => (await db.execute({ sql: "SELECT step_id, memo_seq FROM engine_steps WHERE run_id = ? ORDER BY memo_seq", args: [runId] })).rows.map((r) => [r.step_id, Number(r.memo_seq)]);
const queued = async (runId: string) => (await db.execute({ sql: "SELECT step_id, attempt, payload_json FROM engine_queue WHERE run_id = ?", args: [runId] })).rows.map((r) => ({ ...r }));

describe("continue-in-place", () => {
  it("memoizes the step and keeps the item as the run's next discovery call", async () => {
    const item = await claimedItem("run-a");
    expect(await continueInPlace(db, item, step("run-a", "s1"))).toBe("continued");
    expect(await continueInPlace(db, item, step("run-a", "s2"))).toBe("continued");
    expect(await memos("run-a")).toEqual([["s1", 1], ["s2", 2]]);
    expect(await queued("run-a")).toEqual([{ step_id: null, attempt: 0, payload_json: "{}" }]);
  });

  it("turns a retried or planned call into a plain discovery call", async () => {
    const item = await claimedItem("run-b", { attempt: 2, payload_json: '{"planned":true}' });
    expect(await continueInPlace(db, item, step("run-b", "s1"))).toBe("continued");
    expect(await queued("run-b")).toEqual([{ step_id: null, attempt: 0, payload_json: "{}" }]);
  });

  it("writes nothing for a run that ended meanwhile (its items are gone)", async () => {
    const item = await claimedItem("run-c");
    await db.execute({ sql: "DELETE FROM engine_queue WHERE id = ?", args: [item.id] });
    expect(await continueInPlace(db, item, step("run-c", "s1"))).toBe("run-ended");
    expect(await memos("run-c")).toEqual([]);
  });

  it("drops the item when the step was memoized before (a duplicate answer)", async () => {
    const item = await claimedItem("run-d");
    expect(await continueInPlace(db, item, step("run-d", "s1"))).toBe("continued");
    expect(await continueInPlace(db, item, step("run-d", "s1"))).toBe("already-memoized");
    expect(await memos("run-d")).toEqual([["s1", 1]]);
    expect(await queued("run-d")).toEqual([]);
  });
});
