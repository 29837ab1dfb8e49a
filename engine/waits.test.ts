import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractWaitIndex, substituteEvent } from "./cel";
import { countWaits, finishedRuns, runsOf, startHarness, until, type Harness } from "./test-support/harness";

let h: Harness;

async function waitsOfRun(runId: string): Promise<number> {
  const rs = await h.db.execute({ sql: "SELECT COUNT(*) AS n FROM engine_waits WHERE run_id = ?", args: [runId] });
  return Number(rs.rows[0]?.n ?? 0);
}

async function parkedRun(functionId: string, index = 0): Promise<string> {
  return until(
    async () => {
      const run = (await runsOf(h.db, functionId))[index];
      return run && (await waitsOfRun(run.id)) > 0 ? run.id : undefined;
    },
    15_000,
    `a parked run of ${functionId}`
  );
}

beforeAll(async () => {
  h = await startHarness({
    appId: "waits",
    functions: (inngest) => [
      inngest.createFunction({ id: "chat", triggers: [{ event: "chat/start" }] }, async ({ event, step }) => {
        const answers: string[] = [];
        for (let i = 0; i < 3; i++) {
          const reply = await step.waitForEvent(`reply-${i}`, {
            event: "chat/reply",
            timeout: "1m",
            if: "async.data.chatId == event.data.chatId",
          });
          answers.push((reply?.data as { text: string }).text);
        }
        return { chatId: (event.data as { chatId: string }).chatId, answers };
      }),
      inngest.createFunction({ id: "short-wait", triggers: [{ event: "wait/short" }] }, async ({ step }) => {
        const got = await step.waitForEvent("never", { event: "wait/never", timeout: "1s" });
        return { got };
      }),
      inngest.createFunction({ id: "match-wait", triggers: [{ event: "wait/match" }] }, async ({ step }) => {
        const got = await step.waitForEvent("m", { event: "wait/match-answer", timeout: "1m", match: "data.orderId" });
        return { orderId: (got?.data as { orderId: number }).orderId, note: (got?.data as { note: string }).note };
      }),
      inngest.createFunction({ id: "expr-wait", triggers: [{ event: "wait/expr" }] }, async ({ step }) => {
        const got = await step.waitForEvent("e", {
          event: "wait/expr-answer",
          timeout: "1m",
          if: "async.data.score > 10 && async.data.user == event.data.user",
        });
        return { score: (got?.data as { score: number }).score };
      }),
      inngest.createFunction({ id: "sleeper", triggers: [{ event: "sleep/start" }] }, async ({ step }) => {
        const before = await step.run("before", () => Date.now());
        await step.sleep("nap", "1s");
        const after = await step.run("after", () => Date.now());
        await step.sleepUntil("until", new Date(Date.now() + 100));
        return { slept: after - before };
      }),
      inngest.createFunction(
        {
          id: "cancellable",
          triggers: [{ event: "cancel/start" }],
          cancelOn: [{ event: "cancel/stop", if: "async.data.id == event.data.id", timeout: "1m" }],
        },
        async ({ step }) => {
          await step.waitForEvent("forever", { event: "cancel/never", timeout: "1h" });
          return "not cancelled";
        }
      ),
    ],
  });
});

afterAll(async () => {
  await h.close();
});

