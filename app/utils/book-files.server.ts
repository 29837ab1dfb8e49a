import { and, eq } from "drizzle-orm";
import { renderedPages } from "../../db/schema";
import { bookPdfKey, getObjectStore } from "../../workflows/storage";
import { getOwnedBook } from "./books.server";
import { getDb } from "./db.server";

/** A page picture of the caller's own book; keys come from the database, never the URL. */
export async function readPageImage(userId: string, bookId: string, pageNumber: number) {
  await getOwnedBook(userId, bookId);
  const db = await getDb();
  const row = await db.query.renderedPages.findFirst({
    where: and(eq(renderedPages.bookId, bookId), eq(renderedPages.pageNumber, pageNumber)),
  });
  return row ? getObjectStore().get(row.imageKey) : null;
}

export async function readBookPdf(userId: string, bookId: string) {
  const book = await getOwnedBook(userId, bookId);
  if (book.status !== "complete") return null;
  const object = await getObjectStore().get(bookPdfKey(bookId));
  return object ? { ...object, title: book.title ?? "bookbug" } : null;
}
