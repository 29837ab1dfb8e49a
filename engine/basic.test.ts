import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneExpired } from "./transitions/prune-expired";
import { storeEvent } from "./transitions/store-event";
import { finishedRuns, runsOf, startHarness, until, type Harness } from "./test-support/harness";

let h: Harness;
const calls: string[] = [];
let slowStarted = false;

beforeAll(async () => {
  h = await startHarness({
    appId: "basic",
    functions: (inngest) => [
      inngest.createFunction({ id: "steps", triggers: [{ event: "basic/steps" }] }, async ({ event, step }) => {
        const a = await step.run("a", () => {
          calls.push("a");
          return (event.data as { n: number }).n + 1;
        });
        const b = await step.run("b", () => {
          calls.push("b");
          return a * 10;
        });
        await step.sendEvent("emit", { name: "basic/emitted", data: { b } });
        return { a, b };
      }),
      inngest.createFunction({ id: "on-emitted", triggers: [{ event: "basic/emitted" }] }, async ({ event }) => {
        return { got: (event.data as { b: number }).b };
      }),
      inngest.createFunction({ id: "parallel", triggers: [{ event: "basic/parallel" }] }, async ({ step }) => {
        const [x, y, z] = await Promise.all([
          step.run("x", () => "x"),
          step.run("y", () => "y"),
          step.run("z", () => "z"),
        ]);
        const after = await step.run("after", () => `${x}${y}${z}`);
        return after;
      }),
      inngest.createFunction({ id: "slow", triggers: [{ event: "basic/slow" }] }, async ({ step }) => {
        await step.run("slow-step", async () => {
          slowStarted = true;
          await new Promise((resolve) => setTimeout(resolve, 300));
          return "finished";
        });
        return "done";
      }),
      inngest.createFunction({ id: "echo", triggers: [{ event: "basic/echo" }] }, async ({ event }) => {
        return (event.data as { n: number }).n;
      }),
      inngest.createFunction(
        { id: "filtered", triggers: [{ event: "basic/filtered", if: "event.data.ok == true" }] },
        async () => "ran"
      ),
    ],
  });
});

afterAll(async () => {
  await h.close();
});

