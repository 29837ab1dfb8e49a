import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, books, renderedPages, sessions } from "../db/schema";
import { createApiToken, deleteExpiredApiTokens, userIdForApiToken } from "../app/utils/api-tokens.server";
import { deleteExpiredSessions } from "../app/utils/session.server";
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

  it("forgets expired sessions and API tokens, keeping live ones", async () => {
    const userId = await createTestUser();
    const db = await getDb();
    const day = 86_400_000;
    await db.insert(sessions).values([
      { id: "expired-session", userId, data: {}, expiresAt: new Date(Date.now() - day) },
      { id: "live-session", userId, data: {}, expiresAt: new Date(Date.now() + day) },
    ]);
    const stale = await createApiToken(userId);
    await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - day) }).where(eq(apiTokens.userId, userId));
    const live = await createApiToken(userId);
    expect(await deleteExpiredSessions()).toBe(1);
    expect(await deleteExpiredApiTokens()).toBe(1);
    expect((await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).map((s) => s.id)).toEqual(["live-session"]);
    expect(await userIdForApiToken(live.token)).toBe(userId);
    expect(await userIdForApiToken(stale.token)).toBeNull();
    expect(await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.userId, userId))).toHaveLength(1);
  });
});
