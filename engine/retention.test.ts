import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, until, type Harness } from "./test-support/harness";
import { pruneHistory } from "./transitions/prune-expired";

// History (finished runs, their steps, events) is kept for a retention
// period, then pruned; anything still running is never touched.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    appId: "retention",
    functions: (inngest) => [
      inngest.createFunction({ id: "two-steps", triggers: [{ event: "retention/go" }] }, async ({ step }) => {
        await step.run("one", () => 1);
        await step.run("two", () => 2);
        return "done";
      }),
      inngest.createFunction({ id: "waits", triggers: [{ event: "retention/wait" }] }, async ({ step }) => {
        await step.waitForEvent("reply", { event: "retention/never", timeout: "30d" });
      }),
    ],
  });
});
afterAll(() => h.close());

const DAY = 86_400_000;
const count = async (sql: string, args: string[] = []) => Number((await h.db.execute({ sql, args })).rows[0]?.n);

describe("history retention", () => {
  it("prunes finished runs, their steps and old events after the retention period, never a live run", async () => {
    await h.inngest.send([{ name: "retention/go", data: {} }, { name: "retention/wait", data: {} }]);
    const done = await until(async () => {
      const rs = await h.db.execute("SELECT id, ended_at FROM engine_runs WHERE function_id = 'retention-two-steps' AND status = 'completed'");
      return rs.rows[0] ? { id: String(rs.rows[0].id), endedAt: Number(rs.rows[0].ended_at) } : undefined;
    });
    await until(async () => (await count("SELECT COUNT(*) AS n FROM engine_waits")) === 1);
    expect(await count("SELECT COUNT(*) AS n FROM engine_steps WHERE run_id = ?", [done.id])).toBe(2);

    // Not yet: a day short of the retention period.
    expect(await pruneHistory(h.db, 7 * DAY, 500, done.endedAt + 6 * DAY)).toBe(0);
    // After it: the run, its steps and the events go; the parked run stays, wait and all.
    expect(await pruneHistory(h.db, 7 * DAY, 500, Date.now() + 8 * DAY)).toBeGreaterThan(0);
    expect(await count("SELECT COUNT(*) AS n FROM engine_runs WHERE id = ?", [done.id])).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM engine_steps WHERE run_id = ?", [done.id])).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM engine_events")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM engine_runs WHERE function_id = 'retention-waits' AND status = 'running'")).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM engine_waits")).toBe(1);
  });

  it("deletes a batch at a time", async () => {
    await h.inngest.send(Array.from({ length: 5 }, () => ({ name: "retention/go", data: {} })));
    await until(async () => (await count("SELECT COUNT(*) AS n FROM engine_runs WHERE function_id = 'retention-two-steps' AND status = 'completed'")) === 5);
    await pruneHistory(h.db, DAY, 2, Date.now() + 2 * DAY);
    expect(await count("SELECT COUNT(*) AS n FROM engine_runs WHERE function_id = 'retention-two-steps'")).toBe(3);
  });
});