describe("event ingest and replay loop", () => {
  it("answers POST /e/:key with ids and status 200", async () => {
    const res = await fetch(`${h.engineUrl}/e/anykey`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([
        { name: "basic/unused", data: {} },
        { name: "basic/unused", data: {}, id: "given-id" },
      ]),
    });
    const body = (await res.json()) as { ids: string[]; status: number };
    expect(res.status).toBe(200);
    expect(body.status).toBe(200);
    expect(body.ids).toHaveLength(2);
    expect(body.ids[1]).toBe("given-id");
  });

  it("runs steps with memoization and sendEvent through the SDK client", async () => {
    await h.inngest.send({ name: "basic/steps", data: { n: 4 } });
    const [run] = await finishedRuns(h.db, "basic-steps");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ a: 5, b: 50 });
    // Each step body ran exactly once despite replays.
    expect(calls).toEqual(["a", "b"]);
    const [emitted] = await finishedRuns(h.db, "basic-on-emitted");
    expect(emitted?.output).toEqual({ got: 50 });
  });

  it("runs parallel steps as planned steps, each once", async () => {
    await h.engine.send({ name: "basic/parallel", data: {} });
    const [run] = await finishedRuns(h.db, "basic-parallel");
    expect(run?.output).toBe("xyz");
    const steps = await h.db.execute({
      sql: "SELECT step_id, attempts, status FROM engine_steps WHERE run_id = ?",
      args: [run?.id ?? ""],
    });
    expect(steps.rows).toHaveLength(4);
    for (const s of steps.rows) {
      expect(s.status).toBe("completed");
      expect(Number(s.attempts)).toBe(1);
    }
  });

  it("starts one run for duplicate event ids", async () => {
    await h.engine.send({ name: "basic/steps", id: "dup-1", data: { n: 1 } });
    await h.inngest.send({ name: "basic/steps", id: "dup-1", data: { n: 1 } });
    await h.engine.send([{ name: "basic/steps", id: "dup-1", data: { n: 1 } }]);
    await until(async () => (await runsOf(h.db, "basic-steps")).length >= 2);
    const finished = await finishedRuns(h.db, "basic-steps", 2);
    expect(finished.filter((r) => (r.output as { a: number }).a === 2)).toHaveLength(1);
    expect(await runsOf(h.db, "basic-steps")).toHaveLength(2);
  });

  it("forgets an event id 24h after it was first seen", async () => {
    const DAY = 86_400_000;
    // The window is measured from the first sighting; a duplicate does not extend it.
    const t0 = Date.now();
    const event = { id: "window-edge", name: "basic/unused", data: {}, ts: t0 };
    expect(await storeEvent(h.db, event, t0)).toBe(true);
    expect(await storeEvent(h.db, event, t0 + DAY / 2)).toBe(false);
    expect(await storeEvent(h.db, event, t0 + DAY - 1)).toBe(false);
    expect(await storeEvent(h.db, event, t0 + DAY)).toBe(true);

    // End to end through the SDK: a duplicate inside the window starts nothing ...
    await h.inngest.send({ name: "basic/echo", id: "day-old", data: { n: 1 } });
    await finishedRuns(h.db, "basic-echo");
    const seen = await h.db.execute("SELECT seen_at FROM engine_event_dedupe WHERE event_id = 'day-old'");
    const seenAt = Number(seen.rows[0]?.seen_at);
    await h.inngest.send({ name: "basic/echo", id: "day-old", data: { n: 2 } });
    expect(await runsOf(h.db, "basic-echo")).toHaveLength(1);
    // ... and once a day has passed (pruning run at that time) the same id is new again.
    await pruneExpired(h.db, seenAt + DAY - 1);
    await h.inngest.send({ name: "basic/echo", id: "day-old", data: { n: 3 } });
    expect(await runsOf(h.db, "basic-echo")).toHaveLength(1);
    await pruneExpired(h.db, seenAt + DAY);
    await h.inngest.send({ name: "basic/echo", id: "day-old", data: { n: 4 } });
    const runs = await finishedRuns(h.db, "basic-echo", 2);
    expect(runs.map((r) => r.output)).toEqual([1, 4]);
  });

  it("applies trigger expressions", async () => {
    await h.engine.send([
      { name: "basic/filtered", data: { ok: false } },
      { name: "basic/filtered", data: {} },
      { name: "basic/filtered", data: { ok: true } },
    ]);
    await finishedRuns(h.db, "basic-filtered", 1);
    expect(await runsOf(h.db, "basic-filtered")).toHaveLength(1);
  });

  it("serves the JSON API and the runs page", async () => {
    const runs = (await (await fetch(`${h.engineUrl}/v0/runs`)).json()) as {
      data: { id: string; functionId: string }[];
    };
    const parallel = runs.data.find((r) => r.functionId === "basic-parallel");
    expect(parallel).toBeDefined();
    const detail = (await (await fetch(`${h.engineUrl}/v0/runs/${parallel?.id}`)).json()) as {
      data: { status: string; steps: { status: string; attempts: number; output: unknown }[] };
    };
    expect(detail.data.status).toBe("completed");
    expect(detail.data.steps.map((s) => s.output)).toContainEqual({ data: "xyz" });
    const events = (await (await fetch(`${h.engineUrl}/v0/events`)).json()) as {
      data: { name: string; data: unknown }[];
    };
    expect(events.data.some((e) => e.name === "basic/parallel")).toBe(true);
    const page = await fetch(`${h.engineUrl}/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("/replay");
  });

  it("answers a malformed escape in the path with 400, not a server error", async () => {
    const ingest = await fetch(`${h.engineUrl}/e/%E0%A4%A`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "basic/unused", data: {} }),
    });
    expect(ingest.status).toBe(400);
    expect((await fetch(`${h.engineUrl}/v0/runs/%ZZ`)).status).toBe(400);
  });

  it("accepts an out-of-band sync at /fn/register", async () => {
    const res = await fetch(h.appUrl, { method: "PUT" });
    expect(res.status).toBe(200);
    const apps = await h.db.execute("SELECT COUNT(*) AS n FROM engine_functions");
    expect(Number(apps.rows[0]?.n)).toBe(6);
  });

  it("stops gracefully: the in-flight call finishes and is memoized", async () => {
    await h.engine.send({ name: "basic/slow", data: {} });
    await until(() => slowStarted);
    await h.engine.stop();
    const step = await h.db.execute("SELECT status, memo_json FROM engine_steps WHERE name = 'slow-step'");
    expect(step.rows[0]?.status).toBe("completed");
    expect(JSON.parse(String(step.rows[0]?.memo_json))).toEqual({ data: "finished" });
    expect((await runsOf(h.db, "basic-slow"))[0]?.status).toBe("running");
    await h.engine.start();
    const [run] = await finishedRuns(h.db, "basic-slow");
    expect(run?.output).toBe("done");
  });
});
