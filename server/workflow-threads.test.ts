import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncInBand } from "../engine/sdk-client";
import { functions } from "../workflows/functions";
import { startWorkflowThreads } from "./workflow-threads";

// The threads read the environment they start with, as the engine's thread does.
const signingKey = `signkey-test-${randomBytes(32).toString("hex")}`;
const previousKey = process.env.INNGEST_SIGNING_KEY;
beforeAll(() => {
  process.env.INNGEST_SIGNING_KEY = signingKey;
});
afterAll(() => {
  if (previousKey === undefined) delete process.env.INNGEST_SIGNING_KEY;
  else process.env.INNGEST_SIGNING_KEY = previousKey;
});

describe("startWorkflowThreads", () => {
  it("serves the app's workflows from other threads, each on its own port, until stopped", async () => {
    const threads = await startWorkflowThreads(2);
    try {
      expect(new Set(threads.map((thread) => thread.url)).size).toBe(2);
      for (const thread of threads) {
        // What the engine asks when it registers the app: signed, so only it gets an answer.
        expect((
          await fetch(thread.url, {
            method: "PUT",
            headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" },
            body: JSON.stringify({ url: thread.url }),
          })
        ).status).toBe(401);
        const synced = await syncInBand(thread.url, signingKey);
        // Each function, plus the failure handlers the SDK registers beside some of them.
        expect(synced.functions.length).toBeGreaterThanOrEqual(functions.length);
        expect(synced.functions.map((fn) => fn.id)).toEqual(expect.arrayContaining(["bookbug-create-book", "bookbug-generate-pages"]));
      }
    } finally {
      await Promise.all(threads.map((thread) => thread.stop()));
    }
    for (const thread of threads) await expect(fetch(thread.url)).rejects.toThrow();
  });

  it("starts none when asked for none", async () => {
    expect(await startWorkflowThreads(0)).toEqual([]);
  });
});
