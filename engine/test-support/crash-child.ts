/**
 * A whole app process for the crash test: engine + Inngest app in one node
 * process, like the real server. The test kills it with SIGKILL and restarts it.
 * Every step execution is appended to COUNT_FILE so re-executions show up.
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "@libsql/client";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { createEngine, migrateEngine } from "../index";

const dbUrl = process.env.CRASH_DB_URL ?? "";
const countFile = process.env.CRASH_COUNT_FILE ?? "";
const readyFile = process.env.CRASH_READY_FILE ?? "";

const client = createClient({ url: dbUrl, timeout: 5000 });
await migrateEngine(client);
const engine = createEngine({ client, pollIntervalMs: 50, retryBackoffScale: 0.001 });
const { port } = await engine.listen(0);
const inngest = new Inngest({
  id: "crash",
  isDev: true,
  baseUrl: `http://127.0.0.1:${port}`,
  logger: { info() {}, warn() {}, error() {}, debug() {} },
});

const fn = inngest.createFunction({ id: "durable", triggers: [{ event: "crash/start" }] }, async ({ event, step }) => {
  const a = await step.run("a", () => {
    appendFileSync(countFile, "a\n");
    return `a-${(event.data as { id: string }).id}`;
  });
  await step.sleep("nap", "2s");
  const b = await step.run("b", () => {
    appendFileSync(countFile, "b\n");
    return "b";
  });
  const answer = await step.waitForEvent("answer", {
    event: "crash/answer",
    timeout: "1h",
    if: "async.data.id == event.data.id",
  });
  const c = await step.run("c", () => {
    appendFileSync(countFile, "c\n");
    return "c";
  });
  return { a, b, c, answer: (answer?.data as { text: string } | undefined)?.text ?? null };
});

// Hangs inside a step on the first process so the test can kill it mid-call.
const hangInStep = process.env.CRASH_HANG_IN_STEP === "1";
const inFlight = inngest.createFunction(
  { id: "in-flight", triggers: [{ event: "crash/in-flight" }] },
  async ({ step }) => {
    await step.run("before", () => {
      appendFileSync(countFile, "before\n");
    });
    await step.run("interrupted", async () => {
      appendFileSync(countFile, "interrupted\n");
      if (hangInStep) await new Promise(() => undefined);
    });
    return "recovered";
  }
);

const app = createServer(serve({ client: inngest, functions: [fn, inFlight] }));
await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", () => resolve()));
const appPort = (app.address() as AddressInfo).port;
await engine.registerApp(`http://127.0.0.1:${appPort}/api/inngest`);
await engine.start();
writeFileSync(readyFile, JSON.stringify({ enginePort: port }));
