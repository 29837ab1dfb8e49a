import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishedRuns, runsOf, startHarness, until, type Harness } from "./test-support/harness";

let h: Harness;
const active = new Map<string, number>();
const maxActive = new Map<string, number>();
let globalActive = 0;
let globalMax = 0;
const throttledStarts: number[] = [];
const cronEvents: { name: string; cron: unknown }[] = [];
// Shared-limit test: who is executing, per account (across two functions) and per function.
const accountActive = new Map<string, number>();
const accountMax = new Map<string, number>();
const fnActive = new Map<string, number>();
const fnMax = new Map<string, number>();
let sharedActive = 0;
let sharedMax = 0;

function bump(map: Map<string, number>, max: Map<string, number>, key: string, by: number) {
  const n = (map.get(key) ?? 0) + by;
  map.set(key, n);
  max.set(key, Math.max(max.get(key) ?? 0, n));
}

async function sharedWork(fn: string, account: string) {
  bump(accountActive, accountMax, account, 1);
  bump(fnActive, fnMax, fn, 1);
  sharedMax = Math.max(sharedMax, ++sharedActive);
  // Hold the slot until three calls overlapped once (bounded), so the test
  // sees that the limits are per key and per function, not one global lock.
  const deadline = Date.now() + 3000;
  while (sharedMax < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, 30));
  bump(accountActive, accountMax, account, -1);
  bump(fnActive, fnMax, fn, -1);
  sharedActive--;
}

function enter(user: string) {
  const n = (active.get(user) ?? 0) + 1;
  active.set(user, n);
  maxActive.set(user, Math.max(maxActive.get(user) ?? 0, n));
  globalActive++;
  globalMax = Math.max(globalMax, globalActive);
}
function leave(user: string) {
  active.set(user, (active.get(user) ?? 1) - 1);
  globalActive--;
}

