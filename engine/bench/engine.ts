/**
 * Benchmark of the engine against the real SDK (`npm run bench:engine`).
 *
 * 1. Step overhead: a 20-step no-op function, run many times, one call per
 *    step (checkpointing off). Every call to the app is timed inside its HTTP
 *    server (request in → response finished): that is the SDK handler's own
 *    time, the floor no executor can go below. Everything else in a run's wall
 *    time (HTTP client, queue, transactions, memo loading) is the engine's
 *    overhead. Then the same runs with checkpointing (the default), where the
 *    SDK runs every step in one call and posts each result to the engine: run
 *    time, calls and CPU per run beside the one-call-per-step figures.
 * 2. Resume latency (checkpointing on, as it runs by default): runs loop on `waitForEvent`; an event is sent and the
 *    engine's figure stops when the call resuming the run reaches the app
 *    (the target applies to it); the end-to-end figure stops when the
 *    workflow's code runs past the wait, adding the SDK's own replay.
 *    Measured with 10 and with 10,000 runs parked in waits.
 * 3. Memory with 10,000 parked runs.
 *
 * Usage: node --expose-gc --import tsx engine/bench/engine.ts [parked=10000] [samples=200]
 * Every figure printed is measured in this run.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { createEngine, migrateEngine, openEngineClient, startWalCheckpointer } from "../index";

const PARKED = Number(process.argv[2] ?? 10_000);
const SAMPLES = Number(process.argv[3] ?? 200);
const STEPS = 20;
const STEP_RUNS = 30;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Number((sorted[index] ?? 0).toFixed(2));
}
function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), samples: samples.length };
}
const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

/**
 * Memory once garbage is really gone: the SQLite driver frees a statement's
 * native memory in a finalizer that only runs on a later turn of the event
 * loop, so a bare gc() would count every statement ever run as live.
 */
async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 3; i++) {
    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage();
}
const round = (n: number, digits = 3) => Number(n.toFixed(digits));

const dir = mkdtempSync(join(tmpdir(), "engine-bench-"));
// As Bookbug opens it: checkpoints on a worker thread, off the event loop.
const databaseUrl = `file:${join(dir, "bench.db")}`;
const client = await openEngineClient({ url: databaseUrl, walAutoCheckpoint: 0 });
const checkpointer = startWalCheckpointer({ url: databaseUrl });
await migrateEngine(client);
// Cloud mode, as Bookbug runs against its engine: every call signed and verified.
const signingKey = `signkey-bench-${randomBytes(32).toString("hex")}`;
const eventKey = "bench-event-key";
const options = { client, pollIntervalMs: 100, maxInFlight: 64, signingKey, eventKey };
// Two engines on the same database, one running at a time behind one port.
const oneCallPerStep = createEngine({ ...options, checkpointing: false });
const withCheckpoints = createEngine(options);
let engine = oneCallPerStep;
const front = createServer((req, res) => engine.handler(req, res));
await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", () => resolve()));
const { port } = front.address() as AddressInfo;
const inngest = new Inngest({
  id: "bench",
  isDev: false,
  signingKey,
  eventKey,
  baseUrl: `http://127.0.0.1:${port}`,
  logger: { info() {}, warn() {}, error() {}, debug() {} },
});

const finished = new Map<string, () => void>();
const noop = inngest.createFunction(
  { id: "twenty-noop-steps", retries: 0, triggers: [{ event: "bench/steps" }] },
  async ({ event, step }) => {
    for (let i = 0; i < STEPS; i++) await step.run(`step-${i}`, () => i);
    // Outside a step: runs on the final call only, once every step is memoized.
    finished.get(String(event.data.id))?.();
    return "done";
  }
);

const resumed = new Map<string, () => void>();
const converse = inngest.createFunction(
  { id: "converse", retries: 0, triggers: [{ event: "bench/converse" }] },
  async ({ event, step }) => {
    for (let turn = 0; turn < 1000; turn++) {
      const reply = await step.waitForEvent(`reply-${turn}`, {
        event: "bench/reply",
        timeout: "1h",
        if: "async.data.id == event.data.id",
      });
      if (!reply) return "timed out";
      // Replays pass here too; only the call that first sees this reply resolves a sample.
      const key = `${String(event.data.id)}#${String(reply.data.nonce)}`;
      resumed.get(key)?.();
      resumed.delete(key);
    }
    return "done";
  }
);

