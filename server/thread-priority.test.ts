import { once } from "node:events";
import { getPriority } from "node:os";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { currentThreadId, lowerThisThreadsPriority } from "./thread-priority";

// A thread started before the change reports its id, then its priority when asked.
const OTHER_THREAD = `
const { parentPort } = require("node:worker_threads");
const { readlinkSync } = require("node:fs");
const { getPriority } = require("node:os");
const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
parentPort.postMessage(tid);
parentPort.on("message", () => parentPort.postMessage(getPriority(tid)));
`;

describe("lowerThisThreadsPriority", () => {
  it("lowers the calling thread's priority and no other thread's", async () => {
    const own = currentThreadId();
    expect(own).toBeGreaterThan(0);
    const other = new Worker(OTHER_THREAD, { eval: true });
    try {
      const [otherTid] = (await once(other, "message")) as [number];
      expect(otherTid).not.toBe(own);
      const before = getPriority(own!);
      const otherBefore = getPriority(otherTid);

      expect(lowerThisThreadsPriority(before + 3)).toBe(true);

      expect(getPriority(own!)).toBe(before + 3);
      other.postMessage("priority?");
      const [otherAfter] = (await once(other, "message")) as [number];
      expect(otherAfter).toBe(otherBefore);
    } finally {
      await other.terminate();
    }
  });
});
