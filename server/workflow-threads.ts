import { once } from "node:events";
import { Worker } from "node:worker_threads";
import type { WorkflowThreadReply, WorkflowThreadRequest } from "./engine-thread-messages";

export interface WorkflowThread {
  /** Where the engine can call these workflows. */
  url: string;
  stop(): Promise<void>;
}

async function nextReply(worker: Worker): Promise<WorkflowThreadReply> {
  const [reply] = (await Promise.race([once(worker, "message"), once(worker, "error").then(([error]) => Promise.reject(error as Error))])) as [
    WorkflowThreadReply,
  ];
  return reply;
}

async function startWorkflowThread(): Promise<WorkflowThread> {
  const worker = new Worker(new URL("./workflow-thread.mjs", import.meta.url));
  const started = await nextReply(worker).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  if (started.type !== "listening") {
    await worker.terminate();
    throw new Error(`A workflow thread did not start: ${started.type === "failed" ? started.message : started.type}`);
  }
  return {
    url: started.url,
    async stop() {
      const stopped = nextReply(worker).catch(() => undefined);
      worker.postMessage({ type: "stop" } satisfies WorkflowThreadRequest);
      await stopped;
      await worker.terminate();
    },
  };
}

/**
 * `count` more threads serving the app's workflows, beside the one the engine
 * runs on. A step's work (the SDK's checks and replay, the storyteller, its
 * database writes) takes one thread at a time: with more than one, a parent's
 * answer need not wait for another parent's step to finish.
 */
export async function startWorkflowThreads(count: number): Promise<WorkflowThread[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startWorkflowThread()));
  const threads = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await Promise.all(threads.map((thread) => thread.stop()));
    throw failed.reason;
  }
  return threads;
}