// Time spent inside the SDK's handler, per call: wall clock, and CPU (which
// a busy machine disturbs far less). Calls run one at a time, so while one is
// in the handler the engine is only waiting for its answer.
let handlerMs = 0;
let handlerCpuUs = 0;
let handlerCalls = 0;
const sdkHandler = serve({ client: inngest, functions: [noop, converse] });
// The first call to reach the app after a resume sample's event was sent
// (samples run one at a time, with nothing else going on).
let firstCallAt: number | undefined;
let watchingForCall = false;
const app = createServer((req: IncomingMessage, res: ServerResponse) => {
  const started = performance.now();
  if (watchingForCall && req.method === "POST") {
    firstCallAt = started;
    watchingForCall = false;
  }
  const cpuStarted = process.cpuUsage();
  res.on("finish", () => {
    if (req.method === "POST") {
      const cpu = process.cpuUsage(cpuStarted);
      handlerCpuUs += cpu.user + cpu.system;
      handlerMs += performance.now() - started;
      handlerCalls += 1;
    }
  });
  void sdkHandler(req, res);
});
await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", () => resolve()));
const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
await oneCallPerStep.registerApp(appUrl);
await withCheckpoints.registerApp(appUrl);
await engine.start();

// --- 1. step overhead ---------------------------------------------------------
async function runNoop(id: string): Promise<number> {
  const done = new Promise<void>((resolve) => finished.set(id, resolve));
  const started = performance.now();
  await engine.send({ name: "bench/steps", data: { id } });
  await done;
  const elapsed = performance.now() - started;
  finished.delete(id);
  return elapsed;
}
/** STEP_RUNS runs after a warm-up (JIT, connections), with the handler's counters from zero. */
async function measureRuns(label: string) {
  for (let i = 0; i < 3; i++) await runNoop(`${label}-warmup-${i}`);
  handlerMs = 0;
  handlerCpuUs = 0;
  handlerCalls = 0;
  let wall = 0;
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < STEP_RUNS; i++) wall += await runNoop(`${label}-${i}`);
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs: wall, cpuMs: (cpu.user + cpu.system) / 1000, calls: handlerCalls };
}

const perStep = await measureRuns("one-call-per-step");
const wallMs = perStep.wallMs;
const callsPerRun = perStep.calls / STEP_RUNS;
const sdkPerCall = handlerMs / perStep.calls;
const enginePerCall = (wallMs - handlerMs) / perStep.calls;
const sdkCpuPerCall = handlerCpuUs / 1000 / perStep.calls;
const engineCpuPerCall = (perStep.cpuMs - handlerCpuUs / 1000) / perStep.calls;

await engine.stop();
engine = withCheckpoints;
await engine.start();
const checkpointed = await measureRuns("checkpointed");

// --- 2. resume latency ----------------------------------------------------------
async function countWaits(): Promise<number> {
  const rs = await client.execute("SELECT COUNT(*) AS n FROM engine_waits");
  return Number(rs.rows[0]?.n ?? 0);
}

async function park(from: number, to: number): Promise<void> {
  for (let offset = from; offset < to; offset += 500) {
    const batch = Array.from({ length: Math.min(500, to - offset) }, (_, i) => ({
      name: "bench/converse",
      data: { id: `conversation-${offset + i}` },
    }));
    await engine.send(batch);
  }
  while ((await countWaits()) < to) await new Promise((resolve) => setTimeout(resolve, 100));
}

let nonce = 0;
interface ResumeSample {
  /** Event sent → the engine's call resuming the run reaches the app. */
  engineMs: number;
  /** Event sent → the workflow's code runs past the wait (adds the SDK's replay). */
  endToEndMs: number;
}

async function resumeOne(id: string): Promise<ResumeSample> {
  const key = `${id}#${++nonce}`;
  const seen = new Promise<void>((resolve) => resumed.set(key, resolve));
  firstCallAt = undefined;
  watchingForCall = true;
  const started = performance.now();
  await engine.send({ name: "bench/reply", data: { id, nonce } });
  await seen;
  const done = performance.now();
  if (firstCallAt === undefined) throw new Error("the resumed run finished without a call reaching the app");
  return { engineMs: firstCallAt - started, endToEndMs: done - started };
}

