import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { closeDb, getDb } from "../app/utils/db.server";
import { EnvError, getEnv, cookiesAreSecure, reloadEnv } from "../app/utils/env.server";
import { deliverWorkflowEventsTo } from "../app/utils/engine-inbox.server";
import { createExpressApp } from "./app";
import { provideEmbeddedEngineKeys, startEngineThread } from "./workflow-engine";

const SHUTDOWN_GRACE_MS = 10_000;
/**
 * How long an idle connection stays open. Node's default, 5 s, is shorter
 * than a parent takes to read a reply and type the next answer, so nearly
 * every message would pay for a new connection (a TLS handshake on a real
 * network). Above the 60 s idle timeout of common load balancers, so the
 * server is never the one to close a connection they are about to reuse.
 */
const IDLE_CONNECTION_MS = 65_000;

function isAddressInUse(error: unknown) {
  return (error as { code?: unknown } | null)?.code === "EADDRINUSE";
}

/** Says what went wrong in a sentence, not a stack trace, and stops. */
function refuseToStart(message: string): never {
  console.error(`Bookbug cannot start.\n${message}`);
  process.exit(1);
}

async function main() {
  // A `.env` beside the app fills in what the real environment leaves unset.
  if (existsSync(".env")) process.loadEnvFile(".env");
  let env;
  try {
    env = getEnv();
    if (provideEmbeddedEngineKeys(env)) env = reloadEnv();
  } catch (error) {
    if (error instanceof EnvError) refuseToStart(`${error.message}\nSee .env.example for every setting.`);
    throw error;
  }

  // Migrations run before we accept a single request.
  await getDb();
  let workflows: Awaited<ReturnType<typeof startEngineThread>>;
  try {
    workflows = await startEngineThread(env);
  } catch (error) {
    if (isAddressInUse(error)) refuseToStart(`The workflow engine's port ${env.ENGINE_PORT} is in use. Stop what is using it, or set ENGINE_PORT.`);
    throw error;
  }
  // The app's events go to the engine's thread by message, not over HTTP.
  if (workflows) deliverWorkflowEventsTo((events) => workflows.send(events));

  const mode = env.NODE_ENV === "development" ? "development" : "production";
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const { app, closeVite } = await createExpressApp({
    mode,
    logRequests: env.LOG_REQUESTS,
    secureCookies: cookiesAreSecure(env),
    trustProxy: env.TRUST_PROXY,
    ready,
  });

  const server = app.listen(env.PORT, env.HOST, () => {
    const { port } = server.address() as AddressInfo;
    const connecting = workflows ? workflows.connect() : Promise.resolve();
    connecting
      .then(() => {
        markReady();
        console.log(`Bookbug is ready on http://localhost:${port} (${mode})`);
        if (workflows) console.log(`Workflow engine: http://localhost:${workflows.port} (runs, events, waits)`);
      })
      .catch((error: unknown) => {
        console.error("The workflow engine could not reach the app:", error);
        process.exit(1);
      });
  });

  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  server.on("error", (error) => {
    if (isAddressInUse(error)) refuseToStart(`Port ${env.PORT} is in use. Stop what is using it, or set PORT.`);
    console.error("Bookbug's web server failed:", error);
    process.exit(1);
  });

  let shuttingDown = false;
  async function shutdown(signal: string) {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`${signal} received: finishing in-flight requests…`);
    // Long-lived responses (event streams) would hold close() open forever.
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    // The engine stops claiming work and lets its in-flight step calls finish
    // (their results get memoized) while the app can still answer them.
    await workflows?.stop();
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await closeVite?.();
    await closeDb();
    console.log("Bookbug stopped cleanly.");
    process.exit(0);
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error("Bookbug failed to start:", error);
  process.exit(1);
});
