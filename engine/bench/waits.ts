/**
 * Benchmark: event-routing latency with 0 and with N parked waits, and memory.
 * Run: npx tsx engine/bench/waits.ts [parkedRuns=10000] [samples=200]
 * Everything printed is measured in this run.
 */
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createClient } from "@libsql/client";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { createEngine, migrateEngine } from "../index";

const PARKED = Number(process.argv[2] ?? 10_000);
const SAMPLES = Number(process.argv[3] ?? 200);

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Number((sorted[index] ?? 0).toFixed(3));
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), samples: samples.length };
}

const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

const dir = mkdtempSync(join(tmpdir(), "engine-bench-"));
const client = createClient({ url: `file:${join(dir, "bench.db")}`, timeout: 5000 });
// WAL lets readers and the writer overlap; a real app would choose this too.
await client.execute("PRAGMA journal_mode = WAL");
await migrateEngine(client);
const engine = createEngine({ client, pollIntervalMs: 100, maxInFlight: 64 });
const { port, close } = await engine.listen(0);
const inngest = new Inngest({
  id: "bench",
  isDev: true,
  baseUrl: `http://127.0.0.1:${port}`,
  logger: { info() {}, warn() {}, error() {}, debug() {} },
});
const parked = inngest.createFunction({ id: "parked", triggers: [{ event: "bench/start" }] }, async ({ step }) => {
  const reply = await step.waitForEvent("reply", {
    event: "bench/reply",
    timeout: "1h",
    if: "async.data.id == event.data.id",
  });
  return reply ? "answered" : "timed out";
});
const app = createServer(serve({ client: inngest, functions: [parked] }));
await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", () => resolve()));
await engine.registerApp(`http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`);
await engine.start();

async function countWaits(): Promise<number> {
  const rs = await client.execute("SELECT COUNT(*) AS n FROM engine_waits");
  return Number(rs.rows[0]?.n ?? 0);
}

/** Time to ingest and route one event (store, triggers, wait lookup, cancels). */
async function routeLatency(ids: (i: number) => string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await engine.send({ name: "bench/reply", data: { id: ids(i) } });
    samples.push(performance.now() - started);
  }
  return samples;
}

global.gc?.();
const before = process.memoryUsage();
const empty = await routeLatency((i) => `nobody-${i}`);

const parkStarted = performance.now();
for (let offset = 0; offset < PARKED; offset += 500) {
  const batch = Array.from({ length: Math.min(500, PARKED - offset) }, (_, i) => ({
    name: "bench/start",
    data: { id: `run-${offset + i}` },
  }));
  await engine.send(batch);
}
for (;;) {
  if ((await countWaits()) >= PARKED) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const parkSeconds = (performance.now() - parkStarted) / 1000;
global.gc?.();
const parkedMemory = process.memoryUsage();

const miss = await routeLatency((i) => `nobody-else-${i}`);
const hit = await routeLatency((i) => `run-${i * Math.floor(PARKED / SAMPLES)}`);

await engine.stop();
await close();
app.close();
client.close();

console.log(
  JSON.stringify(
    {
      parkedRuns: PARKED,
      secondsToPark: Number(parkSeconds.toFixed(1)),
      routing: {
        zeroParkedWaits: summary(empty),
        parkedWaitsNoMatch: summary(miss),
        parkedWaitsMatchOne: summary(hit),
      },
      // Run with `node --expose-gc --import tsx` for heap figures taken after a full GC.
      gcBeforeMeasuring: typeof global.gc === "function",
      rssMb: { beforeParking: mb(before.rss), withParkedWaits: mb(parkedMemory.rss) },
      heapUsedMb: { beforeParking: mb(before.heapUsed), withParkedWaits: mb(parkedMemory.heapUsed) },
      externalMb: { beforeParking: mb(before.external), withParkedWaits: mb(parkedMemory.external) },
    },
    null,
    2
  )
);