async function resumeLatency(parked: number): Promise<ResumeSample[]> {
  const samples: ResumeSample[] = [];
  // Spread samples over the parked runs; each resumed run parks again in its next wait.
  const stride = Math.max(1, Math.floor(parked / SAMPLES));
  for (let i = 0; i < SAMPLES; i++) {
    const id = `conversation-${(i * stride) % parked}`;
    samples.push(await resumeOne(id));
    // Let the run re-park so the parked count stays constant.
    while ((await countWaits()) < parked) await new Promise((resolve) => setImmediate(resolve));
  }
  return samples;
}

await park(0, 10);
for (let i = 0; i < 10; i++) await resumeOne(`conversation-${i}`); // warm-up
const withTen = await resumeLatency(10);

const beforeParking = await settledMemory();
const parkStarted = performance.now();
// In quarters, so memory per wait can be told from memory that comes once.
const rssByParked: Record<string, number> = {};
for (let quarter = 1; quarter <= 4; quarter++) {
  const upTo = Math.max(10, Math.round((PARKED * quarter) / 4));
  await park(Math.max(10, Math.round((PARKED * (quarter - 1)) / 4)), upTo);
  rssByParked[upTo] = mb((await settledMemory()).rss);
}
const parkSeconds = (performance.now() - parkStarted) / 1000;
const parkedMemory = await settledMemory();
const withMany = await resumeLatency(PARKED);

await engine.stop();
front.close();
front.closeAllConnections();
app.close();
await checkpointer?.stop();
client.close();
rmSync(dir, { recursive: true, force: true });

const engineTen = summary(withTen.map((s) => s.engineMs));
const engineMany = summary(withMany.map((s) => s.engineMs));
console.log(
  JSON.stringify(
    {
      stepOverhead: {
        function: `${STEPS} no-op steps`,
        mode: "cloud (calls signed by the engine, verified by the SDK), one call per step (checkpointing off)",
        runs: STEP_RUNS,
        callsPerRun: round(callsPerRun, 1),
        runWallMs: round(wallMs / STEP_RUNS, 2),
        wallClock: {
          sdkHandlerMsPerCall: round(sdkPerCall),
          engineOverheadMsPerCall: round(enginePerCall),
          engineOverheadVsSdk: `${Math.round((enginePerCall / sdkPerCall) * 100)}%`,
        },
        cpuTime: {
          sdkHandlerMsPerCall: round(sdkCpuPerCall),
          engineMsPerCall: round(engineCpuPerCall),
          engineVsSdk: `${Math.round((engineCpuPerCall / sdkCpuPerCall) * 100)}%`,
        },
        target: "engine overhead <= 25% of the SDK handler's time",
      },
      checkpointing: {
        function: `${STEPS} no-op steps`,
        runs: STEP_RUNS,
        callsPerRun: { checkpointing: round(checkpointed.calls / STEP_RUNS, 1), oneCallPerStep: round(callsPerRun, 1) },
        runWallMs: { checkpointing: round(checkpointed.wallMs / STEP_RUNS, 2), oneCallPerStep: round(wallMs / STEP_RUNS, 2) },
        cpuMsPerRun: { checkpointing: round(checkpointed.cpuMs / STEP_RUNS, 2), oneCallPerStep: round(perStep.cpuMs / STEP_RUNS, 2) },
      },
      resumeLatency: {
        engine: {
          measured: "event sent → the call resuming the waiting run reaches the app",
          parked10: engineTen,
          [`parked${PARKED}`]: engineMany,
          p99Ratio: round(engineMany.p99Ms / engineTen.p99Ms, 2),
        },
        endToEnd: {
          measured: "event sent → the workflow's code runs past waitForEvent (adds the SDK's own replay)",
          parked10: summary(withTen.map((s) => s.endToEndMs)),
          [`parked${PARKED}`]: summary(withMany.map((s) => s.endToEndMs)),
        },
        target: "engine p99 < 10 ms, and the 10,000 case within 2x of the 10 case (end to end is shown beside it)",
      },
      memory: {
        parkedRuns: PARKED,
        secondsToPark: round(parkSeconds, 1),
        gcBeforeMeasuring: typeof global.gc === "function",
        rssMb: { with10Parked: mb(beforeParking.rss), [`with${PARKED}Parked`]: mb(parkedMemory.rss) },
        rssMbAsRunsPark: rssByParked,
        heapUsedMb: { with10Parked: mb(beforeParking.heapUsed), [`with${PARKED}Parked`]: mb(parkedMemory.heapUsed) },
      },
    },
    null,
    2
  )
);
