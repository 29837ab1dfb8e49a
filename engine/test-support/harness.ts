/**
 * Test harness: a throwaway libsql file database, the engine on an ephemeral
 * port, and a real Inngest app served by the SDK's node adapter on another.
 */
import { createServer, type Server } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { createClient, type Client } from "@libsql/client";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import { createEngine, migrateEngine, type Engine, type EngineOptions } from "../index";

export interface Harness {
  db: Client;
  engine: Engine;
  inngest: Inngest;
  engineUrl: string;
  appUrl: string;
  /** The function each call to the app was for, in order (in-band syncs are not counted). */
  appCalls: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  appId?: string;
  functions: (inngest: Inngest) => InngestFunction.Any[];
  engine?: Partial<Omit<EngineOptions, "client">>;
  /** Cloud mode: the SDK verifies signatures with this key. */
  cloud?: { signingKey: string; eventKey: string };
  /** The key the engine signs with; defaults to the cloud key. */
  engineSigningKey?: string;
  /** The engine's database; a fresh temporary file by default. */
  dbUrl?: string;
  /** Where the SDK reaches the engine's API, given the engine's own URL (a fault-injecting proxy, say). */
  sdkApiUrl?: (engineUrl: string) => Promise<string>;
}

export function tempDbUrl(prefix: string): string {
  return `file:${join(mkdtempSync(join(tmpdir(), `${prefix}-`)), "engine.db")}`;
}

function listenOnFreePort(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const db = createClient({ url: options.dbUrl ?? tempDbUrl("engine-test"), timeout: 5000 });
  await migrateEngine(db);
  const signingKey = options.engineSigningKey ?? options.cloud?.signingKey;
  const engine = createEngine({
    client: db,
    retryBackoffScale: 0.001,
    pollIntervalMs: 50,
    ...(signingKey ? { signingKey } : {}),
    ...(options.cloud ? { eventKey: options.cloud.eventKey } : {}),
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    ...options.engine,
  });
  const listening = await engine.listen(0);
  const engineUrl = `http://127.0.0.1:${listening.port}`;
  const apiUrl = options.sdkApiUrl ? await options.sdkApiUrl(engineUrl) : engineUrl;
  // Expected failures in tests would otherwise flood the output.
  const logger = { info() {}, warn() {}, error() {}, debug() {} };
  const inngest = options.cloud
    ? new Inngest({ id: options.appId ?? "test-app", isDev: false, baseUrl: apiUrl, logger, ...options.cloud })
    : new Inngest({ id: options.appId ?? "test-app", isDev: true, baseUrl: apiUrl, logger });
  const handler = serve({ client: inngest, functions: options.functions(inngest) });
  const appCalls: string[] = [];
  const app = createServer((req, res) => {
    if (req.method === "POST") appCalls.push(new URL(req.url ?? "/", "http://app.local").searchParams.get("fnId") ?? "");
    return handler(req, res);
  });
  const appPort = await listenOnFreePort(app);
  const appUrl = `http://127.0.0.1:${appPort}/api/inngest`;
  await engine.registerApp(appUrl);
  await engine.start();
  return {
    db,
    engine,
    inngest,
    engineUrl,
    appUrl,
    appCalls,
    async close() {
      await engine.stop();
      await listening.close();
      await new Promise<void>((resolve) => {
        app.close(() => resolve());
        app.closeAllConnections();
      });
      db.close();
    },
  };
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after the deadline. */
export async function until<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
  what = "condition"
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface RunSummary {
  id: string;
  status: string;
  output: unknown;
  error: unknown;
  started_at: number | null;
  ended_at: number | null;
  created_at: number;
}

export async function runsOf(db: Client, functionId: string): Promise<RunSummary[]> {
  const rs = await db.execute({
    sql: "SELECT id, status, output_json, error_json, started_at, ended_at, created_at FROM engine_runs WHERE function_id = ? ORDER BY created_at, id",
    args: [functionId],
  });
  return rs.rows.map((r) => ({
    id: String(r.id),
    status: String(r.status),
    output: r.output_json === null ? null : (JSON.parse(String(r.output_json)) as unknown),
    error: r.error_json === null ? null : (JSON.parse(String(r.error_json)) as unknown),
    started_at: r.started_at === null ? null : Number(r.started_at),
    ended_at: r.ended_at === null ? null : Number(r.ended_at),
    created_at: Number(r.created_at),
  }));
}

/** Waits until the function has `count` runs that all reached a final status. */
export async function finishedRuns(
  db: Client,
  functionId: string,
  count = 1,
  timeoutMs = 15_000
): Promise<RunSummary[]> {
  return until(
    async () => {
      const runs = await runsOf(db, functionId);
      const done = runs.filter((r) => ["completed", "failed", "cancelled"].includes(r.status));
      return done.length >= count ? done : undefined;
    },
    timeoutMs,
    `${count} finished run(s) of ${functionId}`
  );
}

export async function countWaits(db: Client): Promise<number> {
  const rs = await db.execute("SELECT COUNT(*) AS n FROM engine_waits");
  return Number(rs.rows[0]?.n ?? 0);
}
