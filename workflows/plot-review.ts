import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { bookJobs, books, chatMessages } from "../db/schema";
import { getDb } from "../app/utils/db.server";
import { announceBookEvents, appendBookEvent } from "./book-events";
import type { BookBrief, Plot } from "./brief";
import { toApiMessage } from "./conversation";
import { creditUsage, RESERVING_STATUSES } from "./credits";

/** Most books one person can have rendering at once. */
export const MAX_RENDERING_BOOKS = 5;

export const PLOT_REVIEW_CHIPS = ["Approve", "Make it funnier", "Make it shorter", "Add more adventure"];

function plotMessage(plot: Plot, version: number, title: string) {
  const intro = version > 1 ? `${plot.summary ?? "Here's the new version."} ` : "";
  return `${intro}Here's the plot for “${title}”: ${plot.premise} Read it through — approve it to start the illustrations, or tell me what to change.`;
}

/**
 * Saves a plot version and opens the review: the book goes to plot_review,
 * the assistant presents it, and (for a revision) the request leaves the inbox.
 * A revision's updated brief (new page count, a renamed companion…) is saved
 * with it, in the same transaction. Saving the same version twice changes nothing.
 */
export async function savePlot(bookId: string, plot: Plot, version: number, consumedMessageId: number | null, brief?: BookBrief) {
  const db = await getDb();
  const saved = await db.transaction(async (tx) => {
    const book = await tx.query.books.findFirst({ where: eq(books.id, bookId) });
    if (!book || book.plotVersion >= version) return false;
    const now = new Date();
    if (consumedMessageId !== null) {
      await tx.update(chatMessages).set({ consumedAt: now }).where(eq(chatMessages.id, consumedMessageId));
    }
    await tx
      .update(books)
      .set({ plot, ...(brief ? { brief } : {}), plotVersion: version, title: plot.title, pageCount: plot.pages.length, status: "plot_review", updatedAt: now })
      .where(eq(books.id, bookId));
    const [message] = await tx
      .insert(chatMessages)
      .values({ bookId, role: "assistant", content: plotMessage(plot, version, plot.title), chips: PLOT_REVIEW_CHIPS, phase: "plot_review" })
      .returning();
    await appendBookEvent(tx, bookId, "plot", { plot, version });
    await appendBookEvent(tx, bookId, "status", { status: "plot_review" });
    if (message) await appendBookEvent(tx, bookId, "message", { message: toApiMessage(message) });
    return true;
  });
  if (saved) announceBookEvents(bookId);
  return saved;
}

export type ApprovalOutcome =
  | { reserved: true; jobId: string; userId: string; plot: Plot; plotVersion: number }
  | { reserved: false; reason: "no_credits" | "too_many_rendering" | "gone" };

/**
 * Approval reserves a credit: the book moves to `queued`, which counts
 * against the user's available credits until it completes or fails. Without
 * a credit (or with 5 books already rendering) the user is told in the chat
 * and nothing is reserved. Idempotent for the same approval message.
 */
export async function reserveCreditForApproval(bookId: string, messageId: number): Promise<ApprovalOutcome> {
  const db = await getDb();
  let announce = false;
  const outcome = await db.transaction(async (tx): Promise<ApprovalOutcome> => {
    const book = await tx.query.books.findFirst({ where: eq(books.id, bookId) });
    const message = await tx.query.chatMessages.findFirst({ where: and(eq(chatMessages.id, messageId), eq(chatMessages.bookId, bookId)) });
    if (!book || !message || !book.plot) return { reserved: false, reason: "gone" };
    if (message.consumedAt) {
      // Replayed: report what the first run decided.
      const job = await tx.query.bookJobs.findFirst({ where: eq(bookJobs.bookId, bookId), orderBy: (jobs, { desc }) => [desc(jobs.createdAt)] });
      if (job && (RESERVING_STATUSES as readonly string[]).includes(book.status)) {
        return { reserved: true, jobId: job.id, userId: book.userId, plot: book.plot as Plot, plotVersion: book.plotVersion };
      }
      return { reserved: false, reason: "no_credits" };
    }
    const usage = await creditUsage(tx, book.userId);
    const available = usage.credits - usage.reserving;
    const now = new Date();
    await tx.update(chatMessages).set({ consumedAt: now }).where(eq(chatMessages.id, messageId));
    announce = true;
    const refusal =
      available < 1
        ? ({ reason: "no_credits", text: "I'd love to start the illustrations, but you don't have a credit available right now. When one frees up, tap Approve again — your plot is saved." } as const)
        : usage.reserving >= MAX_RENDERING_BOOKS
          ? ({ reason: "too_many_rendering", text: `You already have ${MAX_RENDERING_BOOKS} books being illustrated. Approve again when one of them finishes — your plot is saved.` } as const)
          : null;
    if (refusal) {
      // The phase says why, for clients that act on it (the CLI's exit code).
      const [reply] = await tx
        .insert(chatMessages)
        .values({ bookId, role: "assistant", content: refusal.text, chips: ["Approve"], phase: refusal.reason })
        .returning();
      if (reply) await appendBookEvent(tx, bookId, "message", { message: toApiMessage(reply) });
      return { reserved: false, reason: refusal.reason };
    }
    const jobId = randomUUID();
    await tx.insert(bookJobs).values({ id: jobId, bookId, stage: "queued", totalPages: book.plot ? (book.plot as Plot).pages.length : 0 });
    await tx.update(books).set({ status: "queued", updatedAt: now }).where(eq(books.id, bookId));
    const [reply] = await tx
      .insert(chatMessages)
      .values({ bookId, role: "assistant", content: "Approved! I'm starting the illustrations now — you can watch each page appear.", chips: [], phase: "queued" })
      .returning();
    await appendBookEvent(tx, bookId, "status", { status: "queued" });
    if (reply) await appendBookEvent(tx, bookId, "message", { message: toApiMessage(reply) });
    return { reserved: true, jobId, userId: book.userId, plot: book.plot as Plot, plotVersion: book.plotVersion };
  });
  if (announce) announceBookEvents(bookId);
  return outcome;
}
