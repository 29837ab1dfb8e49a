import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractWaitIndex, substituteEvent } from "./cel";
import { countWaits, finishedRuns, runsOf, startHarness, until, type Harness } from "./test-support/harness";

let h: Harness;
const warnings: { message: string; extra?: Record<string, unknown> }[] = [];

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
    engine: {
      logger: {
        info: () => undefined,
        warn: (message, extra) => warnings.push({ message, ...(extra ? { extra } : {}) }),
        error: () => undefined,
      },
    },
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
      inngest.createFunction({ id: "sleep-until", triggers: [{ event: "sleep/until" }] }, async ({ event, step }) => {
        await step.sleepUntil("until", (event.data as { at: string }).at);
        return step.run("woke", () => Date.now());
      }),
      inngest.createFunction(
        { id: "bad-if", triggers: [{ event: "wait/bad-if" }], onFailure: async () => "noticed" },
        async ({ step }) => {
          await step.run("before", () => "ok");
          // `===` is not CEL: this expression can never be evaluated.
          await step.waitForEvent("broken", { event: "wait/bad-answer", timeout: "1m", if: "async.data.id === 1" });
          return "unreachable";
        }
      ),
      inngest.createFunction(
        {
          id: "cancel-window",
          triggers: [{ event: "cancel/window" }],
          cancelOn: [{ event: "cancel/window-stop", if: "async.data.id == event.data.id", timeout: "1s" }],
        },
        async ({ step }) => {
          await step.waitForEvent("hold", {
            event: "cancel/window-release",
            timeout: "1m",
            if: "async.data.id == event.data.id",
          });
          return "finished";
        }
      ),
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
    // Memoized in the shape the SDK's memo parser tries first.
    const memo = await h.db.execute({ sql: "SELECT memo_json FROM engine_steps WHERE run_id = ? AND name = 'never'", args: [run?.id ?? ""] });
    expect(JSON.parse(String(memo.rows[0]?.memo_json))).toEqual({ data: null });
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

describe("sleepUntil, cancelOn timeout and expressions that do not compile", () => {
  it("sleepUntil resumes the run at (not before) the given date", async () => {
    const at = new Date(Date.now() + 1500).toISOString();
    await h.engine.send({ name: "sleep/until", data: { at } });
    const [run] = await finishedRuns(h.db, "waits-sleep-until");
    expect(run?.status).toBe("completed");
    expect(run?.output as number).toBeGreaterThanOrEqual(Date.parse(at));
    const sleep = await h.db.execute({
      sql: "SELECT op, detail_json FROM engine_steps WHERE run_id = ? AND name = 'until'",
      args: [run?.id ?? ""],
    });
    expect(sleep.rows[0]?.op).toBe("Sleep");
    expect((JSON.parse(String(sleep.rows[0]?.detail_json)) as { wakeAt: number }).wakeAt).toBe(Date.parse(at));
  });

  it("sleepUntil a date in the past resumes at once", async () => {
    const sentAt = Date.now();
    await h.engine.send({ name: "sleep/until", data: { at: new Date(sentAt - 60_000).toISOString() } });
    const runs = await finishedRuns(h.db, "waits-sleep-until", 2);
    const run = runs.find((r) => r.created_at >= sentAt);
    expect(run?.status).toBe("completed");
    expect((run?.ended_at ?? 0) - sentAt).toBeLessThan(1000);
  });

  it("ignores a cancel event that arrives after the cancelOn timeout", async () => {
    await h.engine.send([
      { name: "cancel/window", data: { id: "early" } },
      { name: "cancel/window", data: { id: "late" } },
    ]);
    await parkedRun("waits-cancel-window", 0);
    await parkedRun("waits-cancel-window", 1);
    const runs = await runsOf(h.db, "waits-cancel-window");
    await h.engine.send({ name: "cancel/window-stop", data: { id: "early" } });
    // The listener's window is measured from when the run was created.
    const late = runs[1];
    await until(() => Date.now() > (late?.created_at ?? 0) + 1000, 5000, "cancel window over");
    await h.engine.send({ name: "cancel/window-stop", data: { id: "late" } });
    const statuses = new Map((await runsOf(h.db, "waits-cancel-window")).map((r) => [r.id, r.status]));
    expect([...statuses.values()].sort()).toEqual(["cancelled", "running"]);
    const running = [...statuses].find(([, status]) => status === "running")?.[0];
    const runEvent = await h.db.execute({ sql: "SELECT event_json FROM engine_runs WHERE id = ?", args: [running ?? ""] });
    expect((JSON.parse(String(runEvent.rows[0]?.event_json)) as { data: { id: string } }).data.id).toBe("late");
    await h.engine.send({ name: "cancel/window-release", data: { id: "late" } });
    const finished = await finishedRuns(h.db, "waits-cancel-window", 2);
    expect(finished.map((r) => r.status).sort()).toEqual(["cancelled", "completed"]);
  });

  it("fails the run for good when a wait's `if` does not compile (as Inngest does)", async () => {
    await h.engine.send({ name: "wait/bad-if", data: {} });
    const [run] = await finishedRuns(h.db, "waits-bad-if");
    expect(run?.status).toBe("failed");
    expect(run?.error).toMatchObject({ name: "CompileError" });
    expect((run?.error as { message: string }).message).toContain("async.data.id === 1");
    // No wait was parked, the failing step is visible, onFailure ran, and a warning was logged.
    const steps = await h.db.execute({
      sql: "SELECT name, status FROM engine_steps WHERE run_id = ? ORDER BY memo_seq",
      args: [run?.id ?? ""],
    });
    expect(steps.rows.map((r) => [r.name, r.status])).toEqual([
      ["before", "completed"],
      ["broken", "failed"],
    ]);
    expect(await waitsOfRun(run?.id ?? "")).toBe(0);
    const [handler] = await finishedRuns(h.db, "waits-bad-if-failure");
    expect(handler?.output).toBe("noticed");
    expect(warnings.some((w) => w.message.includes("does not compile") && w.extra?.runId === run?.id)).toBe(true);
  });
});
