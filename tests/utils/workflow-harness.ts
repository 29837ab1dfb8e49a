import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "inngest/node";
import { createEngine, migrateEngine, type Engine } from "../../engine";
import { resetEnvForTests } from "../../app/utils/env.server";

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

async function freePort() {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface WorkflowHarness {
  engine: Engine;
  engineUrl: string;
  /** The engine's view of runs (its `/v0/runs` API). */
  runs(functionId?: string): Promise<{ id: string; functionId: string; status: string; event: { data: Record<string, unknown> } }[]>;
  close(): Promise<void>;
}

/**
 * The app's real workflows served by the SDK over HTTP, driven by the
 * embedded engine, on this test file's own database. Env overrides (like a
 * short ANSWER_TIMEOUT) must be given here, before the modules load.
 */
export async function startWorkflowHarness(env: Record<string, string> = {}): Promise<WorkflowHarness> {
  // The port the setup file reserved: the workflow client already points there.
  const enginePort = Number(process.env.ENGINE_PORT) || (await freePort());
  Object.assign(process.env, { INNGEST_DEV: "1", ENGINE_PORT: String(enginePort), ...env });
  resetEnvForTests();

  const { getDb } = await import("../../app/utils/db.server");
  const db = await getDb();
  await migrateEngine(db.$client);
  const engine = createEngine({
    client: db.$client,
    signingKey: process.env.INNGEST_SIGNING_KEY,
    eventKey: process.env.INNGEST_EVENT_KEY,
    retryBackoffScale: 0.001,
    pollIntervalMs: 50,
    logger: { info: () => undefined, warn: () => undefined, error: (message, extra) => console.error(message, extra) },
  });
  const listening = await engine.listen(enginePort, "127.0.0.1");
  const { inngest } = await import("../../workflows/client");
  const { functions } = await import("../../workflows/functions");
  const app = createServer(serve({ client: inngest, functions }));
  const appPort = await listen(app);
  await engine.registerApp(`http://127.0.0.1:${appPort}/api/inngest`);
  await engine.start();
  const engineUrl = `http://127.0.0.1:${listening.port}`;

  return {
    engine,
    engineUrl,
    async runs(functionId) {
      const query = functionId ? `?function_id=${encodeURIComponent(`bookbug-${functionId}`)}&limit=200` : "?limit=200";
      const response = await fetch(`${engineUrl}/v0/runs${query}`);
      const body = (await response.json()) as { data: Awaited<ReturnType<WorkflowHarness["runs"]>> };
      return body.data;
    },
    async close() {
      await engine.stop();
      await listening.close();
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    },
  };
}
