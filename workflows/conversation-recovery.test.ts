import { eq } from "drizzle-orm";
import { NonRetriableError } from "inngest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chatMessages, failedJobs } from "../db/schema";
import { createBook } from "../app/utils/books.server";
import { postMessage, readsAsApproval } from "../app/utils/chat.server";
import { getDb } from "../app/utils/db.server";
import { answer, bookRow, createTestUser, FULL_INTERVIEW, messagesOf, waitForAssistantMessages, waitForStatus } from "../tests/utils/books";
import { waitFor } from "../tests/utils/wait-for";
import { startWorkflowHarness, type WorkflowHarness } from "../tests/utils/workflow-harness";
import { getStoryteller, setStorytellerForTests } from "./agents";
import { inngest } from "./client";
import { CONVERSATION_TROUBLE_MESSAGE } from "./conversation";
import { findUnansweredMessage, findUnansweredMessages, recheckUnansweredMessage, wakeEvents } from "./wake-conversations";

let harness: WorkflowHarness;
beforeAll(async () => {
  harness = await startWorkflowHarness();
});
afterAll(() => harness.close());
afterEach(() => setStorytellerForTests(undefined));

async function startedBook() {
  const userId = await createTestUser();
  const book = await createBook(userId);
  await waitForAssistantMessages(book.id, 1);
  return { userId, bookId: book.id };
}

/** Until the book's conversation is in its wait for the next answer. */
async function conversationWaiting(bookId: string) {
  await waitFor(async () => {
    const run = (await harness.runs("create-book")).find((r) => r.event.data.bookId === bookId && r.status === "running");
    if (!run) return null;
    const detail = (await (await fetch(`${harness.engineUrl}/v0/runs/${run.id}`)).json()) as { data: { waits: { expiresAt: number }[] } };
    return detail.data.waits.some((w) => w.expiresAt - Date.now() > 30_000) || null;
  }, { what: "the conversation's wait for an answer" });
}

describe("a conversation whose run fails for good", () => {
  it("pauses with an apology, keeps the message, and carries on when the parent writes again", async () => {
    const { userId, bookId } = await startedBook();
    const real = getStoryteller();
    // The storyteller refuses for good (as a provider's 4xx does) while the outage lasts.
    let outage = true;
    setStorytellerForTests({
      ...real,
      name: real.name,
      interpret: async (input) => {
        if (outage) throw new NonRetriableError("the story AI refused the request");
        return real.interpret(input);
      },
    });
    const lost = await postMessage(userId, bookId, { content: "Maya" });
    await waitForStatus(bookId, "paused");
    const conversation = await messagesOf(bookId);
    expect(conversation.at(-1)).toMatchObject({ role: "assistant", content: CONVERSATION_TROUBLE_MESSAGE });
    expect(conversation.find((m) => m.id === lost.id)?.consumedAt).toBeNull();
    const db = await getDb();
    const deadLetters = await db.select().from(failedJobs).where(eq(failedJobs.bookId, bookId));
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({ functionId: "bookbug-create-book", userId });
    expect(deadLetters[0]?.error).toMatchObject({ message: expect.stringContaining("refused") });

    // The provider is back; the parent writes again and both answers are read, in order.
    outage = false;
    await answer(userId, bookId, "she's 5");
    const book = await bookRow(bookId);
    expect(book?.status).toBe("intake");
    expect(book?.brief).toMatchObject({ heroName: "Maya", heroAge: 5 });
    const users = (await messagesOf(bookId)).filter((m) => m.role === "user");
    expect(users.every((m) => m.consumedAt)).toBe(true);
  });
});

describe("typed approval during plot review", () => {
  it("reads short, whole approvals as approval and anything asking for a change as a revision", () => {
    for (const text of ["Approve", "approve it", "Yes please!", "looks great", "Love it ❤️", "LGTM", "Approve this plot ✓", "let's do it"]) {
      expect(readsAsApproval(text), text).toBe(true);
    }
    for (const text of ["yes, but make the dragon friendlier", "make it funnier", "no", "approve? not yet", "great, add a cat"]) {
      expect(readsAsApproval(text), text).toBe(false);
    }
  });

  it("starts the illustrations when the parent types 'looks great!'", async () => {
    const { userId, bookId } = await startedBook();
    for (const text of FULL_INTERVIEW) await answer(userId, bookId, text);
    await waitForStatus(bookId, "plot_review");
    const before = (await bookRow(bookId))?.plotVersion;
    const message = await postMessage(userId, bookId, { content: "looks great!" });
    expect(message.phase).toBe("approve");
    await waitFor(async () => (["queued", "rendering", "complete"].includes((await bookRow(bookId))?.status ?? "") ? true : null), {
      what: "approval to start the render",
    });
    expect((await bookRow(bookId))?.plotVersion).toBe(before);
  });
});

describe("waking a conversation that missed its message", () => {
  it("wakes it again when the server looks a moment later and the message is still unanswered", async () => {
    const { bookId } = await startedBook();
    await conversationWaiting(bookId);
    const db = await getDb();
    // Saved, and its immediate wake-up was missed.
    const [missed] = await db
      .insert(chatMessages)
      .values({ bookId, role: "user", content: "Ada", phase: "intake", clientMessageId: "missed-wake-up" })
      .returning();
    // What the server that saved it does a moment later (app/utils/chat.server.ts).
    expect(await recheckUnansweredMessage(missed!.id, 1)).toBe(true);
    await waitFor(async () => ((await bookRow(bookId))?.brief as { heroName?: string } | null)?.heroName === "Ada" || null, {
      what: "the re-sent message to be answered",
    });
    expect(await findUnansweredMessage(missed!.id)).toBeNull();
    expect(await recheckUnansweredMessage(missed!.id, 2)).toBe(false);
  });


  it("wakes a conversation whose message event never arrived", async () => {
    const { userId, bookId } = await startedBook();
    // Events only reach a wait that exists: this one must reach it.
    await conversationWaiting(bookId);
    const db = await getDb();
    // Saved, but its event was lost (sent before the wait existed, or the send failed).
    const [orphan] = await db
      .insert(chatMessages)
      .values({ bookId, role: "user", content: "Theo", phase: "intake", clientMessageId: "lost-event", createdAt: new Date(Date.now() - 60_000) })
      .returning();
    const unanswered = await findUnansweredMessages();
    expect(unanswered).toContainEqual({ bookId, messageId: orphan!.id, phase: "intake", status: "intake" });
    await inngest.send(wakeEvents(unanswered.filter((m) => m.bookId === bookId)));
    await waitFor(async () => ((await bookRow(bookId))?.brief as { heroName?: string } | null)?.heroName === "Theo" || null, {
      what: "the lost message to be answered",
    });
    expect((await findUnansweredMessages()).some((m) => m.bookId === bookId)).toBe(false);
    expect(userId).toBeTruthy();
  });
});
