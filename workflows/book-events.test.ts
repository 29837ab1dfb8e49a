import { randomUUID } from "node:crypto";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { waitForBookEvents } from "./book-events";

describe("book news", () => {
  it("reaches a stream on another thread of the process at once, not at its next poll", async () => {
    const bookId = randomUUID();
    const news = waitForBookEvents(bookId, 15_000);
    // The embedded engine runs steps on a worker thread; this one stands in for it.
    const module = new URL("./book-events.ts", import.meta.url).href;
    const worker = new Worker(
      `(async () => {
        const { register } = await import("tsx/esm/api");
        register();
        const { announceBookEvents } = await import(${JSON.stringify(module)});
        announceBookEvents(${JSON.stringify(bookId)});
      })();`,
      { eval: true },
    );
    try {
      expect(await news).toBe("news");
    } finally {
      await worker.terminate();
    }
  }, 20_000);
});
