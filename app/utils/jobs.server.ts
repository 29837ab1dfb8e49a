import { desc, eq } from "drizzle-orm";
import { bookJobs } from "../../db/schema";
import { latestBookEventId } from "../../workflows/book-events";
import { getOwnedBook } from "./books.server";
import { getDb } from "./db.server";

export interface JobStatus {
  bookId: string;
  status: string;
  stage: string | null;
  currentPage: number;
  totalPages: number;
  error: string | null;
  lastEventId: number;
}

/** Render status for polling clients (and the SSE fallback). */
export async function getJobStatus(userId: string, bookId: string): Promise<JobStatus> {
  // The cursor before the book: a client that streams from it afterwards may
  // see an event twice, but never misses one that landed while this was read.
  // (Another user's book still gets a 404 below, before anything is returned.)
  const lastEventId = await latestBookEventId(bookId);
  const book = await getOwnedBook(userId, bookId);
  const db = await getDb();
  const job = await db.query.bookJobs.findFirst({ where: eq(bookJobs.bookId, bookId), orderBy: [desc(bookJobs.createdAt)] });
  return {
    bookId,
    status: book.status,
    stage: job?.stage ?? null,
    currentPage: job?.currentPage ?? 0,
    totalPages: job?.totalPages ?? book.pageCount ?? 0,
    error: job?.error ?? null,
    lastEventId,
  };
}
