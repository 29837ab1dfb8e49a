import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "@libsql/client";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, migrateEngine } from "./index";
import { canonicalJson, hashSigningKey, safeEqual, signBody } from "./signing";
import { finishedRuns, runsOf, startHarness, tempDbUrl, until, type Harness } from "./test-support/harness";

const signingKey = "signkey-test-8f3a1c0d9e7b6a5f4e3d2c1b0a998877";
const eventKey = "test-event-key";
const quiet = { info() {}, warn() {}, error() {}, debug() {} };
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    appId: "cloud",
    cloud: { signingKey, eventKey },
    functions: (inngest) => {
      const child = inngest.createFunction({ id: "child", triggers: [{ event: "cloud/child" }] }, async ({ event }) => {
        return { tripled: (event.data as { n: number }).n * 3 };
      });
      return [
        child,
        inngest.createFunction({ id: "signed", triggers: [{ event: "cloud/go" }] }, async ({ step, event }) => {
          const n = await step.run("double", () => (event.data as { n: number }).n * 2);
          await step.sleep("pause", "50ms");
          return { n };
        }),
        // Everything the engine drives, with the SDK verifying every call.
        inngest.createFunction({ id: "full", triggers: [{ event: "cloud/full" }] }, async ({ step, event }) => {
          const id = (event.data as { id: string }).id;
          const doubled = await step.run("double", () => (event.data as { n: number }).n * 2);
          await step.sleep("pause", "1s");
          const [x, y] = await Promise.all([step.run("x", () => "x"), step.run("y", () => "y")]);
          await step.sendEvent("notify", { name: "cloud/notified", data: { id } });
          const invoked = await step.invoke("child", { function: child, data: { n: doubled } });
          const answer = await step.waitForEvent("answer", {
            event: "cloud/answer",
            timeout: "1m",
            if: "async.data.id == event.data.id",
          });
          return { doubled, xy: x + y, invoked, answer: (answer?.data as { text: string } | undefined)?.text ?? null };
        }),
        inngest.createFunction({ id: "on-notified", triggers: [{ event: "cloud/notified" }] }, async ({ event }) => {
          return (event.data as { id: string }).id;
        }),
      ];
    },
  });
});

afterAll(async () => {
  await h.close();
});

/** A call body exactly as the engine sends it. */
function callBody(n: number): string {
  return canonicalJson({
    event: { id: "e1", name: "cloud/go", data: { n }, ts: Date.now() },
    events: [{ id: "e1", name: "cloud/go", data: { n }, ts: Date.now() }],
    steps: {},
    ctx: {
      run_id: "r1",
      attempt: 0,
      max_attempts: 4,
      disable_immediate_execution: false,
      use_api: false,
      stack: { stack: [], current: 0 },
    },
    version: 2,
  });
}

function callApp(body: string, signature?: string): Promise<Response> {
  return fetch(`${h.appUrl}?fnId=cloud-signed&stepId=step`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "x-inngest-signature": signature } : {}) },
    body,
  });
}

