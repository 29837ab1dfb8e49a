import { randomBytes } from "node:crypto";
import { MessageChannel, Worker } from "node:worker_threads";
import { adoptEngineState, createEngine, localDatabasePath, migrateEngine, openEngineClient, startWalCheckpointer, type Engine, type IncomingEvent } from "../engine";
import { engineDatabase, workflowMode, type Env } from "../app/utils/env.server";
import { eventSender } from "./engine-event-channel";
import type { EngineThreadReply, EngineThreadRequest } from "./engine-thread-messages";

/**
 * The engine and the workflows do background work beside the web server's
 * requests and streams. When both cores are busy, the web thread, which needs
 * far less CPU, goes first: its threads run this much nicer (as `nice -n 5`).
 */
export const WORKFLOW_NICENESS = 5;

export interface RunningEngine {
  port: number;
  /** Registers the app's functions and starts executing; call once the app listens. */
  connect(appUrl: string): Promise<void>;
  /** Another server of the same functions, for calls while the first is busy. */
  addEndpoint(url: string): void;
  /** Ingests events as `POST /e/:key` does, without the HTTP. */
  send(events: IncomingEvent[]): Promise<{ ids: string[] }>;
  stop(): Promise<void>;
}

/**
 * The embedded engine and the app talk as Inngest Cloud and an app do: every
 * call to /api/inngest is signed and the SDK rejects anything else, so nobody
 * who can reach the web port can run a workflow step. Without configured
 * keys this process makes up its own; the engine and the app's Inngest client
 * both read them from the environment.
 */
export function provideEmbeddedEngineKeys(env: Env, target: NodeJS.ProcessEnv = process.env): boolean {
  if (workflowMode(env) !== "embedded" || (env.INNGEST_SIGNING_KEY && env.INNGEST_EVENT_KEY)) return false;
  target.INNGEST_SIGNING_KEY ||= `signkey-local-${randomBytes(32).toString("hex")}`;
  target.INNGEST_EVENT_KEY ||= randomBytes(24).toString("hex");
  return true;
}

/**
 * The embedded Inngest-compatible engine, on its own port like `inngest dev`.
 * Skipped when INNGEST_DEV=0: then Inngest Cloud (or `inngest start`) runs the
 * workflows and calls /api/inngest itself.
 */
export async function startEmbeddedEngine(env: Env): Promise<RunningEngine | null> {
  if (workflowMode(env) !== "embedded") return null;
  // Its own database (a file of its own beside a local app database) and
  // its own connections, tuned for many small commits. Checkpoints of the
  // logs run on worker threads instead of inside some commit
  // (engine/wal-checkpointer.ts); the app's connections leave theirs to it too.
  const database = engineDatabase(env);
  const enginePath = localDatabasePath(database.url);
  const appPath = localDatabasePath(env.DATABASE_URL);
  if (enginePath && appPath && enginePath !== appPath) {
    // Before the engine had a file of its own it kept its state in the app's:
    // move it over before the engine opens its file, so waiting runs go on.
    const adopted = await adoptEngineState(enginePath, appPath);
    if (adopted.rows > 0) console.log(`Moved the workflow engine's state (${adopted.rows} rows) from ${env.DATABASE_URL} to ${database.url}.`);
  }
  const client = await openEngineClient({ ...database, walAutoCheckpoint: 0 });
  const checkpointers = [startWalCheckpointer(database), database.url === env.DATABASE_URL ? null : startWalCheckpointer({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN })];
  await migrateEngine(client);
  const engine = createEngine({
    client,
    signingKey: env.INNGEST_SIGNING_KEY,
    eventKey: env.INNGEST_EVENT_KEY,
    retryBackoffScale: env.ENGINE_BACKOFF_SCALE,
  });
  let listening: Awaited<ReturnType<Engine["listen"]>>;
  try {
    listening = await engine.listen(env.ENGINE_PORT, "127.0.0.1");
  } catch (error) {
    await Promise.all(checkpointers.map((checkpointer) => checkpointer?.stop()));
    client.close();
    throw error;
  }
  let registeredUrl: string | undefined;
  return {
    port: listening.port,
    async connect(appUrl) {
      await engine.registerApp(appUrl);
      registeredUrl = appUrl;
      await engine.start();
    },
    addEndpoint(url) {
      if (!registeredUrl) throw new Error("connect the app before adding endpoints");
      engine.addEndpoint(registeredUrl, url);
    },
    send: (events) => engine.send(events),
    async stop() {
      await engine.stop();
      await listening.close();
      await Promise.all(checkpointers.map((checkpointer) => checkpointer?.stop()));
      client.close();
    },
  };
}

/** An error from the engine thread, keeping its code (say EADDRINUSE). */
class EngineThreadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The embedded engine as the web server sees it: on another thread. */
export interface EngineThread {
  port: number;
  /** Syncs the workflows and starts executing; call once the app listens. */
  connect(): Promise<void>;
  /**
   * Hands events to the engine by message, as `POST /e/:key` would take
   * them; resolves with their ids once they are stored.
   */
  send(events: IncomingEvent[]): Promise<{ ids: string[] }>;
  stop(): Promise<void>;
}

/**
 * The embedded engine on a worker thread of this process, with the app's
 * workflows served beside it (server/workflow-functions-server.ts). The
 * engine talks to its functions only over HTTP, so both can use the second
 * core: their work (events, waits, memoized steps, signing, the steps
 * themselves) never delays a web request or an event stream. Open streams
 * hear about new book events across threads (workflows/book-events.ts).
 */
export async function startEngineThread(env: Env): Promise<EngineThread | null> {
  if (workflowMode(env) !== "embedded") return null;
  // Events from this thread skip the engine's HTTP surface: a loopback
  // request and the SDK's sending cost the web thread about a millisecond
  // per message, and the web thread is the one parents wait on.
  const channel = new MessageChannel();
  const worker = new Worker(new URL("./engine-thread.mjs", import.meta.url), {
    workerData: { events: channel.port2 },
    transferList: [channel.port2],
  });
  const events = eventSender(channel.port1);
  let pending: { resolve: (reply: EngineThreadReply) => void; reject: (error: Error) => void } | null = null;
  let exited = false;
  worker.on("message", (reply: EngineThreadReply) => pending?.resolve(reply));
  worker.on("error", (error) => {
    if (pending) pending.reject(error);
    else {
      console.error("The workflow engine failed:", error);
      process.exit(1);
    }
  });
  worker.on("exit", (code) => {
    exited = true;
    pending?.reject(new Error(`The workflow engine's thread exited (code ${code})`));
    events.close(new Error("The workflow engine's thread has stopped"));
  });

  const next = () =>
    new Promise<EngineThreadReply>((resolve, reject) => {
      pending = {
        resolve: (reply) => {
          pending = null;
          if (reply.type === "failed") reject(new EngineThreadError(reply.message, reply.code));
          else resolve(reply);
        },
        reject: (error) => {
          pending = null;
          reject(error);
        },
      };
    });
  const ask = (request: EngineThreadRequest) => {
    const answer = next();
    worker.postMessage(request);
    return answer;
  };

  let started: EngineThreadReply;
  try {
    started = await next();
  } catch (error) {
    if (!exited) await worker.terminate();
    throw error;
  }
  if (started.type !== "listening") throw new Error(`The workflow engine's thread said ${started.type} before it listened`);
  return {
    port: started.port,
    async connect() {
      await ask({ type: "connect" });
    },
    send: (batch) => events.send(batch),
    async stop() {
      if (exited) return;
      await ask({ type: "stop" });
      await worker.terminate();
    },
  };
}
