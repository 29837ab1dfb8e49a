import { once } from "node:events";
import { getPriority } from "node:os";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { currentThreadId } from "./thread-priority";

// A worker thread, as the engine's is, lowers its own priority with the real
// function (loaded through tsx, as the server's threads load it) and reports
// its thread id and the outcome.
const LOWERING_THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
import("tsx/esm/api")
  .then(({ register }) => { register(); return import(workerData.module); })
  .then(({ currentThreadId, lowerThisThreadsPriority }) => {
    const tid = currentThreadId();
    // Twice: each call adds to the niceness the thread already has.
    const lowered = lowerThisThreadsPriority(workerData.niceness) && lowerThisThreadsPriority(workerData.niceness);
    parentPort.postMessage({ tid, lowered });
  });
`;

describe("lowerThisThreadsPriority", () => {
  it("lowers the calling thread's priority by the given niceness, and not the thread that started it", async () => {
    const own = currentThreadId();
    expect(own).toBeGreaterThan(0);
    const before = getPriority(own!);
    const worker = new Worker(LOWERING_THREAD, {
      eval: true,
      workerData: { module: new URL("./thread-priority.ts", import.meta.url).href, niceness: 3 },
    });
    try {
      const [{ tid, lowered }] = (await once(worker, "message")) as [{ tid: number; lowered: boolean }];
      expect(lowered).toBe(true);
      expect(tid).not.toBe(own);
      expect(getPriority(tid)).toBe(Math.min(19, before + 6));
      expect(getPriority(own!)).toBe(before);
    } finally {
      await worker.terminate();
    }
  });
});
