import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import type { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { adoptEngineState } from "./adopt-engine-state";
import { runsOf, startHarness, until } from "./test-support/harness";

const functions = (inngest: Inngest) => [
  inngest.createFunction({ id: "greet", triggers: [{ event: "greet/start" }] }, async ({ event, step }) => {
    const reply = await step.waitForEvent("reply", { event: "greet/reply", timeout: "1h", if: "async.data.name == event.data.name" });
    return { name: (event.data as { name: string }).name, reply: (reply?.data as { text: string }).text };
  }),
];

async function engineTables(path: string): Promise<string[]> {
  const db = createClient({ url: `file:${path}` });
  try {
    const { rows } = await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'engine%'");
    return rows.map((row) => String(row.name));
  } finally {
    db.close();
  }
}

describe("adoptEngineState", () => {
  it("moves a waiting run into the engine's own file, where the event it waits for still resumes it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "engine-adopt-"));
    const shared = join(dir, "app.db");
    const own = join(dir, "app-engine.db");

    const before = await startHarness({ appId: "adopt", dbUrl: `file:${shared}`, functions });
    await before.inngest.send({ name: "greet/start", data: { name: "Ada" } });
    await until(async () => {
      const { rows } = await before.db.execute("SELECT count(*) AS n FROM engine_waits");
      return Number(rows[0]?.n) > 0;
    }, 15_000, "the run to wait");
    await before.close();

    const adopted = await adoptEngineState(own, shared);
    expect(adopted.rows).toBeGreaterThan(0);
    expect(adopted.tables).toEqual(expect.arrayContaining(["engine_runs", "engine_waits", "engine_events", "engine_functions"]));
    expect(await engineTables(shared)).toEqual([]);

    const after = await startHarness({ appId: "adopt", dbUrl: `file:${own}`, functions });
    try {
      await after.inngest.send({ name: "greet/reply", data: { name: "Ada", text: "hello" } });
      const [run] = await until(async () => {
        const runs = await runsOf(after.db, "adopt-greet");
        return runs[0]?.status === "completed" ? runs : undefined;
      }, 15_000, "the adopted run to finish");
      expect(run?.output).toEqual({ name: "Ada", reply: "hello" });
      expect(await runsOf(after.db, "adopt-greet")).toHaveLength(1);
    } finally {
      await after.close();
    }
  });

  it("copies nothing into an engine file already in use, and nothing when there is nothing to adopt", async () => {
    const dir = mkdtempSync(join(tmpdir(), "engine-adopt-"));
    const shared = join(dir, "app.db");
    const own = join(dir, "app-engine.db");

    const previous = await startHarness({ appId: "old", dbUrl: `file:${shared}`, functions });
    await previous.close();
    const current = await startHarness({ appId: "new", dbUrl: `file:${own}`, functions });
    await current.close();

    expect(await adoptEngineState(own, shared)).toEqual({ tables: [], rows: 0 });
    // Left where they were: a file in use is never merged into.
    expect(await engineTables(shared)).toContain("engine_functions");

    const empty = join(dir, "plain.db");
    createClient({ url: `file:${empty}` }).close();
    expect(await adoptEngineState(join(dir, "plain-engine.db"), empty)).toEqual({ tables: [], rows: 0 });
    // Nothing to adopt (every start after the move) leaves the engine's file alone.
    expect(existsSync(join(dir, "plain-engine.db"))).toBe(false);
  });
});
