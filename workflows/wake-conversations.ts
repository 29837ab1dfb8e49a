import { and, eq, inArray, isNull, lt, type SQL } from "drizzle-orm";
import { books, chatMessages } from "../db/schema";
import { getDb } from "../app/utils/db.server";
import { inngest } from "./client";
import { bookPlotReviewed, chatMessageSaved, chatMessageSent } from "./events";

/** How long a message may sit unanswered before the sweeper nudges its conversation. */
export const UNANSWERED_AFTER_MS = 30_000;

export interface UnansweredMessage {
  bookId: string;
  messageId: number;
  phase: string;
  status: string;
}

async function unanswered(where: SQL | undefined, limit: number): Promise<UnansweredMessage[]> {
  const db = await getDb();
  return db
    .select({ bookId: chatMessages.bookId, messageId: chatMessages.id, phase: chatMessages.phase, status: books.status })
    .from(chatMessages)
    .innerJoin(books, eq(books.id, chatMessages.bookId))
    .where(and(eq(chatMessages.role, "user"), isNull(chatMessages.consumedAt), inArray(books.status, ["intake", "plot_review"]), where))
    .limit(limit);
}

/** User messages saved a while ago that no conversation has answered. */
export function findUnansweredMessages(now = new Date()): Promise<UnansweredMessage[]> {
  return unanswered(lt(chatMessages.createdAt, new Date(now.getTime() - UNANSWERED_AFTER_MS)), 500);
}

/** This message, if its conversation has not answered it yet. */
export async function findUnansweredMessage(messageId: number): Promise<UnansweredMessage | null> {
  return (await unanswered(eq(chatMessages.id, messageId), 1))[0] ?? null;
}

/** The events the API would have sent for these messages, with ids that dedupe per minute. */
export function wakeEvents(messages: UnansweredMessage[], now = new Date()) {
  const minute = Math.floor(now.getTime() / 60_000);
  return messages.flatMap((m) => {
    const events: (ReturnType<typeof chatMessageSent.create> | ReturnType<typeof bookPlotReviewed.create>)[] = [
      chatMessageSent.create({ bookId: m.bookId, messageId: m.messageId }, { id: `wake-chat-${m.messageId}-${minute}` }),
    ];
    if (m.status === "plot_review") {
      const decision = m.phase === "approve" ? "approve" : "revise";
      events.push(bookPlotReviewed.create({ bookId: m.bookId, messageId: m.messageId, decision }, { id: `wake-review-${m.messageId}-${minute}` }));
    }
    return events;
  });
}

/*
 * A message is saved before its event is sent, so it is never lost; but the
 * event itself can miss its conversation. A wait only sees events sent after
 * it was registered (Inngest semantics), so a message sent in the instant
 * between the conversation's inbox check and its next wait is not seen by
 * that wait; and a send can fail after the save. Two nudges close the gap:
 */

/** Two seconds after each message: if it is still unanswered, wake its conversation again. */
export const nudgeUnansweredMessage = inngest.createFunction(
  { id: "nudge-unanswered-message", name: "Wake a conversation that missed a message", triggers: [chatMessageSaved] },
  async ({ event, step }) => {
    await step.sleep("give-the-conversation-a-moment", "2s");
    const pending = await step.run("check-still-unanswered", () => findUnansweredMessage(event.data.messageId));
    if (!pending) return { nudged: false };
    await step.sendEvent("wake-conversation-again", wakeEvents([pending]));
    return { nudged: true };
  },
);

/** Once a minute: every message unanswered for 30 s (say, both its events were lost). */
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
