import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Inngest } from "inngest";
import { hashSigningKey } from "./signing";
import { countWaits, finishedRuns, runsOf, startHarness, until, type Harness } from "./test-support/harness";

/** A gate a step waits on, opened by the test. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const sideEffects: string[] = [];
let firstStarted = false;
const release = gate();

function functions(inngest: Inngest) {
  return [
    inngest.createFunction({ id: "sequence", triggers: [{ event: "ck/sequence" }] }, async ({ event, step }) => {
      const a = await step.run("a", () => (event.data as { n: number }).n + 1);
      const b = await step.run("b", () => a * 10);
      const c = await step.run("c", () => ({ sum: a + b }));
      return { a, b, c };
    }),
    inngest.createFunction({ id: "turns", triggers: [{ event: "ck/turns" }] }, async ({ step }) => {
      const before = await step.run("before", () => "asked");
      const answer = await step.waitForEvent("wait-for-answer", { event: "ck/answer", timeout: "1h" });
      const after = await step.run("after", () => `${before}:${String((answer?.data as { text?: string } | undefined)?.text)}`);
      return after;
    }),
    inngest.createFunction(
      { id: "cancellable", triggers: [{ event: "ck/cancellable" }], cancelOn: [{ event: "ck/cancel" }] },
      async ({ step }) => {
        await step.run("first", async () => {
          firstStarted = true;
          await release.opened;
          sideEffects.push("first");
        });
        await step.run("second", () => sideEffects.push("second"));
        return "finished";
      },
    ),
  ];
}

async function stepsOf(h: Harness, runId: string) {
  const rs = await h.db.execute({
    sql: "SELECT name, status, memo_json, started_at, ended_at FROM engine_steps WHERE run_id = ? ORDER BY memo_seq",
    args: [runId],
  });
  return rs.rows.map((r) => ({
    name: r.name,
    status: r.status,
    memo: JSON.parse(String(r.memo_json)) as unknown,
    startedAt: Number(r.started_at),
    endedAt: Number(r.ended_at),
  }));
}

const callsFor = (h: Harness, fn: string) => h.appCalls.filter((id) => id.endsWith(`-${fn}`)).length;

describe("async checkpointing", () => {
  let h: Harness;
  let classic: Harness;

  beforeAll(async () => {
    h = await startHarness({ appId: "ck", functions });
    classic = await startHarness({ appId: "classic", functions, engine: { checkpointing: false } });
  });
  afterAll(async () => {
    await h.close();
    await classic.close();
  });

  it("runs a run's sequential steps in one call, memoizing each as it finishes", async () => {
    await h.engine.send({ name: "ck/sequence", data: { n: 1 } });
    const [run] = await finishedRuns(h.db, "ck-sequence");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ a: 2, b: 20, c: { sum: 22 } });
    expect(callsFor(h, "sequence")).toBe(1);
    const steps = await stepsOf(h, run!.id);
    expect(steps.map((s) => [s.name, s.status, s.memo])).toEqual([
      ["a", "completed", { data: 2 }],
      ["b", "completed", { data: 20 }],
      ["c", "completed", { data: { sum: 22 } }],
    ]);
    for (const s of steps) expect(s.startedAt).toBeLessThanOrEqual(s.endedAt);

    // The same function without checkpointing: a call per step, and one more for the return.
    await classic.engine.send({ name: "ck/sequence", data: { n: 1 } });
    const [classicRun] = await finishedRuns(classic.db, "classic-sequence");
    expect(classicRun?.output).toEqual(run?.output);
    expect(callsFor(classic, "sequence")).toBe(4);
  });

  it("runs a step and registers the wait after it in the same call", async () => {
    await h.engine.send({ name: "ck/turns", data: {} });
    await until(async () => (await countWaits(h.db)) === 1, 10_000, "the wait");
    expect(callsFor(h, "turns")).toBe(1);
    await h.engine.send({ name: "ck/answer", data: { text: "yes" } });
    const [run] = await finishedRuns(h.db, "ck-turns");
    expect(run?.output).toBe("asked:yes");
    expect(callsFor(h, "turns")).toBe(2);
  });

  it("ends a cancelled run's call at its next checkpoint, before the next step", async () => {
    await h.engine.send({ name: "ck/cancellable", data: {} });
    await until(() => firstStarted, 10_000, "the first step");
    await h.engine.send({ name: "ck/cancel", data: {} });
    await finishedRuns(h.db, "ck-cancellable");
    release.open();
    // The call ends once the first step's checkpoint is refused.
    await until(() => sideEffects.includes("first"), 10_000, "the first step to finish");
    await until(async () => (await h.db.execute("SELECT 1 FROM engine_queue")).rows.length === 0, 10_000, "an empty queue");
    expect(sideEffects).toEqual(["first"]);
    const [run] = await runsOf(h.db, "ck-cancellable");
    expect(run?.status).toBe("cancelled");
  });
});

/**
 * A proxy in front of the engine's API that passes every checkpoint on to the
 * engine but loses each answer: the engine stores the steps, while the SDK
 * sees only failures and falls back to answering the call with its steps.
 */