describe("signing (SDK in cloud mode)", () => {
  it("runs a function whose serve endpoint verifies every call", async () => {
    await h.inngest.send({ name: "cloud/go", data: { n: 21 } });
    const [run] = await finishedRuns(h.db, "cloud-signed");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ n: 42 });
  });

  it("drives a full run in cloud mode: steps, sleep, parallel steps, sendEvent, invoke and a wait", async () => {
    await h.inngest.send({ name: "cloud/full", data: { id: "f1", n: 5 } });
    await until(async () => {
      const rs = await h.db.execute(
        "SELECT COUNT(*) AS n FROM engine_waits w JOIN engine_runs r ON r.id = w.run_id WHERE r.function_id = 'cloud-full'"
      );
      return Number(rs.rows[0]?.n) === 1;
    });
    // Events from the SDK carry the event key in the URL.
    await h.inngest.send({ name: "cloud/answer", data: { id: "f1", text: "signed and sealed" } });
    const [run] = await finishedRuns(h.db, "cloud-full");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ doubled: 10, xy: "xy", invoked: { tripled: 30 }, answer: "signed and sealed" });
    const [notified] = await finishedRuns(h.db, "cloud-on-notified");
    expect(notified?.output).toBe("f1");
  });

  it("the app accepts a correctly signed call and rejects unsigned, tampered, stale or wrongly signed ones", async () => {
    const body = callBody(1);
    const signed = await callApp(body, signBody(body, signingKey));
    expect(signed.status).toBe(206);
    // A few minutes of clock skew are tolerated ...
    expect((await callApp(body, signBody(body, signingKey, Date.now() - 2 * 60_000))).status).toBe(206);

    expect((await callApp(body)).status).toBe(401);
    // Signed, then the payload changed on the way.
    const tampered = body.replace('"data":{"n":1}', '"data":{"n":1000}');
    expect(tampered).not.toBe(body);
    expect((await callApp(tampered, signBody(body, signingKey))).status).toBe(401);
    // ... but a signature older than five minutes is refused, so a captured call cannot be replayed later.
    expect((await callApp(body, signBody(body, signingKey, Date.now() - 6 * 60_000))).status).toBe(401);
    expect((await callApp(body, signBody(body, "signkey-test-00000000"))).status).toBe(401);
  });

  it("an engine with the wrong key cannot sync the app", async () => {
    const db = createClient({ url: tempDbUrl("engine-wrong-key") });
    await migrateEngine(db);
    const engine = createEngine({ client: db, signingKey: "signkey-test-deadbeef" });
    await expect(engine.registerApp(h.appUrl)).rejects.toThrow(/401/);
    db.close();
  });

  it("checks the event key on ingest", async () => {
    const post = (key: string) =>
      fetch(`${h.engineUrl}/e/${key}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "cloud/unused", data: {} }),
      });
    expect((await post("wrong-key")).status).toBe(401);
    expect((await post(`${eventKey}x`)).status).toBe(401);
    expect((await post(eventKey.slice(0, -1))).status).toBe(401);
    expect((await post(eventKey)).status).toBe(200);
  });
});

describe("out-of-band sync (`PUT` to the app, which posts to /fn/register)", () => {
  it("the SDK sends `Authorization: Bearer <hashed signing key>`, as the engine computes it", async () => {
    // A stand-in for the engine records what the real SDK sends when it registers.
    const seen: IncomingHttpHeaders[] = [];
    const recorder = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
    });
    await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", () => resolve()));
    const baseUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
    const inngest = new Inngest({ id: "recorded", isDev: false, signingKey, eventKey, baseUrl, logger: quiet });
    const fn = inngest.createFunction({ id: "noop", triggers: [{ event: "x/y" }] }, async () => null);
    const app = createServer(serve({ client: inngest, functions: [fn] }));
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", () => resolve()));
    try {
      const res = await fetch(`http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`, { method: "PUT" });
      expect(res.status).toBe(200);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.authorization).toBe(`Bearer ${hashSigningKey(signingKey)}`);
      // The prefix is kept, the secret part is replaced by its SHA-256.
      expect(hashSigningKey(signingKey)).toMatch(/^signkey-test-[0-9a-f]{64}$/);
    } finally {
      app.closeAllConnections();
      app.close();
      recorder.closeAllConnections();
      recorder.close();
    }
  });

  it("the engine accepts the SDK's own registration in cloud mode", async () => {
    const syncedAt = async () => {
      const rs = await h.db.execute({ sql: "SELECT synced_at FROM engine_apps WHERE url = ?", args: [h.appUrl] });
      return Number(rs.rows[0]?.synced_at);
    };
    const before = await syncedAt();
    const res = await fetch(h.appUrl, { method: "PUT" });
    expect(res.status).toBe(200);
    expect(await syncedAt()).toBeGreaterThan(before);
    // The functions it registered still run.
    await h.inngest.send({ name: "cloud/go", data: { n: 2 } });
    await until(async () => (await runsOf(h.db, "cloud-signed")).some((r) => (r.output as { n: number })?.n === 4));
  });

  it("rejects a registration without the bearer token, or with another key's", async () => {
    const register = (authorization?: string) =>
      fetch(`${h.engineUrl}/fn/register`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ url: "http://127.0.0.1:1/api/inngest", appName: "intruder", functions: [] }),
      });
    expect((await register()).status).toBe(401);
    expect((await register(`Bearer ${signingKey}`)).status).toBe(401);
    expect((await register(`Bearer ${hashSigningKey("signkey-test-0123456789abcdef")}`)).status).toBe(401);
    const apps = await h.db.execute("SELECT COUNT(*) AS n FROM engine_apps WHERE app_id = 'intruder'");
    expect(Number(apps.rows[0]?.n)).toBe(0);

    // An app whose SDK holds another key cannot register itself either.
    const other = new Inngest({
      id: "other",
      isDev: false,
      signingKey: "signkey-test-0123456789abcdef",
      eventKey,
      baseUrl: h.engineUrl,
      logger: quiet,
    });
    const fn = other.createFunction({ id: "noop", triggers: [{ event: "x/y" }] }, async () => null);
    const app = createServer(serve({ client: other, functions: [fn] }));
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", () => resolve()));
    try {
      const res = await fetch(`http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`, { method: "PUT" });
      expect(res.status).toBe(401);
      const fns = await h.db.execute("SELECT COUNT(*) AS n FROM engine_functions WHERE id LIKE 'other-%'");
      expect(Number(fns.rows[0]?.n)).toBe(0);
    } finally {
      app.closeAllConnections();
      app.close();
    }
  });

  it("compares secrets in constant time on equal-length digests", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
  });
});