describe("waitForEvent", () => {
  it("resumes a loop of three waits in one run, only for its own chat", async () => {
    await h.engine.send([
      { name: "chat/start", data: { chatId: "c1" } },
      { name: "chat/start", data: { chatId: "c2" } },
    ]);
    const first = await parkedRun("waits-chat", 0);
    const second = await parkedRun("waits-chat", 1);
    for (let i = 0; i < 3; i++) {
      // Wait until both runs are parked on wait i before answering it.
      await until(async () => (await waitsOfRun(first)) === 1 && (await waitsOfRun(second)) === 1);
      await until(async () => {
        const rs = await h.db.execute({
          sql: "SELECT COUNT(*) AS n FROM engine_waits WHERE step_id IN (SELECT step_id FROM engine_steps WHERE name = ?)",
          args: [`reply-${i}`],
        });
        return Number(rs.rows[0]?.n) === 2;
      });
      await h.engine.send({ name: "chat/reply", data: { chatId: "c1", text: `one-${i}` } });
      await h.engine.send({ name: "chat/reply", data: { chatId: "c2", text: `two-${i}` } });
    }
    const runs = await finishedRuns(h.db, "waits-chat", 2);
    const outputs = runs.map((r) => r.output);
    expect(outputs).toContainEqual({ chatId: "c1", answers: ["one-0", "one-1", "one-2"] });
    expect(outputs).toContainEqual({ chatId: "c2", answers: ["two-0", "two-1", "two-2"] });
  });

  it("indexes the wait by the substituted literal", async () => {
    expect(
      extractWaitIndex(substituteEvent("async.data.chatId == event.data.chatId", { data: { chatId: "c9" } }))
    ).toEqual({
      key: "data.chatId",
      value: '"c9"',
      needsEval: false,
    });
    expect(extractWaitIndex("async.data.n > 3")).toBeUndefined();
    expect(substituteEvent("async.data.x == event.data.missing", { data: {} })).toBe("async.data.x == null");
  });

  it("resolves to null when the wait times out", async () => {
    await h.engine.send({ name: "wait/short", data: {} });
    const [run] = await finishedRuns(h.db, "waits-short-wait");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ got: null });
  });

  it("ignores events whose `if` does not match (and ones missing the field), then takes the match", async () => {
    await h.engine.send({ name: "wait/match", data: { orderId: 7 } });
    const runId = await parkedRun("waits-match-wait");
    await h.engine.send({ name: "wait/match-answer", data: { orderId: 8, note: "wrong" } });
    await h.engine.send({ name: "wait/match-answer", data: { note: "no id" } });
    await h.engine.send({ name: "wait/expr", data: { user: "u1" } });
    const exprRun = await parkedRun("waits-expr-wait");
    await h.engine.send({ name: "wait/expr-answer", data: { user: "u1", score: 3 } });
    await h.engine.send({ name: "wait/expr-answer", data: { user: "u2", score: 30 } });
    await h.engine.send({ name: "wait/expr-answer", data: { score: 50 } });
    // The non-matching events were routed and dropped: both runs are still parked.
    expect(await waitsOfRun(runId)).toBe(1);
    expect(await waitsOfRun(exprRun)).toBe(1);
    expect((await runsOf(h.db, "waits-match-wait"))[0]?.status).toBe("running");
    await h.engine.send({ name: "wait/match-answer", data: { orderId: 7, note: "right" } });
    await h.engine.send({ name: "wait/expr-answer", data: { user: "u1", score: 11 } });
    const [run] = await finishedRuns(h.db, "waits-match-wait");
    expect(run?.output).toEqual({ orderId: 7, note: "right" });
    const [expr] = await finishedRuns(h.db, "waits-expr-wait");
    expect(expr?.output).toEqual({ score: 11 });
  });

  it("misses an event sent before the wait was registered (Inngest semantics)", async () => {
    await h.engine.send({ name: "wait/match-answer", data: { orderId: 99, note: "early" } });
    await h.engine.send({ name: "wait/match", data: { orderId: 99 } });
    const runId = await parkedRun("waits-match-wait", 1);
    expect(await waitsOfRun(runId)).toBe(1);
    await h.engine.send({ name: "wait/match-answer", data: { orderId: 99, note: "late" } });
    const runs = await finishedRuns(h.db, "waits-match-wait", 2);
    expect(runs.find((r) => r.id === runId)?.output).toEqual({ orderId: 99, note: "late" });
  });
});

describe("sleep and cancellation", () => {
  it("sleeps without holding anything and wakes after the duration", async () => {
    await h.engine.send({ name: "sleep/start", data: {} });
    const [run] = await finishedRuns(h.db, "waits-sleeper");
    expect(run?.status).toBe("completed");
    expect((run?.output as { slept: number }).slept).toBeGreaterThanOrEqual(1000);
  });

  it("cancels a run on a matching cancel event only", async () => {
    await h.engine.send([
      { name: "cancel/start", data: { id: "a" } },
      { name: "cancel/start", data: { id: "b" } },
    ]);
    await parkedRun("waits-cancellable", 0);
    await parkedRun("waits-cancellable", 1);
    // The cancel listeners are indexed by the substituted literal, like waits.
    const listeners = await h.db.execute("SELECT index_key, index_value FROM engine_cancels ORDER BY index_value");
    expect(listeners.rows.map((r) => [r.index_key, r.index_value])).toEqual([
      ["data.id", '"a"'],
      ["data.id", '"b"'],
    ]);
    await h.engine.send({ name: "cancel/stop", data: { id: "a" } });
    const [cancelled] = await finishedRuns(h.db, "waits-cancellable", 1);
    expect(cancelled?.status).toBe("cancelled");
    const runs = await runsOf(h.db, "waits-cancellable");
    const other = runs.find((r) => r.id !== cancelled?.id);
    expect(other?.status).toBe("running");
    expect(await countWaits(h.db)).toBeGreaterThanOrEqual(1);
  });
});
