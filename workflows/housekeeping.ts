import { and, inArray, lt } from "drizzle-orm";
import { books, renderedPages } from "../db/schema";
import { getDb } from "../app/utils/db.server";
import { getEnv } from "../app/utils/env.server";
import { deleteExpiredApiTokens } from "../app/utils/api-tokens.server";
import { deleteExpiredSessions } from "../app/utils/session.server";
import { inngest } from "./client";
import { bookCancelled } from "./events";
import { RESERVING_STATUSES } from "./credits";
import { bookPdfKey, getObjectStore } from "./storage";

const DRAFT_STATUSES = ["intake", "paused", "plot_review"] as const;

/** Deletes drafts nobody has touched for `maxAgeDays`, and stops their conversations. */
export async function expireAbandonedDrafts(maxAgeDays: number, now = new Date()) {
  const db = await getDb();
  const cutoff = new Date(now.getTime() - maxAgeDays * 86_400_000);
  const stale = await db
    .select({ id: books.id, userId: books.userId })
    .from(books)
    .where(and(inArray(books.status, [...DRAFT_STATUSES]), lt(books.updatedAt, cutoff)));
  if (stale.length === 0) return { expired: 0 };
  await db.delete(books).where(inArray(books.id, stale.map((book) => book.id)));
  await inngest.send(stale.map((book) => bookCancelled.create({ bookId: book.id, userId: book.userId })));
  return { expired: stale.length };
}

/**
 * Removes stored objects no row points to: everything of deleted books, and
 * page pictures without a page row unless the book is being rendered now.
 */
export async function removeOrphanedObjects() {
  const db = await getDb();
  const store = getObjectStore();
  const keys = await store.list("books/");
  const bookIds = [...new Set(keys.map((key) => key.split("/")[1]).filter((id): id is string => Boolean(id)))];
  if (bookIds.length === 0) return { removed: 0 };
  const known = new Map(
    (await db.select({ id: books.id, status: books.status }).from(books).where(inArray(books.id, bookIds))).map((b) => [b.id, b.status]),
  );
  const referenced = new Set(
    (await db.select({ key: renderedPages.imageKey }).from(renderedPages).where(inArray(renderedPages.bookId, bookIds))).map((row) => row.key),
  );
  let removed = 0;
  for (const key of keys) {
    const bookId = key.split("/")[1] ?? "";
    const status = known.get(bookId);
    const busy = status !== undefined && (RESERVING_STATUSES as readonly string[]).includes(status);
    const orphan = status === undefined || (!busy && key !== bookPdfKey(bookId) && !referenced.has(key));
    if (orphan) {
      await store.delete(key);
      removed += 1;
    }
  }
  return { removed };
}

export const housekeeping = inngest.createFunction(
  { id: "housekeeping", name: "Tidy up drafts, stored objects and expired logins", triggers: [{ cron: "TZ=UTC 17 3 * * *" }] },
  async ({ step }) => {
    const drafts = await step.run("expire-abandoned-drafts", () => expireAbandonedDrafts(getEnv().DRAFT_MAX_AGE_DAYS));
    const objects = await step.run("remove-orphaned-objects", () => removeOrphanedObjects());
    const logins = await step.run("forget-expired-logins", async () => ({
      sessions: await deleteExpiredSessions(),
      apiTokens: await deleteExpiredApiTokens(),
    }));
    return { ...drafts, ...objects, expiredLogins: logins };
  },
);
