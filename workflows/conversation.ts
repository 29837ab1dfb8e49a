import { and, asc, desc, eq, isNull, ne, sql } from "drizzle-orm";
import { preparedPerDatabase } from "../db/prepared";
import { books, chatMessages, failedJobs, type ChatMessage } from "../db/schema";
import { getDb } from "../app/utils/db.server";
import type { InterviewTurn } from "./agents/storyteller";
import { announceBookEvents, appendBookEvent } from "./book-events";
import { BookBriefSchema, BRIEF_TOPICS, type BookBrief, type BriefTopic, type Plot } from "./brief";

/** A message as the API and the live stream show it. */
export interface ApiMessage {
  id: number;
  role: "user" | "assistant";
  content: string;
  chips: string[];
  phase: string;
  createdAt: string;
}

export function toApiMessage(row: ChatMessage): ApiMessage {
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    chips: row.chips,
    phase: row.phase,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Where a (re)started conversation picks up: everything comes from the database. */
export interface ConversationState {
  userId: string;
  status: string;
  brief: BookBrief;
  plot: Plot | null;
  plotVersion: number;
  /** The topic of the assistant's latest question, if it asked one. */
  askedAbout: BriefTopic | null;
  hasAssistantMessage: boolean;
  turn: number;
}

export async function loadConversationState(bookId: string): Promise<ConversationState | null> {
  const db = await getDb();
  const book = await db.query.books.findFirst({ where: eq(books.id, bookId) });
  if (!book) return null;
  // The pending question is the latest thing the assistant asked; a note that
  // the chat was paused asks nothing.
  const lastAssistant = await db.query.chatMessages.findFirst({
    where: and(eq(chatMessages.bookId, bookId), eq(chatMessages.role, "assistant"), ne(chatMessages.phase, "paused")),
    orderBy: [desc(chatMessages.id)],
  });
  const [counts] = await db
    .select({ assistant: sql<number>`count(*)` })
    .from(chatMessages)
    .where(and(eq(chatMessages.bookId, bookId), eq(chatMessages.role, "assistant")));
  const phase = lastAssistant?.phase ?? null;
  return {
    userId: book.userId,
    status: book.status,
    brief: BookBriefSchema.parse(book.brief ?? {}),
    plot: (book.plot as Plot | null) ?? null,
    plotVersion: book.plotVersion,
    askedAbout: phase && (BRIEF_TOPICS as readonly string[]).includes(phase) ? (phase as BriefTopic) : null,
    hasAssistantMessage: Boolean(lastAssistant),
    turn: Number(counts?.assistant ?? 0),
  };
}

// Every answer looks in the inbox twice (before and after answering), so its SQL is built once.
const inboxQuery = preparedPerDatabase((db) =>
  db.query.chatMessages
    .findFirst({
      columns: { id: true, content: true, phase: true },
      where: and(eq(chatMessages.bookId, sql.placeholder("bookId")), eq(chatMessages.role, "user"), isNull(chatMessages.consumedAt)),
      orderBy: [asc(chatMessages.id)],
    })
    .prepare(),
);

/** The oldest user message the workflow has not answered yet. */
export async function nextInboxMessage(bookId: string): Promise<{ id: number; content: string; phase: string } | null> {
  const row = await inboxQuery(await getDb()).execute({ bookId });
  return row ?? null;
}

/** Saves an assistant message and tells the live stream. */
export async function saveAssistantMessage(bookId: string, turn: Pick<InterviewTurn, "message" | "chips" | "topic">, phase?: string) {
  const db = await getDb();
  const saved = await db.transaction(async (tx) => {
    const book = await tx.query.books.findFirst({ columns: { id: true }, where: eq(books.id, bookId) });
    if (!book) return null;
    const [row] = await tx
      .insert(chatMessages)
      .values({ bookId, role: "assistant", content: turn.message, chips: turn.chips, phase: phase ?? turn.topic ?? "intake" })
      .returning();
    if (!row) return null;
    await appendBookEvent(tx, bookId, "message", { message: toApiMessage(row) });
    await tx.update(books).set({ updatedAt: new Date() }).where(eq(books.id, bookId));
    return toApiMessage(row);
  });
  if (saved) announceBookEvents(bookId);
  return saved;
}

/** Saves the first question unless the conversation already has one (replays are harmless). */
export async function saveOpeningQuestion(bookId: string, turn: InterviewTurn) {
  const db = await getDb();
  const existing = await db.query.chatMessages.findFirst({
    columns: { id: true },
    where: and(eq(chatMessages.bookId, bookId), eq(chatMessages.role, "assistant")),
  });
  if (existing) return null;
  return saveAssistantMessage(bookId, turn);
}

/**
 * One interview turn, atomically: the brief takes the interpretation, the
 * user's message leaves the inbox, and the assistant's reply is saved. A
 * replay after a crash finds the message consumed and changes nothing.
 */
export async function saveTurn(bookId: string, messageId: number, brief: BookBrief, reply: InterviewTurn) {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    // Only what the checks need: this runs while holding the write lock.
    const message = await tx.query.chatMessages.findFirst({
      columns: { consumedAt: true },
      where: and(eq(chatMessages.id, messageId), eq(chatMessages.bookId, bookId)),
    });
    const book = await tx.query.books.findFirst({ columns: { brief: true }, where: eq(books.id, bookId) });
    if (!message || !book) return { saved: false, brief };
    if (message.consumedAt) return { saved: false, brief: BookBriefSchema.parse(book.brief) };
    const now = new Date();
    await tx.update(chatMessages).set({ consumedAt: now }).where(eq(chatMessages.id, messageId));
    await tx.update(books).set({ brief, updatedAt: now }).where(eq(books.id, bookId));
    const [row] = await tx
      .insert(chatMessages)
      .values({ bookId, role: "assistant", content: reply.message, chips: reply.chips, phase: reply.topic ?? "writing" })
      .returning();
    if (row) await appendBookEvent(tx, bookId, "message", { message: toApiMessage(row) });
    return { saved: true, brief };
  });
  announceBookEvents(bookId);
  return result;
}

