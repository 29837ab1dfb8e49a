import { and, count, desc, eq, gt } from "drizzle-orm";
import { bookJobs, books, renderedPages, type BookStatus } from "../../db/schema";
import { getDb } from "./db.server";

export interface LibraryBook {
  id: string;
  title: string | null;
  status: BookStatus;
  pageCount: number | null;
  updatedAt: Date;
  hasCover: boolean;
  renderedPages: number;
  totalPages: number;
}

/** The user's books, newest activity first, with cover and progress for the gallery. */
export async function listLibraryBooks(userId: string): Promise<LibraryBook[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: books.id, title: books.title, status: books.status, pageCount: books.pageCount, updatedAt: books.updatedAt })
    .from(books)
    .where(eq(books.userId, userId))
    .orderBy(desc(books.updatedAt));
  return Promise.all(
    rows.map(async (book) => {
      const cover = await db.query.renderedPages.findFirst({
        columns: { id: true },
        where: and(eq(renderedPages.bookId, book.id), eq(renderedPages.pageNumber, 0)),
      });
      const [done] = await db.select({ n: count() }).from(renderedPages).where(and(eq(renderedPages.bookId, book.id), gt(renderedPages.pageNumber, 0)));
      const job = await db.query.bookJobs.findFirst({ columns: { totalPages: true }, where: eq(bookJobs.bookId, book.id), orderBy: [desc(bookJobs.createdAt)] });
      return { ...book, hasCover: Boolean(cover), renderedPages: done?.n ?? 0, totalPages: job?.totalPages ?? book.pageCount ?? 0 };
    }),
  );
}