async function checkpointAnswersLost(engineUrl: string, servers: Server[]): Promise<string> {
  const target = new URL(engineUrl);
  const proxy = createServer((req, res) => {
    const forward = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        if (req.url?.startsWith("/v1/checkpoint/")) {
          answer.resume();
          res.writeHead(502).end();
        } else {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        }
      },
    );
    forward.on("error", () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  servers.push(proxy);
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

describe("a checkpoint stored whose answer never reached the SDK", () => {
  const proxies: Server[] = [];
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ appId: "ck-lost", functions, sdkApiUrl: (engineUrl) => checkpointAnswersLost(engineUrl, proxies) });
  });
  afterAll(async () => {
    await h.close();
    for (const proxy of proxies) {
      proxy.closeAllConnections();
      proxy.close();
    }
  });

  it("still finishes the run when the call falls back to answering with a step the engine already saved", async () => {
    await h.engine.send({ name: "ck/sequence", data: { n: 2 } });
    const [run] = await finishedRuns(h.db, "ck-lost-sequence", 1, 30_000);
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ a: 3, b: 30, c: { sum: 33 } });
    const steps = await stepsOf(h, run!.id);
    expect(steps.map((s) => [s.name, s.status, s.memo])).toEqual([
      ["a", "completed", { data: 3 }],
      ["b", "completed", { data: 30 }],
      ["c", "completed", { data: { sum: 33 } }],
    ]);
  }, 60_000);
});

describe("the checkpoint endpoint", () => {
  const signingKey = "signkey-test-7f3a9c0e1b2d4f6a8c0e2b4d6f8a0c2e";
  let h: Harness;
  const post = (runId: string, body: unknown, token?: string) =>
    fetch(`${h.engineUrl}/v1/checkpoint/${runId}/async`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const step = { id: "9a0364b9e99bb480dd25e1f0284c8555", op: "StepRun", name: "a", data: 1 };

  beforeAll(async () => {
    h = await startHarness({ appId: "ck-cloud", functions, cloud: { signingKey, eventKey: "ck-event-key" } });
  });
  afterAll(async () => {
    await h.close();
  });

  it("runs the whole sequence in one signed call in cloud mode", async () => {
    await h.engine.send({ name: "ck/sequence", data: { n: 4 } });
    const [run] = await finishedRuns(h.db, "ck-cloud-sequence");
    expect(run?.output).toEqual({ a: 5, b: 50, c: { sum: 55 } });
    expect(callsFor(h, "sequence")).toBe(1);
  });

  it("only takes steps from the app: the SDK's bearer token derived from the signing key", async () => {
    const body = { run_id: "run-1", qi_id: "1", steps: [step] };
    expect((await post("run-1", body)).status).toBe(401);
    expect((await post("run-1", body, signingKey)).status).toBe(401);
    expect((await post("run-1", body, hashSigningKey("signkey-test-0123456789abcdef"))).status).toBe(401);
  });

  it("refuses a malformed checkpoint with 400 and stores nothing", async () => {
    const token = hashSigningKey(signingKey);
    const bad = [
      { run_id: "other", qi_id: "1", steps: [step] },
      { run_id: "run-1", steps: [step] },
      { run_id: "run-1", qi_id: "1", steps: [] },
      { run_id: "run-1", qi_id: "1", steps: [{ ...step, id: "" }] },
      { run_id: "run-1", qi_id: "1", steps: [{ ...step, op: "WaitForEvent" }] },
    ];
    for (const body of bad) expect((await post("run-1", body, token)).status).toBe(400);
    const stored = await h.db.execute("SELECT 1 FROM engine_steps WHERE run_id = 'run-1'");
    expect(stored.rows).toHaveLength(0);
  });

  it("answers 409 for a call that is not running, and stores nothing", async () => {
    const response = await post("run-1", { run_id: "run-1", qi_id: "424242", steps: [step] }, hashSigningKey(signingKey));
    expect(response.status).toBe(409);
    const stored = await h.db.execute("SELECT 1 FROM engine_steps WHERE run_id = 'run-1'");
    expect(stored.rows).toHaveLength(0);
  });
});
