import { asc, desc, eq } from "drizzle-orm";
import { bookJobs, chatMessages, renderedPages } from "../../db/schema";
import { pageImageUrl } from "../../workflows/render-book";
import { latestBookEventId } from "../../workflows/book-events";
import { toApiMessage } from "../../workflows/conversation";
import type { Plot } from "../../workflows/brief";
import { ApiError } from "./api.server";
import { getOwnedBook } from "./books.server";
import { getDb } from "./db.server";
import { markBookNotificationsRead } from "./notifications.server";

/** Everything the book page shows on first load; the stream takes over from `lastEventId`. */
export async function loadBookPage(userId: string, bookId: string) {
  // The cursor before the book: a step on another thread may commit between
  // these reads, and a snapshot must never claim events newer than its book
  // row (the page would take its older status over the stream's). Anything
  // after the cursor arrives over the stream. Another user's book is still a
  // 404 below, before anything is returned.
  const lastEventId = await latestBookEventId(bookId);
  let book;
  try {
    book = await getOwnedBook(userId, bookId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw new Response("Not found", { status: 404 });
    throw error;
  }
  await markBookNotificationsRead(userId, bookId);
  const db = await getDb();
  const rows = await db.select().from(chatMessages).where(eq(chatMessages.bookId, bookId)).orderBy(asc(chatMessages.id));
  const pages = await db
    .select({ number: renderedPages.pageNumber, text: renderedPages.text })
    .from(renderedPages)
    .where(eq(renderedPages.bookId, bookId))
    .orderBy(asc(renderedPages.pageNumber));
  const job = await db.query.bookJobs.findFirst({ where: eq(bookJobs.bookId, bookId), orderBy: [desc(bookJobs.createdAt)] });
  return {
    book: {
      id: book.id,
      title: book.title,
      status: book.status,
      plot: (book.plot as Plot | null) ?? null,
      plotVersion: book.plotVersion,
      heroName: typeof book.brief.heroName === "string" ? book.brief.heroName : null,
    },
    messages: rows.map(toApiMessage),
    pages: pages.map((page) => ({ ...page, imageUrl: pageImageUrl(bookId, page.number) })),
    job: job ? { stage: job.stage, error: job.error, totalPages: job.totalPages } : null,
    dedication: typeof book.brief.dedication === "string" ? book.brief.dedication : "",
    lastEventId,
  };
}
