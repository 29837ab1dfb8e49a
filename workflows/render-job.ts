import { and, eq } from "drizzle-orm";
import { bookJobs, books } from "../db/schema";
import { getDb } from "../app/utils/db.server";
import { announceBookEvents, appendBookEvent } from "./book-events";

/**
 * The page pipeline's first step: the job records which run owns it and the
 * book shows as rendering. Illustration, storage and the PDF come next.
 */
export async function acceptRenderJob(bookId: string, jobId: string, totalPages: number) {
  const db = await getDb();
  const accepted = await db.transaction(async (tx) => {
    const job = await tx.query.bookJobs.findFirst({ where: and(eq(bookJobs.id, jobId), eq(bookJobs.bookId, bookId)) });
    if (!job) return false;
    await tx.update(bookJobs).set({ stage: "rendering", totalPages, updatedAt: new Date() }).where(eq(bookJobs.id, jobId));
    const changed = await tx
      .update(books)
      .set({ status: "rendering", updatedAt: new Date() })
      .where(and(eq(books.id, bookId), eq(books.status, "queued")))
      .returning({ id: books.id });
    if (changed.length) await appendBookEvent(tx, bookId, "status", { status: "rendering" });
    return true;
  });
  if (accepted) announceBookEvents(bookId);
  return accepted;
}