/**
 * A 24h wait expired: pause the book, unless a message slipped into the inbox
 * meanwhile (then the conversation carries on instead).
 */
export async function pauseIfIdle(bookId: string): Promise<boolean> {
  const db = await getDb();
  const paused = await db.transaction(async (tx) => {
    const waiting = await tx.query.chatMessages.findFirst({
      columns: { id: true },
      where: and(eq(chatMessages.bookId, bookId), eq(chatMessages.role, "user"), isNull(chatMessages.consumedAt)),
    });
    if (waiting) return false;
    const updated = await tx
      .update(books)
      .set({ status: "paused", updatedAt: new Date() })
      .where(and(eq(books.id, bookId), sql`${books.status} in ('intake', 'plot_review')`))
      .returning({ id: books.id });
    if (updated.length > 0) await appendBookEvent(tx, bookId, "status", { status: "paused" });
    return updated.length > 0;
  });
  if (paused) announceBookEvents(bookId);
  return paused;
}

export const CONVERSATION_TROUBLE_MESSAGE =
  "Sorry — something went wrong on my side while I was answering, and I've paused our chat. Everything you've told me is saved: send me a message (or the same one again) and I'll carry on from here.";

/**
 * The conversation's run failed for good (retries exhausted, or a provider
 * refused for good). Without this the book would sit in `intake` with an
 * unanswered message and no run to wake. Instead: a dead-letter row for us,
 * the book `paused` so the parent's next message starts a fresh run from the
 * saved brief (unanswered messages stay in the inbox and are answered then),
 * and a plain-words apology in the chat. A book already approved keeps its
 * state: its credit and render are generate-pages' business.
 */
export async function pauseAfterConversationFailure(input: {
  bookId: string;
  runId: string | null;
  functionId: string;
  event: Record<string, unknown>;
  error: Record<string, unknown>;
}): Promise<boolean> {
  const db = await getDb();
  const paused = await db.transaction(async (tx) => {
    const book = await tx.query.books.findFirst({ columns: { id: true, userId: true }, where: eq(books.id, input.bookId) });
    await tx
      .insert(failedJobs)
      .values({
        id: `failed:${input.runId ?? `${input.functionId}:${input.bookId}:${Date.now()}`}`,
        bookId: book ? input.bookId : null,
        userId: book?.userId ?? null,
        functionId: input.functionId,
        runId: input.runId,
        event: input.event,
        error: input.error,
      })
      .onConflictDoNothing();
    if (!book) return false;
    const updated = await tx
      .update(books)
      .set({ status: "paused", updatedAt: new Date() })
      .where(and(eq(books.id, input.bookId), sql`${books.status} in ('intake', 'plot_review')`))
      .returning({ id: books.id });
    if (updated.length === 0) return false;
    const [row] = await tx
      .insert(chatMessages)
      .values({ bookId: input.bookId, role: "assistant", content: CONVERSATION_TROUBLE_MESSAGE, chips: [], phase: "paused" })
      .returning();
    await appendBookEvent(tx, input.bookId, "status", { status: "paused" });
    if (row) await appendBookEvent(tx, input.bookId, "message", { message: toApiMessage(row) });
    return true;
  });
  if (paused) announceBookEvents(input.bookId);
  return paused;
}
