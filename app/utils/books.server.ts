import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { preparedPerDatabase } from "../../db/prepared";
import { books, renderedPages, type Book } from "../../db/schema";
import { bookCancelled, bookCreateStarted } from "../../workflows/events";
import { ApiError } from "./api.server";
import { getDb } from "./db.server";
import { sendWorkflowEvents } from "./workflow-events.server";

export interface ApiBook {
  id: string;
  status: Book["status"];
  title: string | null;
  brief: Record<string, unknown>;
  plot: Record<string, unknown> | null;
  /** Goes up by one with each revision of the plot. */
  plotVersion: number;
  pageCount: number | null;
  /** The cover picture, once it is drawn. */
  coverUrl: string | null;
  pages: { number: number; text: string; imageUrl: string }[];
  createdAt: string;
  updatedAt: string;
}

export function toApiBook(book: Book, pages: { pageNumber: number; text: string }[] = []): ApiBook {
  return {
    id: book.id,
    status: book.status,
    title: book.title,
    brief: book.brief,
    plot: book.plot ?? null,
    plotVersion: book.plotVersion,
    pageCount: book.pageCount,
    coverUrl: pages.some((page) => page.pageNumber === 0) ? `/books/${book.id}/pages/0.png` : null,
    pages: pages
      .filter((page) => page.pageNumber > 0)
      .map((page) => ({ number: page.pageNumber, text: page.text, imageUrl: `/books/${book.id}/pages/${page.pageNumber}.png` })),
    createdAt: book.createdAt.toISOString(),
    updatedAt: book.updatedAt.toISOString(),
  };
}

// Every book request runs this.
const ownedBookQuery = preparedPerDatabase((db) =>
  db.query.books.findFirst({ where: and(eq(books.id, sql.placeholder("bookId")), eq(books.userId, sql.placeholder("userId"))) }).prepare(),
);

/** The caller's book, or a 404 — another user's book does not exist for them. */
export async function getOwnedBook(userId: string, bookId: string): Promise<Book> {
  const book = await ownedBookQuery(await getDb()).execute({ bookId, userId });
  if (!book) throw new ApiError(404, "not_found", "There is no such book.");
  return book;
}

export async function getOwnedBookWithPages(userId: string, bookId: string): Promise<ApiBook> {
  const book = await getOwnedBook(userId, bookId);
  const db = await getDb();
  const pages = await db
    .select({ pageNumber: renderedPages.pageNumber, text: renderedPages.text })
    .from(renderedPages)
    .where(eq(renderedPages.bookId, bookId))
    .orderBy(asc(renderedPages.pageNumber));
  return toApiBook(book, pages);
}

export async function listOwnedBooks(userId: string): Promise<ApiBook[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(books)
    .where(eq(books.userId, userId))
    .orderBy(desc(books.updatedAt));
  return rows.map((book) => toApiBook(book));
}

/** Creates a draft and starts the conversation that designs it. */
export async function createBook(userId: string): Promise<Book> {
  const db = await getDb();
  const runId = randomUUID();
  const [book] = await db.insert(books).values({ id: randomUUID(), userId, runId }).returning();
  if (!book) throw new Error("book insert returned nothing");
  // The event id makes a retried request start one run, not two.
  await sendWorkflowEvents([bookCreateStarted.create({ bookId: book.id, userId }, { id: `create-book-${runId}` })]);
  return book;
}

/** Cancels the book's workflows and deletes it with its conversation and pages. */
export async function deleteBook(userId: string, bookId: string) {
  await getOwnedBook(userId, bookId);
  const db = await getDb();
  await db.delete(books).where(and(eq(books.id, bookId), eq(books.userId, userId)));
  await sendWorkflowEvents([bookCancelled.create({ bookId, userId }, { id: `cancel-book-${bookId}` })]);
}
