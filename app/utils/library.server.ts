import { desc, eq, ne, and } from "drizzle-orm";
import { books, type BookStatus } from "../../db/schema";
import { getDb } from "./db.server";

export interface LibraryBook {
  id: string;
  title: string | null;
  status: BookStatus;
  pageCount: number | null;
  updatedAt: Date;
}

/** The user's books, newest activity first (cancelled ones are gone from the shelf). */
export async function listLibraryBooks(userId: string): Promise<LibraryBook[]> {
  const db = await getDb();
  return db
    .select({ id: books.id, title: books.title, status: books.status, pageCount: books.pageCount, updatedAt: books.updatedAt })
    .from(books)
    .where(and(eq(books.userId, userId), ne(books.status, "cancelled")))
    .orderBy(desc(books.updatedAt));
}
