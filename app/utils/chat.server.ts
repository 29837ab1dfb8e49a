import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { preparedPerDatabase } from "../../db/prepared";
import { books, chatMessages, type Book } from "../../db/schema";
import { MAX_USER_MESSAGE_LENGTH } from "../../workflows/agents/storyteller";
import { toApiMessage, type ApiMessage } from "../../workflows/conversation";
import { bookCreateStarted, bookPlotReviewed, chatMessageSent } from "../../workflows/events";
import { RECHECK_AFTER_MS, recheckUnansweredMessage } from "../../workflows/wake-conversations";
import { ApiError } from "./api.server";
import { getOwnedBook } from "./books.server";
import { getDb, getNoWaitDb } from "./db.server";
import { assertCanStartRender } from "./renders.server";
import { sendWorkflowEvents } from "./workflow-events.server";

export const MessageInputSchema = z.object({
  content: z
    .string({ required_error: "Write a message first." })
    .trim()
    .min(1, "Write a message first.")
    .max(MAX_USER_MESSAGE_LENGTH, `Messages can be at most ${MAX_USER_MESSAGE_LENGTH.toLocaleString("en")} characters.`),
  clientMessageId: z.string().trim().min(1).max(100).optional(),
});
export type MessageInput = z.infer<typeof MessageInputSchema>;

export const ReviewInputSchema = z
  .object({
    decision: z.enum(["approve", "revise"], { message: "decision must be \"approve\" or \"revise\"." }),
    feedback: z.string().trim().max(MAX_USER_MESSAGE_LENGTH, `Feedback can be at most ${MAX_USER_MESSAGE_LENGTH.toLocaleString("en")} characters.`).optional(),
    clientMessageId: z.string().trim().min(1).max(100).optional(),
  })
  .refine((input) => input.decision === "approve" || Boolean(input.feedback), {
    message: "Tell us what to change.",
    path: ["feedback"],
  });
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

const CONVERSING: Book["status"][] = ["intake", "plot_review", "paused"];

/**
 * During plot review a typed "approve", "yes please" or "looks great!" is an
 * approval, not a revision request. Only short, whole answers count: "yes,
 * but make the dragon friendlier" asks for a change.
 */
const APPROVAL =
  /^(?:approved?(?: (?:it|this|the plot))?(?: please)?|approve this plot ✓|yes(?: please)?|yep|yeah|ok(?:ay)?|sure|perfect|great|lovely|brilliant|love it|i love it|we love it|looks? (?:good|great|perfect|lovely|fab|fabulous)(?: to me)?|sounds? (?:good|great|perfect|lovely)|that'?s (?:great|perfect|lovely|good)|go(?: for it| ahead)?|let'?s (?:go|do it|make it)|start|start (?:the )?(?:illustrations|illustrating|drawing)|make it|lgtm)(?:\s|[.!✓]|👍|❤️?)*$/iu;

export function readsAsApproval(content: string): boolean {
  return APPROVAL.test(content.trim().replace(/\s+/g, " "));
}

export async function getHistory(userId: string, bookId: string): Promise<ApiMessage[]> {
  await getOwnedBook(userId, bookId);
  const db = await getDb();
  const rows = await db.select().from(chatMessages).where(eq(chatMessages.bookId, bookId)).orderBy(asc(chatMessages.id));
  return rows.map(toApiMessage);
}

/** A message POST's own statements, built once per database handle: it is the hottest path there is. */
const messageQueries = preparedPerDatabase((db) => ({
  bookStatus: db.query.books.findFirst({ columns: { status: true }, where: eq(books.id, sql.placeholder("bookId")) }).prepare(),
}));

/** The insert, on the connection that does not sleep while a workflow step holds the lock. */
const messageInsert = preparedPerDatabase((db) =>
  db
    .insert(chatMessages)
    .values({
      bookId: sql.placeholder("bookId"),
      role: "user",
      content: sql.placeholder("content"),
      phase: sql.placeholder("phase"),
      clientMessageId: sql.placeholder("clientMessageId"),
    })
    .onConflictDoNothing({ target: [chatMessages.bookId, chatMessages.clientMessageId] })
    .returning()
    .prepare(),
);

/**
 * Saves the user's message to the book's inbox, then wakes the workflow.
 * Saving first means no message is lost even if the workflow is busy; the
 * client's id makes a retried request store it once.
 */
async function saveUserMessage(book: Book, content: string, phase: string, clientMessageId: string | undefined) {
  const [inserted] = await messageInsert(await getNoWaitDb()).execute({ bookId: book.id, content, phase, clientMessageId: clientMessageId ?? randomUUID() });
  if (inserted) return { message: inserted, duplicate: false };
  const db = await getDb();
  const existing = await db.query.chatMessages.findFirst({
    where: and(eq(chatMessages.bookId, book.id), eq(chatMessages.clientMessageId, clientMessageId ?? "")),
  });
  if (!existing) throw new Error("message vanished after a conflict");
  return { message: existing, duplicate: true };
}

