/**
 * Worker-thread entry for the embedded engine and the workflows it runs (see
 * startEngineThread in ./workflow-engine.ts). It reads the same environment
 * as the web server and answers the main thread's requests one at a time.
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { getEnv } from "../app/utils/env.server";
import { lowerThisThreadsPriority } from "./thread-priority";
import { startEmbeddedEngine, WORKFLOW_NICENESS } from "./workflow-engine";
import { startFunctionsServer } from "./workflow-functions-server";
import { startWorkflowThreads, type WorkflowThread } from "./workflow-threads";
import { answerEvents } from "./engine-event-channel";
import type { EngineThreadReply, EngineThreadRequest } from "./engine-thread-messages";

// A worker's process.env is already its own copy of the environment, but it
// still reads through native code on every access. The Inngest SDK walks the
// whole environment several times per step call; a plain object with the
// same values makes that about 20 times cheaper. The one difference, that
// values written later are not turned into strings, does not matter: nothing
// on this thread writes to the environment.
process.env = { ...process.env };

const port = parentPort;
if (!port) throw new Error("server/engine-thread.ts runs only as a worker thread");

// Threads it starts (more workflows, the log checkpointer) inherit this.
lowerThisThreadsPriority(WORKFLOW_NICENESS);

function reply(message: EngineThreadReply) {
  port!.postMessage(message);
}

function failure(error: unknown): EngineThreadReply {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return { type: "failed", code: typeof code === "string" ? code : undefined, message: String(message ?? error) };
}

try {
  const env = getEnv();
  // Booted beside the engine and never waited for: the app is ready as soon
  // as the engine is, and until they are up its own thread serves every call.
  const more = startWorkflowThreads(env.WORKFLOW_THREADS - 1).catch((error: unknown) => {
    console.error("More workflow threads could not start; the engine's own thread serves every call:", error);
    return [] as WorkflowThread[];
  });
  const running = await startEmbeddedEngine(env);
  if (!running) throw new Error("The engine thread started with the embedded engine turned off");
  const workflows = await startFunctionsServer();
  const connect = async () => {
    await running.connect(workflows.url);
    void more.then((threads) => {
      for (const thread of threads) running.addEndpoint(thread.url);
    });
  };
  const stop = async () => {
    // In-flight step calls finish (and get memoized) before the workflows go.
    await running.stop();
    await Promise.all([workflows.close(), ...(await more).map((thread) => thread.stop())]);
  };
  // Events the web thread sends (startEngineThread); queued on the channel
  // until now, so none sent while the engine started is lost.
  const events = (workerData as { events: MessagePort }).events;
  answerEvents(events, (batch) => running.send(batch));
  port.on("message", (request: EngineThreadRequest) => {
    const work = request.type === "connect" ? connect() : stop();
    work.then(
      () => reply({ type: request.type === "connect" ? "connected" : "stopped" }),
      (error: unknown) => reply(failure(error)),
    );
  });
  reply({ type: "listening", port: running.port });
} catch (error) {
  reply(failure(error));
}