beforeAll(async () => {
  h = await startHarness({
    appId: "flow",
    functions: (inngest) => [
      inngest.createFunction(
        { id: "per-user", concurrency: { limit: 2, key: "event.data.user" }, triggers: [{ event: "flow/work" }] },
        async ({ event, step }) => {
          const user = (event.data as { user: string }).user;
          for (const part of ["one", "two"]) {
            await step.run(part, async () => {
              enter(user);
              await new Promise((resolve) => setTimeout(resolve, 60));
              // Hold the slot until calls of both keys overlapped once (bounded),
              // so the test does not depend on machine load to see parallelism.
              const deadline = Date.now() + 3000;
              while (globalMax <= 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
              leave(user);
            });
          }
          return user;
        }
      ),
      inngest.createFunction(
        { id: "single-slot", concurrency: 1, triggers: [{ event: "flow/single" }] },
        async ({ event, step }) => {
          const data = event.data as { park: boolean };
          if (data.park) await step.waitForEvent("hold", { event: "flow/release", timeout: "1m" });
          return await step.run("work", () => "done");
        }
      ),
      inngest.createFunction(
        { id: "throttled", throttle: { limit: 1, period: "1s" }, triggers: [{ event: "flow/throttle" }] },
        async ({ step }) => step.run("start", () => throttledStarts.push(Date.now()))
      ),
      inngest.createFunction(
        {
          id: "rate-limited",
          rateLimit: { limit: 1, period: "1m", key: "event.data.key" },
          triggers: [{ event: "flow/rate" }],
        },
        async ({ event }) => (event.data as { key: string }).key
      ),
      inngest.createFunction(
        { id: "debounced", debounce: { period: "1s" }, triggers: [{ event: "flow/debounce" }] },
        async ({ event }) => (event.data as { n: number }).n
      ),
      inngest.createFunction(
        { id: "debounce-capped", debounce: { period: "1s", timeout: "2s" }, triggers: [{ event: "flow/typing" }] },
        async ({ event }) => (event.data as { n: number }).n
      ),
      // Both functions share one limit per account (scope "env"); the first
      // also has its own function-wide limit (an array of limits).
      inngest.createFunction(
        {
          id: "shared-a",
          concurrency: [{ limit: 2 }, { limit: 1, scope: "env", key: "event.data.account" }],
          triggers: [{ event: "flow/shared-a" }],
        },
        async ({ event, step }) => {
          await step.run("work", () => sharedWork("a", (event.data as { account: string }).account));
          return "a";
        }
      ),
      inngest.createFunction(
        {
          id: "shared-b",
          concurrency: { limit: 1, scope: "env", key: "event.data.account" },
          triggers: [{ event: "flow/shared-b" }],
        },
        async ({ event, step }) => {
          await step.run("work", () => sharedWork("b", (event.data as { account: string }).account));
          return "b";
        }
      ),
      inngest.createFunction(
        { id: "idempotent", idempotency: "event.data.orderId", triggers: [{ event: "flow/order" }] },
        async ({ event }) => (event.data as { orderId: string }).orderId
      ),
      inngest.createFunction(
        { id: "finish-timeout", timeouts: { finish: "1s" }, triggers: [{ event: "flow/finish-timeout" }] },
        async ({ step }) => {
          await step.sleep("long", "1h");
          return "never";
        }
      ),
      inngest.createFunction(
        {
          id: "start-timeout",
          throttle: { limit: 1, period: "5s" },
          timeouts: { start: "1s" },
          triggers: [{ event: "flow/start-timeout" }],
        },
        async () => "started"
      ),
      inngest.createFunction({ id: "ticker", triggers: [{ cron: "* * * * * *" }] }, async ({ event }) => {
        cronEvents.push({ name: event.name, cron: (event.data as { cron: unknown }).cron });
        return "tick";
      }),
    ],
  });
});

afterAll(async () => {
  await h.close();
});

describe("flow control", () => {
  it("never runs more than 2 calls per user key at once", async () => {
    const events = Array.from({ length: 10 }, (_, i) => ({
      name: "flow/work",
      data: { user: i % 2 === 0 ? "alice" : "bob" },
    }));
    await h.engine.send(events);
    const runs = await finishedRuns(h.db, "flow-per-user", 10, 30_000);
    expect(runs.every((r) => r.status === "completed")).toBe(true);
    expect(maxActive.get("alice")).toBeLessThanOrEqual(2);
    expect(maxActive.get("bob")).toBeLessThanOrEqual(2);
    // Keys are independent: more than 2 calls overlapped across users.
    expect(globalMax).toBeGreaterThan(2);
  });

  it("does not count runs parked in a wait against the limit", async () => {
    await h.engine.send({ name: "flow/single", data: { park: true } });
    await until(async () => {
      const rs = await h.db.execute(
        "SELECT COUNT(*) AS n FROM engine_waits w JOIN engine_runs r ON r.id = w.run_id WHERE r.function_id = 'flow-single-slot'"
      );
      return Number(rs.rows[0]?.n) === 1;
    });
    await h.engine.send({ name: "flow/single", data: { park: false } });
    await until(async () => (await runsOf(h.db, "flow-single-slot")).some((r) => r.status === "completed"));
    const runs = await runsOf(h.db, "flow-single-slot");
    expect(runs.map((r) => r.status).sort()).toEqual(["completed", "running"]);
    await h.engine.send({ name: "flow/release", data: {} });
    await finishedRuns(h.db, "flow-single-slot", 2);
  });

  it("throttles by delaying starts", async () => {
    await h.engine.send([1, 2, 3].map((n) => ({ name: "flow/throttle", data: { n } })));
    const runs = await finishedRuns(h.db, "flow-throttled", 3);
    const firstScheduled = Math.min(...runs.map((r) => r.created_at));
    const [, second, third] = [...throttledStarts].sort((x, y) => x - y) as [number, number, number];
    // limit 1 per 1s: the n-th run cannot start before n periods after the first was scheduled.
    expect(second - firstScheduled).toBeGreaterThanOrEqual(1000);
    expect(third - firstScheduled).toBeGreaterThanOrEqual(2000);
  });

  it("rate limits by dropping events per key", async () => {
    await h.engine.send([
      { name: "flow/rate", data: { key: "k1" } },
      { name: "flow/rate", data: { key: "k1" } },
      { name: "flow/rate", data: { key: "k2" } },
    ]);
    const runs = await finishedRuns(h.db, "flow-rate-limited", 2);
    expect(runs.map((r) => r.output).sort()).toEqual(["k1", "k2"]);
    expect(await runsOf(h.db, "flow-rate-limited")).toHaveLength(2);
  });

  it("debounces to one run with the last event", async () => {
    await h.engine.send({ name: "flow/debounce", data: { n: 1 } });
    await h.engine.send({ name: "flow/debounce", data: { n: 2 } });
    await h.engine.send({ name: "flow/debounce", data: { n: 3 } });
    const [run] = await finishedRuns(h.db, "flow-debounced");
    expect(run?.output).toBe(3);
    expect(await runsOf(h.db, "flow-debounced")).toHaveLength(1);
  });

  it("debounce `timeout` caps how long new events can push the run back", async () => {
    // An event every 200ms would push a 1s debounce back forever; the 2s
    // timeout starts a run anyway, with the latest event at that moment.
    const first = Date.now();
    let n = 0;
    while ((await runsOf(h.db, "flow-debounce-capped")).length === 0) {
      if (Date.now() - first > 6000) throw new Error("the debounce timeout never started a run");
      await h.engine.send({ name: "flow/typing", data: { n: ++n } });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const [capped] = await finishedRuns(h.db, "flow-debounce-capped");
    const firedAt = capped?.created_at ?? 0;
    expect(capped?.status).toBe("completed");
    expect(firedAt - first).toBeGreaterThanOrEqual(2000);
    // Without the cap no run would start while events keep coming (the loop
    // gives up at 6 s); the bound leaves room for a busy machine.
    expect(firedAt - first).toBeLessThan(5000);
    // Its input is the latest event received before it started.
    const around = await h.db.execute({
      sql: `SELECT MAX(CASE WHEN received_at < ? THEN json_extract(data_json, '$.data.n') END) AS before,
                   MIN(CASE WHEN received_at > ? THEN json_extract(data_json, '$.data.n') END) AS after
            FROM engine_events WHERE name = 'flow/typing'`,
      args: [firedAt, firedAt],
    });
    const output = capped?.output as number;
    expect(output).toBeGreaterThanOrEqual(Number(around.rows[0]?.before));
    if (around.rows[0]?.after !== null) expect(output).toBeLessThan(Number(around.rows[0]?.after));
    expect(output).toBeGreaterThan(1);
    // A later event opens a new debounce window of its own.
    await h.engine.send({ name: "flow/typing", data: { n: ++n } });
    const runs = await finishedRuns(h.db, "flow-debounce-capped", 2);
    expect(runs).toHaveLength(2);
    expect(runs[1]?.output).toBe(n);
  });

  it("shares a scoped concurrency key across functions and applies every limit of an array", async () => {
    const accounts = ["x", "y", "z"];
    await h.engine.send([
      ...accounts.flatMap((account) => [0, 1].map(() => ({ name: "flow/shared-a", data: { account } }))),
      ...accounts.flatMap((account) => [0, 1].map(() => ({ name: "flow/shared-b", data: { account } }))),
    ]);
    await finishedRuns(h.db, "flow-shared-a", 6, 30_000);
    await finishedRuns(h.db, "flow-shared-b", 6, 30_000);
    // One call per account at a time, whichever function it belongs to ...
    for (const account of accounts) expect(accountMax.get(account)).toBe(1);
    // ... and never more than two of the first function, though three accounts were free.
    expect(fnMax.get("a")).toBeLessThanOrEqual(2);
    // Different accounts did run side by side.
    expect(sharedMax).toBeGreaterThanOrEqual(3);
  });

  it("applies the idempotency key", async () => {
    await h.engine.send([
      { name: "flow/order", data: { orderId: "o1" } },
      { name: "flow/order", data: { orderId: "o1" } },
      { name: "flow/order", data: { orderId: "o2" } },
    ]);
    const runs = await finishedRuns(h.db, "flow-idempotent", 2);
    expect(runs.map((r) => r.output).sort()).toEqual(["o1", "o2"]);
    expect(await runsOf(h.db, "flow-idempotent")).toHaveLength(2);
  });

  it("cancels runs that exceed their finish or start timeout", async () => {
    await h.engine.send({ name: "flow/finish-timeout", data: {} });
    const [finish] = await finishedRuns(h.db, "flow-finish-timeout");
    expect(finish?.status).toBe("cancelled");
    await h.engine.send([
      { name: "flow/start-timeout", data: {} },
      { name: "flow/start-timeout", data: {} },
    ]);
    const runs = await finishedRuns(h.db, "flow-start-timeout", 2);
    expect(runs.map((r) => r.status).sort()).toEqual(["cancelled", "completed"]);
  });

  it("fires cron triggers with inngest/scheduled.timer", async () => {
    await finishedRuns(h.db, "flow-ticker", 1, 5_000);
    expect(cronEvents[0]).toEqual({ name: "inngest/scheduled.timer", cron: "* * * * * *" });
  });
});