/** A paused book wakes up: exactly one request restarts its conversation. */
async function resumeIfPaused(book: Book): Promise<boolean> {
  const db = await getDb();
  const runId = randomUUID();
  const resumed = await db
    .update(books)
    .set({ status: book.plot ? "plot_review" : "intake", runId, updatedAt: new Date() })
    .where(and(eq(books.id, book.id), eq(books.status, "paused")))
    .returning({ id: books.id });
  if (resumed.length === 0) return false;
  try {
    await sendWorkflowEvents([bookCreateStarted.create({ bookId: book.id, userId: book.userId }, { id: `create-book-${runId}` })]);
  } catch (error) {
    // No run was started: stay paused, so the next message tries again.
    await db.update(books).set({ status: "paused" }).where(and(eq(books.id, book.id), eq(books.runId, runId)));
    throw error;
  }
  return true;
}

async function wakeWorkflow(book: Book, message: { id: number; phase: string }) {
  const db = await getDb();
  // Read after the message was saved: a conversation that paused just before
  // is resumed instead of woken; one in plot review gets the review event.
  // Only a paused book costs a write here.
  const current = await messageQueries(db).bookStatus.execute({ bookId: book.id });
  if (current?.status === "paused" && (await resumeIfPaused(book))) return;
  const events: (ReturnType<typeof chatMessageSent.create> | ReturnType<typeof bookPlotReviewed.create>)[] = [
    chatMessageSent.create({ bookId: book.id, messageId: message.id }),
  ];
  if (current?.status === "plot_review") {
    const decision = message.phase === "approve" ? "approve" : "revise";
    events.push(bookPlotReviewed.create({ bookId: book.id, messageId: message.id, decision }));
  }
  // The message is already safe in the inbox and the event only wakes the
  // conversation, so the parent is not kept waiting for it: it goes once this
  // response is on its way, before the answer's work can hold it up. A
  // wake-up that goes astray is sent again (workflows/wake-conversations.ts).
  setImmediate(() => {
    sendWorkflowEvents(events).catch((error: unknown) => console.error("Could not wake the conversation (it is woken again shortly):", error));
  });
  scheduleRechecks(message.id);
}

/**
 * Looks again at a saved message after each of RECHECK_AFTER_MS while it is
 * unanswered. Timers in this process, not durable: a crash loses them, and
 * the once-a-minute sweep covers that.
 */
function scheduleRechecks(messageId: number, attempt = 0) {
  const delay = RECHECK_AFTER_MS[attempt];
  if (delay === undefined) return;
  const timer = setTimeout(() => {
    recheckUnansweredMessage(messageId, attempt + 1)
      .then((stillWaiting) => {
        if (stillWaiting) scheduleRechecks(messageId, attempt + 1);
      })
      .catch((error: unknown) => console.error("Could not look again at a message:", error));
  }, delay);
  timer.unref();
}

export async function postMessage(userId: string, bookId: string, input: MessageInput): Promise<ApiMessage> {
  const book = await getOwnedBook(userId, bookId);
  if (!CONVERSING.includes(book.status)) {
    throw new ApiError(409, "conversation_closed", "This book's plot is approved, so the conversation is closed.");
  }
  const reviewing = book.status === "plot_review" || (book.status === "paused" && Boolean(book.plot));
  const phase = reviewing ? (readsAsApproval(input.content) ? "approve" : "revise") : "intake";
  const { message } = await saveUserMessage(book, input.content, phase, input.clientMessageId);
  await wakeWorkflow(book, message);
  return toApiMessage(message);
}

export async function reviewPlot(userId: string, bookId: string, input: ReviewInput): Promise<ApiMessage> {
  const book = await getOwnedBook(userId, bookId);
  const reviewable = book.status === "plot_review" || (book.status === "paused" && book.plot);
  if (!reviewable) {
    throw new ApiError(409, "not_in_review", book.plot ? "This plot has already been approved." : "There is no plot to review yet.");
  }
  if (input.decision === "approve") await assertCanStartRender(await getDb(), userId);
  const content = input.decision === "approve" ? "Approve this plot ✓" : (input.feedback ?? "");
  const { message } = await saveUserMessage(book, content, input.decision, input.clientMessageId);
  await wakeWorkflow(book, message);
  return toApiMessage(message);
}

/** For the library and the chat page: is the assistant working on an answer? */
export async function countUnansweredMessages(bookId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(chatMessages)
    .where(and(eq(chatMessages.bookId, bookId), eq(chatMessages.role, "user"), sql`${chatMessages.consumedAt} is null`));
  return Number(row?.n ?? 0);
}
