import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import { books, chatMessages } from "../db/schema";
import { getDb } from "../app/utils/db.server";
import { inngest } from "./client";
import { bookPlotReviewed, chatMessageSent } from "./events";

/** How long a message may sit unanswered before the sweeper nudges its conversation. */
export const UNANSWERED_AFTER_MS = 30_000;

export interface UnansweredMessage {
  bookId: string;
  messageId: number;
  phase: string;
  status: string;
}

/** User messages saved a while ago that no conversation has answered. */
export async function findUnansweredMessages(now = new Date()): Promise<UnansweredMessage[]> {
  const db = await getDb();
  return db
    .select({ bookId: chatMessages.bookId, messageId: chatMessages.id, phase: chatMessages.phase, status: books.status })
    .from(chatMessages)
    .innerJoin(books, eq(books.id, chatMessages.bookId))
    .where(
      and(
        eq(chatMessages.role, "user"),
        isNull(chatMessages.consumedAt),
        lt(chatMessages.createdAt, new Date(now.getTime() - UNANSWERED_AFTER_MS)),
        inArray(books.status, ["intake", "plot_review"]),
      ),
    )
    .limit(500);
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
 * event itself can miss its conversation: it may be sent in the instant
 * before the conversation registers its wait (Inngest semantics), or the send
 * may fail after the save. The conversation then sits in a long wait with a
 * message in its inbox. Once a minute this finds such messages and sends
 * their events again; a conversation that is merely busy ignores the nudge.
 */
export const wakeWaitingConversations = inngest.createFunction(
  {
    id: "wake-waiting-conversations",
    name: "Answer messages whose wake-up event went astray",
    triggers: [{ cron: "* * * * *" }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const unanswered = await step.run("find-unanswered-messages", () => findUnansweredMessages());
    if (unanswered.length === 0) return { nudged: 0 };
    await step.sendEvent("wake-conversations", wakeEvents(unanswered));
    return { nudged: unanswered.length };
  },
);
