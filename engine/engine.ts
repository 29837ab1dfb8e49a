/** createEngine: composes the registry, the transitions, the runner and the HTTP surface. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { one, withTransaction } from "./db";
import { createRequestHandler } from "./http/server";
import type {
  EngineEvent,
  EngineOptions,
  FunctionConfig,
  IncomingEvent,
  Logger,
  TransitionContext,
} from "./interfaces";
import { FunctionRegistry } from "./registry";
import { Runner } from "./runner";
import { syncInBand } from "./sdk-client";
import { checkpointSteps } from "./transitions/checkpoint-steps";
import { ingestEvent, normalizeEvent } from "./transitions/ingest-event";
import { registerApp as registerAppTransition } from "./transitions/register-app";
import { WaitKeyCache } from "./transitions/wait-keys";

export interface Engine {
  /** In-band sync: asks the app at `serveUrl` for its functions and stores them. */
  registerApp(serveUrl: string): Promise<{ appId: string; functionIds: string[]; modified: boolean }>;
  /** Ingests events exactly like `POST /e/:key`; returns their ids. */
  send(events: IncomingEvent | IncomingEvent[]): Promise<{ ids: string[] }>;
  /** Serves the HTTP surface; port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<{ port: number; close(): Promise<void> }>;
  /** Starts the queue workers (and recovers work left by a crashed process). */
  start(): Promise<void>;
  /** Stops claiming work and waits for in-flight calls to finish. */
  stop(): Promise<void>;
  /**
   * Another server of the app registered at `appUrl`, serving the same
   * functions (another thread or process): each call goes to whichever of
   * them has the fewest calls in flight, the registered one on a tie.
   */
  addEndpoint(appUrl: string, url: string): void;
  /** The HTTP surface as a node request handler, to mount elsewhere. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

const quietLogger: Logger = {
  info: () => undefined,
  warn: (message, extra) => console.warn(`[engine] ${message}`, extra ?? ""),
  error: (message, extra) => console.error(`[engine] ${message}`, extra ?? ""),
};

export function createEngine(options: EngineOptions): Engine {
  const { client } = options;
  const logger = options.logger ?? quietLogger;
  const registry = new FunctionRegistry();
  const ctx: TransitionContext = {
    functions: registry,
    waitKeys: new WaitKeyCache("engine_waits"),
    cancelKeys: new WaitKeyCache("engine_cancels"),
    backoffScale: options.retryBackoffScale ?? 1,
    logger,
  };
  const runner = new Runner({
    client,
    ctx,
    ...(options.signingKey ? { signingKey: options.signingKey } : {}),
    checkpointing: options.checkpointing ?? true,
    pollIntervalMs: options.pollIntervalMs ?? 250,
    maxInFlight: options.maxInFlight ?? 32,
    callTimeoutMs: options.callTimeoutMs ?? 300_000,
    historyRetentionMs: (options.historyRetentionDays ?? 7) * 86_400_000,
  });
  let loaded: Promise<void> | undefined;
  const ready = () => (loaded ??= registry.load(client));

  async function send(input: IncomingEvent | IncomingEvent[]): Promise<{ ids: string[] }> {
    await ready();
    const events = (Array.isArray(input) ? input : [input]).map((e) => normalizeEvent(e));
    for (const event of events) await withTransaction(client, (tx) => ingestEvent(tx, ctx, event));
    runner.wake();
    return { ids: events.map((e) => e.id) };
  }

  async function registerFunctions(app: { url: string; appId: string; functions: FunctionConfig[] }) {
    await ready();
    const result = await withTransaction(client, (tx) => registerAppTransition(tx, app));
    await registry.load(client);
    runner.wake();
    return result;
  }

  async function replayRun(runId: string): Promise<{ eventId: string } | undefined> {
    const row = await one<{ event_json: string }>(client, "SELECT event_json FROM engine_runs WHERE id = ?", [runId]);
    if (!row) return undefined;
    const original = JSON.parse(row.event_json) as EngineEvent;
    // A fresh id: the original id is still inside its 24h dedupe window.
    const { ids } = await send({
      name: original.name,
      data: original.data,
      ...(original.user ? { user: original.user } : {}),
    });
    return { eventId: ids[0] ?? "" };
  }

  const handler = createRequestHandler({
    client,
    ...(options.eventKey ? { eventKey: options.eventKey } : {}),
    ...(options.signingKey ? { signingKey: options.signingKey } : {}),
    logger,
    send,
    registerFunctions,
    replayRun,
    async checkpoint(input) {
      const outcome = await checkpointSteps(client, input);
      // While stopping, the steps are kept but the call ends here, rather than run on until its next wait.
      return outcome === "stored" && runner.checkpointStored(input.queueItemId) ? "carry-on" : "stop";
    },
  });

  return {
    handler,
    send,
    async registerApp(serveUrl) {
      const synced = await syncInBand(serveUrl, options.signingKey);
      const { modified } = await registerFunctions({ url: serveUrl, appId: synced.appId, functions: synced.functions });
      return { appId: synced.appId, functionIds: synced.functions.map((f) => f.id), modified };
    },
    listen(port = 8288, host = "127.0.0.1") {
      const server = createServer(handler);
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          resolve({
            port: address.port,
            close: () =>
              new Promise<void>((done) => {
                server.close(() => done());
                server.closeAllConnections();
              }),
          });
        });
      });
    },
    async start() {
      await ready();
      await runner.start();
    },
    stop: () => runner.stop(),
    addEndpoint: (appUrl, url) => runner.addEndpoint(appUrl, url),
  };
}
