/**
 * Worker-thread entry for one more server of the app's workflows (see
 * startWorkflowThreads in ./workflow-threads.ts): the same functions as the
 * engine's thread serves, on another loopback port, so two steps can run at
 * once on two cores.
 */
import { parentPort } from "node:worker_threads";
import { startFunctionsServer } from "./workflow-functions-server";
import type { WorkflowThreadReply, WorkflowThreadRequest } from "./engine-thread-messages";

// As on the engine's thread: the SDK reads the environment many times per call.
process.env = { ...process.env };

const port = parentPort;
if (!port) throw new Error("server/workflow-thread.ts runs only as a worker thread");

try {
  const workflows = await startFunctionsServer();
  port.on("message", (request: WorkflowThreadRequest) => {
    if (request.type !== "stop") return;
    workflows.close().then(
      () => port.postMessage({ type: "stopped" } satisfies WorkflowThreadReply),
      (error: unknown) => port.postMessage({ type: "failed", message: String(error) } satisfies WorkflowThreadReply),
    );
  });
  port.postMessage({ type: "listening", url: workflows.url } satisfies WorkflowThreadReply);
} catch (error) {
  port.postMessage({ type: "failed", message: String(error) } satisfies WorkflowThreadReply);
}
