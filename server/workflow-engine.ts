import type { Client } from "@libsql/client";
import { createEngine, migrateEngine, type Engine } from "../engine";
import type { Env } from "../app/utils/env.server";

export interface RunningEngine {
  engine: Engine;
  port: number;
  /** Registers the app's functions and starts executing; call once the app listens. */
  connect(appUrl: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The embedded Inngest-compatible engine, on its own port like `inngest dev`.
 * Skipped when INNGEST_DEV=0: then Inngest Cloud (or `inngest start`) runs the
 * workflows and calls /api/inngest itself.
 */
export async function startEmbeddedEngine(client: Client, env: Env): Promise<RunningEngine | null> {
  if (!env.INNGEST_DEV || env.INNGEST_BASE_URL) return null;
  await migrateEngine(client);
  const engine = createEngine({
    client,
    signingKey: env.INNGEST_SIGNING_KEY,
    eventKey: env.INNGEST_EVENT_KEY,
    retryBackoffScale: env.ENGINE_BACKOFF_SCALE,
  });
  const listening = await engine.listen(env.ENGINE_PORT, "127.0.0.1");
  return {
    engine,
    port: listening.port,
    async connect(appUrl) {
      await engine.registerApp(appUrl);
      await engine.start();
    },
    async stop() {
      await engine.stop();
      await listening.close();
    },
  };
}
