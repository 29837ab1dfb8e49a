import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { bookJobs, books, failedJobs } from "../../db/schema";
import { announceBookEvents, appendBookEvent } from "../../workflows/book-events";
import type { Plot } from "../../workflows/brief";
import { creditUsage, RESERVING_STATUSES } from "../../workflows/credits";
import { bookRenderCancelled, bookRenderRequested } from "../../workflows/events";
import { MAX_RENDERING_BOOKS } from "../../workflows/plot-review";
import { ApiError } from "./api.server";
import { getOwnedBook } from "./books.server";
import { getDb } from "./db.server";
import { sendWorkflowEvents } from "./workflow-events.server";

type Db = Awaited<ReturnType<typeof getDb>>;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Refuses a new render when the user has no credit free or five books rendering. */
export async function assertCanStartRender(db: Db | Tx, userId: string) {
  const usage = await creditUsage(db, userId);
  if (usage.reserving >= MAX_RENDERING_BOOKS) {
    throw new ApiError(429, "too_many_renders", `You already have ${MAX_RENDERING_BOOKS} books being illustrated. Try again when one finishes.`);
  }
  if (usage.available < 1) {
    throw new ApiError(402, "no_credits", "You don't have a credit available. Each finished book uses one.");
  }
}

/**
 * Retries a failed or cancelled render for free: pages already drawn are
 * kept, the credit is reserved again (it was never charged) and only the
 * missing pages are rendered.
 */
export async function retryRender(userId: string, bookId: string) {
  const book = await getOwnedBook(userId, bookId);
  if (book.status !== "failed" && book.status !== "cancelled") {
    throw new ApiError(409, "not_retryable", "Only a book whose illustration failed or was stopped can be retried.");
  }
  if (!book.plot) throw new ApiError(409, "not_retryable", "This book has no approved plot yet.");
  const db = await getDb();
  const jobId = randomUUID();
  await db.transaction(async (tx) => {
    await assertCanStartRender(tx, userId);
    const changed = await tx
      .update(books)
      .set({ status: "queued", updatedAt: new Date() })
      .where(and(eq(books.id, bookId), inArray(books.status, ["failed", "cancelled"])))
      .returning({ id: books.id });
    if (changed.length === 0) throw new ApiError(409, "not_retryable", "This book is already being retried.");
    await tx.insert(bookJobs).values({ id: jobId, bookId, stage: "queued", totalPages: (book.plot as Plot).pages.length });
    await tx.update(failedJobs).set({ retriedAt: new Date() }).where(and(eq(failedJobs.bookId, bookId), isNull(failedJobs.retriedAt)));
    await appendBookEvent(tx, bookId, "status", { status: "queued" });
  });
  announceBookEvents(bookId);
  await sendWorkflowEvents([
    bookRenderRequested.create(
      { bookId, userId, jobId, plotVersion: book.plotVersion, plot: book.plot as Plot },
      { id: `render-retry-${jobId}` },
    ),
  ]);
  return { jobId };
}

/** Stops rendering and releases the reservation; the book can be retried later. */
export async function cancelRender(userId: string, bookId: string) {
  const book = await getOwnedBook(userId, bookId);
  const db = await getDb();
  const changed = await db.transaction(async (tx) => {
    const rows = await tx
      .update(books)
      .set({ status: "cancelled", updatedAt: new Date() })
      .where(and(eq(books.id, bookId), inArray(books.status, [...RESERVING_STATUSES])))
      .returning({ id: books.id });
    if (rows.length) {
      await tx.update(bookJobs).set({ stage: "cancelled", updatedAt: new Date() }).where(eq(bookJobs.bookId, bookId));
      await appendBookEvent(tx, bookId, "status", { status: "cancelled" });
    }
    return rows.length > 0;
  });
  if (!changed) throw new ApiError(409, "not_rendering", "This book isn't being illustrated right now.");
  announceBookEvents(bookId);
  await sendWorkflowEvents([bookRenderCancelled.create({ bookId, userId: book.userId })]);
}
