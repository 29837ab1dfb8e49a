import { and, eq, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { preparedPerDatabase } from "../db/prepared";
import { books, chatMessages } from "../db/schema";
import { getDb } from "../app/utils/db.server";
import { inngest } from "./client";
import { bookPlotReviewed, chatMessageSent } from "./events";

/** How long a message may sit unanswered before the once-a-minute sweep wakes its conversation again. */
export const UNANSWERED_AFTER_MS = 30_000;

export interface UnansweredMessage {
  bookId: string;
  messageId: number;
  phase: string;
  status: string;
}

function unansweredQuery(db: Database, where: SQL | undefined) {
  return db
    .select({ bookId: chatMessages.bookId, messageId: chatMessages.id, phase: chatMessages.phase, status: books.status })
    .from(chatMessages)
    .innerJoin(books, eq(books.id, chatMessages.bookId))
    .where(and(eq(chatMessages.role, "user"), isNull(chatMessages.consumedAt), inArray(books.status, ["intake", "plot_review"]), where));
}

// Looked up for every message a moment after it is saved, so built once.
const unansweredMessageQuery = preparedPerDatabase((db) =>
  unansweredQuery(db, eq(chatMessages.id, sql.placeholder("messageId"))).limit(1).prepare(),
);

/** User messages saved a while ago that no conversation has answered. */
export async function findUnansweredMessages(now = new Date()): Promise<UnansweredMessage[]> {
  const db = await getDb();
  return unansweredQuery(db, lt(chatMessages.createdAt, new Date(now.getTime() - UNANSWERED_AFTER_MS))).limit(500);
}

/** This message, if its conversation has not answered it yet. */
export async function findUnansweredMessage(messageId: number): Promise<UnansweredMessage | null> {
  const [message] = await unansweredMessageQuery(await getDb()).execute({ messageId });
  return message ?? null;
}

/**
 * The events the API would have sent for these messages. Their ids dedupe per
 * `label` (by default the current minute), so a retried wake-up is sent once.
 */
export function wakeEvents(messages: UnansweredMessage[], label = `minute-${Math.floor(Date.now() / 60_000)}`) {
  return messages.flatMap((m) => {
    const events: (ReturnType<typeof chatMessageSent.create> | ReturnType<typeof bookPlotReviewed.create>)[] = [
      chatMessageSent.create({ bookId: m.bookId, messageId: m.messageId }, { id: `wake-chat-${m.messageId}-${label}` }),
    ];
    if (m.status === "plot_review") {
      const decision = m.phase === "approve" ? "approve" : "revise";
      events.push(bookPlotReviewed.create({ bookId: m.bookId, messageId: m.messageId, decision }, { id: `wake-review-${m.messageId}-${label}` }));
    }
    return events;
  });
}

/** When the server looks again after saving a message (see `recheckUnansweredMessage`). */
export const RECHECK_AFTER_MS = [150, 1_000, 3_000] as const;

/**
 * A moment after a message was saved: if it is still unanswered, its wake-up
 * is sent again (numbered by `attempt`). True when it was. A conversation
 * that is merely busy ignores the extra event; one that missed the first
 * wakes now.
 */
export async function recheckUnansweredMessage(messageId: number, attempt: number): Promise<boolean> {
  const pending = await findUnansweredMessage(messageId);
  if (!pending) return false;
  await inngest.send(wakeEvents([pending], `recheck-${attempt}`));
  return true;
}

/*
 * A message is saved before its event is sent, so it is never lost; but the
 * event itself can miss its conversation. A wait only sees events sent after
 * it was registered (Inngest semantics), so a message sent in the instant
 * between the conversation's inbox check and its next wait is not seen by
 * that wait; and a send can fail after the save. The server that saved the
 * message looks again a moment later (`recheckUnansweredMessage`, scheduled by
 * app/utils/chat.server.ts); and, for what a crash of that server loses:
 */

/** Once a minute: every message unanswered for 30 s. */
export const wakeWaitingConversations = inngest.createFunction(
  {
    id: "wake-waiting-conversations",
    name: "Answer messages whose wake-up event went astray",
    triggers: [{ cron: "* * * * *" }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const pending = await step.run("find-unanswered-messages", () => findUnansweredMessages());
    if (pending.length === 0) return { nudged: 0 };
    await step.sendEvent("wake-conversations", wakeEvents(pending));
    return { nudged: pending.length };
  },
);
