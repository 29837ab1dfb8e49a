/**
 * A whole app process for the crash test: the engine and an Inngest app
 * (served by the real SDK over HTTP, in cloud mode) in one node process, like
 * the real server. The test SIGKILLs it at random moments and starts it again.
 *
 * The workflow runs 10 steps with a waitForEvent between steps 5 and 6 (and a
 * 1s sleep between steps 3 and 4, so timers also fall due while the process
 * is down). Steps are at-least-once, so each step applies its business side
 * effect idempotently (INSERT OR IGNORE keyed by run + step) and, in the same
 * transaction, appends to an executions log that records every execution.
 */
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "@libsql/client";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { createEngine, migrateEngine } from "../index";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const dbUrl = env("CRASH_DB_URL");
const readyFile = env("CRASH_READY_FILE");
const signingKey = env("CRASH_SIGNING_KEY");
const eventKey = env("CRASH_EVENT_KEY");
const maxInFlight = Number(env("CRASH_MAX_IN_FLIGHT"));
const STEPS = 10;

// The parent holds our stdin open; when it goes away, so do we (no orphans).
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();

const engineDb = createClient({ url: dbUrl, timeout: 5000 });
// The application's own connection, as in the real server.
const appDb = createClient({ url: dbUrl, timeout: 5000 });
// Without an fsync per commit a kill -9 still loses nothing (committed WAL
// frames are in the OS cache); only power loss could, which this test cannot
// simulate. It keeps the test fast.
for (const connection of [engineDb, appDb]) await connection.execute("PRAGMA synchronous = NORMAL");
await migrateEngine(engineDb);

const engine = createEngine({
  client: engineDb,
  signingKey,
  eventKey,
  maxInFlight,
  pollIntervalMs: 50,
  retryBackoffScale: 0.001,
});
const { port } = await engine.listen(0);
const inngest = new Inngest({
  id: "crash",
  isDev: false,
  signingKey,
  eventKey,
  baseUrl: `http://127.0.0.1:${port}`,
  logger: { info() {}, warn() {}, error() {}, debug() {} },
});

async function sideEffect(runId: string, step: string): Promise<string> {
  const at = Date.now();
  await appDb.batch(
    [
      {
        sql: "INSERT INTO crash_executions (run_id, step, at, pid) VALUES (?, ?, ?, ?)",
        args: [runId, step, at, process.pid],
      },
      { sql: "INSERT OR IGNORE INTO crash_side_effects (run_id, step, at) VALUES (?, ?, ?)", args: [runId, step, at] },
    ],
    "write"
  );
  // The step's own work after its write: a kill often lands in here, after
  // the side effect but before the engine memoized the result.
  await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 25));
  return step;
}

const workflow = inngest.createFunction(
  { id: "ten-steps", retries: 5, triggers: [{ event: "crash/start" }] },
  async ({ event, step, runId }) => {
    const key = (event.data as { key: string }).key;
    const done: string[] = [];
    let token: string | null = null;
    for (let i = 1; i <= STEPS; i++) {
      if (i === 6) {
        const answer = await step.waitForEvent("answer", {
          event: "crash/answer",
          timeout: "1h",
          if: "async.data.key == event.data.key",
        });
        token = (answer?.data as { token?: string } | undefined)?.token ?? null;
      }
      if (i === 4) await step.sleep("nap", "1s");
      done.push(await step.run(`step-${i}`, () => sideEffect(runId, `step-${i}`)));
    }
    return { key, token, steps: done.length };
  }
);

const app = createServer(serve({ client: inngest, functions: [workflow] }));
await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", () => resolve()));
const appPort = (app.address() as AddressInfo).port;
await engine.registerApp(`http://127.0.0.1:${appPort}/api/inngest`);
await engine.start();
writeFileSync(readyFile, JSON.stringify({ enginePort: port }));
