import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { books, renderedPages } from "../db/schema";
import { getDb } from "../app/utils/db.server";
import { createTestUser } from "../tests/utils/books";
import { startWorkflowHarness, type WorkflowHarness } from "../tests/utils/workflow-harness";
import { expireAbandonedDrafts, removeOrphanedObjects } from "./housekeeping";
import { bookPdfKey, getObjectStore, pageImageKey } from "./storage";

let harness: WorkflowHarness;
beforeAll(async () => {
  harness = await startWorkflowHarness();
});
afterAll(() => harness.close());

const png = new Uint8Array([137, 80, 78, 71]);

describe("housekeeping", () => {
  it("expires drafts older than the configured age and keeps the rest", async () => {
    const userId = await createTestUser();
    const db = await getDb();
    const old = new Date(Date.now() - 40 * 86_400_000);
    const [stale, fresh, finished] = [randomUUID(), randomUUID(), randomUUID()];
    await db.insert(books).values([
      { id: stale, userId, status: "paused", updatedAt: old },
      { id: fresh, userId, status: "intake" },
      { id: finished, userId, status: "complete", updatedAt: old },
    ]);
    expect(await expireAbandonedDrafts(30)).toEqual({ expired: 1 });
    const left = (await db.select({ id: books.id }).from(books).where(eq(books.userId, userId))).map((b) => b.id).sort();
    expect(left).toEqual([fresh, finished].sort());
  });

  it("removes objects no row points to, and nothing else", async () => {
    const userId = await createTestUser();
    const db = await getDb();
    const store = getObjectStore();
    const kept = randomUUID();
    const rendering = randomUUID();
    const deleted = randomUUID();
    await db.insert(books).values([
      { id: kept, userId, status: "complete" },
      { id: rendering, userId, status: "rendering" },
    ]);
    await db.insert(renderedPages).values({ id: randomUUID(), bookId: kept, pageNumber: 1, text: "x", imageKey: pageImageKey(kept, 1) });
    for (const key of [pageImageKey(kept, 1), pageImageKey(kept, 2), bookPdfKey(kept), pageImageKey(rendering, 1), pageImageKey(deleted, 1), bookPdfKey(deleted)]) {
      await store.put(key, png, "image/png");
    }
    expect(await removeOrphanedObjects()).toEqual({ removed: 3 });
    expect(await store.list("books/")).toEqual([bookPdfKey(kept), pageImageKey(kept, 1), pageImageKey(rendering, 1)].sort());
  });
});
