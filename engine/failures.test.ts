import { NonRetriableError, RetryAfterError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishedRuns, runsOf, startHarness, type Harness } from "./test-support/harness";

let h: Harness;
const flakyAttempts: number[] = [];
const retryAfterAttempts: number[] = [];
let nonRetriableCalls = 0;
const failureHandled: unknown[] = [];

beforeAll(async () => {
  h = await startHarness({
    appId: "fail",
    // Backoff shape 15s, 30s ... scaled to 15ms, 30ms ...
    engine: { retryBackoffScale: 0.001 },
    functions: (inngest) => {
      const child = inngest.createFunction(
        { id: "child", retries: 0, triggers: [{ event: "fail/child-direct" }] },
        async ({ event }) => {
          const data = event.data as { fail?: boolean; value?: number };
          if (data.fail) throw new NonRetriableError("child refused");
          return { doubled: (data.value ?? 0) * 2 };
        }
      );
      const slowChild = inngest.createFunction(
        { id: "slow-child", triggers: [{ event: "fail/slow-direct" }] },
        async ({ step }) => {
          await step.sleep("long", "1h");
          return "late";
        }
      );
      return [
        child,
        slowChild,
        inngest.createFunction(
          { id: "flaky", retries: 4, triggers: [{ event: "fail/flaky" }] },
          async ({ step, attempt }) => {
            const value = await step.run("flaky-step", () => {
              flakyAttempts.push(Date.now());
              if (flakyAttempts.length <= 2) throw new Error(`boom ${attempt}`);
              return "ok";
            });
            return value;
          }
        ),
        inngest.createFunction(
          {
            id: "fatal",
            retries: 3,
            triggers: [{ event: "fail/fatal" }],
            onFailure: async ({ event, error }: { event: { name: string; data: unknown }; error: Error }) => {
              failureHandled.push({
                name: event.name,
                fn: (event.data as { function_id: string }).function_id,
                message: error.message,
              });
              return "handled";
            },
          },
          async ({ step }) => {
            await step.run("fatal-step", () => {
              nonRetriableCalls++;
              throw new NonRetriableError("do not retry me");
            });
          }
        ),
        inngest.createFunction({ id: "caught", retries: 1, triggers: [{ event: "fail/caught" }] }, async ({ step }) => {
          try {
            await step.run("always-fails", () => {
              throw new Error("nope");
            });
            return "unreachable";
          } catch (err) {
            return { caught: (err as Error).message };
          }
        }),
        inngest.createFunction({ id: "invoker", triggers: [{ event: "fail/invoke" }] }, async ({ step, event }) => {
          const ok = await step.invoke("ok", {
            function: child,
            data: { value: (event.data as { value: number }).value },
          });
          let failed: string | null = null;
          try {
            await step.invoke("bad", { function: child, data: { fail: true } });
          } catch (err) {
            failed = (err as Error).message;
          }
          let timedOut: string | null = null;
          try {
            await step.invoke("slow", { function: slowChild, data: {}, timeout: "1s" });
          } catch (err) {
            timedOut = (err as Error).name;
          }
          return { ok, failed, timedOut };
        }),
        inngest.createFunction(
          { id: "retry-after", retries: 2, triggers: [{ event: "fail/retry-after" }] },
          async ({ step }) => {
            return step.run("rate-limited", () => {
              retryAfterAttempts.push(Date.now());
              if (retryAfterAttempts.length === 1) throw new RetryAfterError("slow down", 1000);
              return "done";
            });
          }
        ),
        inngest.createFunction({ id: "always-throws", retries: 2, triggers: [{ event: "fail/always" }] }, async () => {
          throw new Error("function-level failure");
        }),
      ];
    },
  });
});

afterAll(async () => {
  await h.close();
});

describe("retries and failures", () => {
  it("retries a step that fails twice, with growing backoff, then succeeds", async () => {
    await h.engine.send({ name: "fail/flaky", data: {} });
    const [run] = await finishedRuns(h.db, "fail-flaky");
    expect(run?.status).toBe("completed");
    expect(run?.output).toBe("ok");
    expect(flakyAttempts).toHaveLength(3);
    const [t0, t1, t2] = flakyAttempts as [number, number, number];
    expect(t1 - t0).toBeGreaterThanOrEqual(15);
    expect(t2 - t1).toBeGreaterThanOrEqual(30);
    const step = await h.db.execute({
      sql: "SELECT attempts, status FROM engine_steps WHERE run_id = ?",
      args: [run?.id ?? ""],
    });
    expect(step.rows[0]?.status).toBe("completed");
    expect(Number(step.rows[0]?.attempts)).toBe(3);
  });

  it("sends a NonRetriableError straight to onFailure", async () => {
    await h.engine.send({ name: "fail/fatal", data: {} });
    const [run] = await finishedRuns(h.db, "fail-fatal");
    expect(run?.status).toBe("failed");
    expect(nonRetriableCalls).toBe(1);
    const [handler] = await finishedRuns(h.db, "fail-fatal-failure");
    expect(handler?.output).toBe("handled");
    expect(failureHandled).toEqual([{ name: "inngest/function.failed", fn: "fail-fatal", message: "do not retry me" }]);
  });

  it("lets user code catch a step that exhausted its retries", async () => {
    await h.engine.send({ name: "fail/caught", data: {} });
    const [run] = await finishedRuns(h.db, "fail-caught");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ caught: "nope" });
  });

  it("feeds invoke results, failures and timeouts back to the caller", async () => {
    await h.engine.send({ name: "fail/invoke", data: { value: 21 } });
    const [run] = await finishedRuns(h.db, "fail-invoker");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({
      ok: { doubled: 42 },
      failed: "child refused",
      timedOut: "InngestInvokeTimeoutError",
    });
    const children = await runsOf(h.db, "fail-child");
    expect(children.map((c) => c.status).sort()).toEqual(["completed", "failed"]);
  });

  it("honours Retry-After over the backoff schedule", async () => {
    await h.engine.send({ name: "fail/retry-after", data: {} });
    const [run] = await finishedRuns(h.db, "fail-retry-after");
    expect(run?.output).toBe("done");
    const [t0, t1] = retryAfterAttempts as [number, number];
    expect(t1 - t0).toBeGreaterThanOrEqual(900);
  });

  it("fails the run after function-level retries are exhausted", async () => {
    await h.engine.send({ name: "fail/always", data: {} });
    const [run] = await finishedRuns(h.db, "fail-always-throws");
    expect(run?.status).toBe("failed");
    expect((run?.error as { message: string }).message).toBe("function-level failure");
  });

  it("replays a failed run's triggering event through the API", async () => {
    const [failed] = await finishedRuns(h.db, "fail-always-throws");
    const res = await fetch(`${h.engineUrl}/v0/runs/${failed?.id}/replay`, { method: "POST" });
    expect(res.status).toBe(200);
    const runs = await finishedRuns(h.db, "fail-always-throws", 2);
    expect(runs).toHaveLength(2);
    const detail = (await (await fetch(`${h.engineUrl}/v0/runs/${runs[1]?.id}`)).json()) as {
      data: { event: { name: string } };
    };
    expect(detail.data.event.name).toBe("fail/always");
  });
});
