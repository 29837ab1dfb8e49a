import { randomUUID } from "node:crypto";
import { and, asc, count, eq, gt, inArray, sql } from "drizzle-orm";
import { NonRetriableError } from "inngest";
import { bookJobs, books, creditLedger, failedJobs, notifications, renderedPages, users } from "../db/schema";
import { getDb } from "../app/utils/db.server";
import { getStoryteller } from "./agents";
import { announceBookEvents, appendBookEvent } from "./book-events";
import { buildBookPdf } from "./book-pdf";
import { BookBriefSchema, type Plot } from "./brief";
import { RESERVING_STATUSES } from "./credits";
import { getIllustrator, rasterise } from "./illustrator";
import { bookPdfKey, getObjectStore, pageImageKey } from "./storage";

export function pageImageUrl(bookId: string, pageNumber: number) {
  return `/books/${bookId}/pages/${pageNumber}.png`;
}

async function loadBook(bookId: string) {
  const db = await getDb();
  const book = await db.query.books.findFirst({ where: eq(books.id, bookId) });
  // A deleted book cannot be rendered; retrying would not change that.
  if (!book) throw new NonRetriableError("The book no longer exists.");
  return book;
}

/**
 * One page, durably: words, picture, upload, row, progress event. The object
 * key is fixed per page and the row is unique per page, so running this
 * again after a crash overwrites rather than duplicates. Page 0 is the cover.
 */
export async function renderPage(bookId: string, jobId: string, plot: Plot, pageNumber: number) {
  const db = await getDb();
  const store = getObjectStore();
  const book = await loadBook(bookId);
  const key = pageImageKey(bookId, pageNumber);
  const existing = await db.query.renderedPages.findFirst({
    where: and(eq(renderedPages.bookId, bookId), eq(renderedPages.pageNumber, pageNumber)),
  });
  if (existing && (await store.exists(existing.imageKey))) return { pageNumber, reused: true };

  const brief = BookBriefSchema.parse(book.brief);
  const text =
    pageNumber === 0 ? plot.title : await getStoryteller().writePage({ bookId, brief, plot, pageNumber });
  const svg = await getIllustrator().drawScene({ bookId, brief, plot, pageNumber });
  await store.put(key, await rasterise(svg), "image/png");

  await db.transaction(async (tx) => {
    await tx
      .insert(renderedPages)
      .values({ id: randomUUID(), bookId, pageNumber, text, imageKey: key })
      .onConflictDoUpdate({ target: [renderedPages.bookId, renderedPages.pageNumber], set: { text, imageKey: key } });
    const [done] = await tx
      .select({ n: count() })
      .from(renderedPages)
      .where(and(eq(renderedPages.bookId, bookId), gt(renderedPages.pageNumber, 0)));
    const rendered = done?.n ?? 0;
    await tx
      .update(bookJobs)
      .set({ stage: pageNumber === 0 ? "cover" : "illustrating", currentPage: rendered, updatedAt: new Date() })
      .where(eq(bookJobs.id, jobId));
    await appendBookEvent(tx, bookId, "page", {
      number: pageNumber,
      text,
      imageUrl: pageImageUrl(bookId, pageNumber),
      rendered,
      total: plot.pages.length,
    });
  });
  announceBookEvents(bookId);
  return { pageNumber, reused: false };
}

export async function setStage(bookId: string, jobId: string, stage: string) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(bookJobs).set({ stage, updatedAt: new Date() }).where(eq(bookJobs.id, jobId));
    await appendBookEvent(tx, bookId, "stage", { stage });
  });
  announceBookEvents(bookId);
}

