import { desc, eq } from "drizzle-orm";
import { books, type BookStatus } from "../../db/schema";
import { getDb } from "./db.server";

export interface LibraryBook {
  id: string;
  title: string | null;
  status: BookStatus;
  pageCount: number | null;
  updatedAt: Date;
}

/** The user's books, newest activity first. */
export async function listLibraryBooks(userId: string): Promise<LibraryBook[]> {
  const db = await getDb();
  return db
    .select({ id: books.id, title: books.title, status: books.status, pageCount: books.pageCount, updatedAt: books.updatedAt })
    .from(books)
    .where(eq(books.userId, userId))
    .orderBy(desc(books.updatedAt));
}