/** Binds the stored pictures and words into the PDF (same key every time). */
export async function assemblePdf(bookId: string, jobId: string, plot: Plot) {
  await setStage(bookId, jobId, "binding");
  const db = await getDb();
  const store = getObjectStore();
  const book = await loadBook(bookId);
  const rows = await db.select().from(renderedPages).where(eq(renderedPages.bookId, bookId)).orderBy(asc(renderedPages.pageNumber));
  const images = new Map<number, Uint8Array>();
  for (const row of rows) {
    const object = await store.get(row.imageKey);
    if (!object) throw new Error(`page ${row.pageNumber} picture is missing`);
    images.set(row.pageNumber, object.body);
  }
  const cover = images.get(0);
  if (!cover) throw new Error("the cover is missing");
  const brief = BookBriefSchema.parse(book.brief);
  const pdf = await buildBookPdf({
    plot,
    dedication: brief.dedication || undefined,
    cover,
    pages: rows
      .filter((row) => row.pageNumber > 0)
      .map((row) => ({ number: row.pageNumber, text: row.text, png: images.get(row.pageNumber) ?? new Uint8Array() })),
  });
  await store.put(bookPdfKey(bookId), pdf, "application/pdf");
  return { bytes: pdf.length };
}

/**
 * Finishes the book: complete, the credit charged exactly once (the ledger's
 * unique key makes a replay a no-op), and the parent notified. Only a book
 * still holding its reservation is completed and charged: one cancelled in
 * the last moment of rendering stays cancelled and costs nothing.
 */
export async function completeBook(bookId: string, jobId: string) {
  const db = await getDb();
  const outcome = await db.transaction(async (tx) => {
    const book = await tx.query.books.findFirst({ where: eq(books.id, bookId) });
    if (!book) return { charged: false };
    const changed = await tx
      .update(books)
      .set({ status: "complete", updatedAt: new Date() })
      .where(and(eq(books.id, bookId), inArray(books.status, [...RESERVING_STATUSES])))
      .returning({ id: books.id });
    if (changed.length === 0) return { charged: false };
    const [charge] = await tx
      .insert(creditLedger)
      .values({ id: randomUUID(), userId: book.userId, bookId, delta: -1, reason: "Book illustrated", idempotencyKey: `charge:${bookId}` })
      .onConflictDoNothing({ target: creditLedger.idempotencyKey })
      .returning({ id: creditLedger.id });
    if (charge) await tx.update(users).set({ credits: sql`${users.credits} - 1` }).where(eq(users.id, book.userId));
    await tx.update(bookJobs).set({ stage: "complete", error: null, updatedAt: new Date() }).where(eq(bookJobs.id, jobId));
    await tx
      .insert(notifications)
      .values({ id: `complete:${bookId}`, userId: book.userId, bookId, kind: "book_complete", message: `“${book.title ?? "Your book"}” is ready to read!` })
      .onConflictDoNothing();
    await appendBookEvent(tx, bookId, "status", { status: "complete" });
    return { charged: Boolean(charge) };
  });
  announceBookEvents(bookId);
  return outcome;
}

/**
 * The render failed for good: a dead-letter row with the whole event and
 * error, the book `failed` (which releases its reservation), and a plain
 * message for the parent. Internals stay in the dead-letter row.
 */
export async function recordRenderFailure(input: {
  bookId: string;
  userId: string;
  jobId: string;
  runId: string | null;
  functionId: string;
  event: Record<string, unknown>;
  error: Record<string, unknown>;
}) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const book = await tx.query.books.findFirst({ where: eq(books.id, input.bookId) });
    await tx
      .insert(failedJobs)
      .values({
        id: `failed:${input.runId ?? input.jobId}`,
        bookId: book ? input.bookId : null,
        userId: input.userId,
        functionId: input.functionId,
        runId: input.runId,
        event: input.event,
        error: input.error,
      })
      .onConflictDoNothing();
    if (!book) return;
    const message = "We couldn't finish illustrating this book. Nothing was charged — press Retry to try again for free.";
    const changed = await tx
      .update(books)
      .set({ status: "failed", updatedAt: new Date() })
      .where(and(eq(books.id, input.bookId), inArray(books.status, [...RESERVING_STATUSES])))
      .returning({ id: books.id });
    await tx.update(bookJobs).set({ stage: "failed", error: message, updatedAt: new Date() }).where(eq(bookJobs.id, input.jobId));
    if (changed.length) {
      await tx
        .insert(notifications)
        .values({ id: `failed:${input.runId ?? input.jobId}`, userId: book.userId, bookId: book.id, kind: "book_failed", message })
        .onConflictDoNothing();
      await appendBookEvent(tx, input.bookId, "status", { status: "failed", message });
    }
  });
  announceBookEvents(input.bookId);
}
