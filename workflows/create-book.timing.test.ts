import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBook } from "../app/utils/books.server";
import { postMessage } from "../app/utils/chat.server";
import { answer, bookRow, createTestUser, messagesOf, waitForAssistantMessages, waitForStatus } from "../tests/utils/books";
import { waitFor } from "../tests/utils/wait-for";
import { startWorkflowHarness, type WorkflowHarness } from "../tests/utils/workflow-harness";
import { createOfflineStoryteller } from "./agents/offline";
import { setStorytellerForTests } from "./agents";

let harness: WorkflowHarness;

beforeAll(async () => {
  // Short waits stand in for 24 hours.
  harness = await startWorkflowHarness({ ANSWER_TIMEOUT: "2s" });
});
afterAll(async () => {
  setStorytellerForTests(undefined);
  await harness.close();
});

describe("create-book timing", () => {
  it("answers a message sent while the assistant is still thinking about the previous one", async () => {
    const offline = createOfflineStoryteller();
    let releaseThinking!: () => void;
    const thinking = new Promise<void>((resolve) => (releaseThinking = resolve));
    let startedThinking!: () => void;
    const started = new Promise<void>((resolve) => (startedThinking = resolve));
    // Holds the first interpretation until the test has sent another message.
    setStorytellerForTests({
      ...offline,
      async interpret(input) {
        if (input.answer === "Zara") {
          startedThinking();
          await thinking;
        }
        return offline.interpret(input);
      },
    });
    try {
      const userId = await createTestUser();
      const book = await createBook(userId);
      await waitForAssistantMessages(book.id, 1);
      await postMessage(userId, book.id, { content: "Zara" });
      await started;
      await postMessage(userId, book.id, { content: "she is 7" });
      releaseThinking();
      await waitForAssistantMessages(book.id, 3);
      const rows = await messagesOf(book.id);
      expect(rows.filter((r) => r.role === "user").every((r) => r.consumedAt)).toBe(true);
      expect((await bookRow(book.id))?.brief).toMatchObject({ heroName: "Zara", heroAge: 7, pronoun: "she" });
    } finally {
      setStorytellerForTests(undefined);
    }
  });

  it("pauses after the answer timeout and resumes on the next message with the brief intact", async () => {
    const userId = await createTestUser();
    const book = await createBook(userId);
    await waitForAssistantMessages(book.id, 1);
    await answer(userId, book.id, "Theo");
    await answer(userId, book.id, "he is 6");
    await waitForStatus(book.id, "paused");
    const runsBefore = await waitFor(async () => {
      const runs = (await harness.runs("create-book")).filter((r) => r.event.data.bookId === book.id);
      return runs.every((r) => r.status === "completed") ? runs : null;
    }, { what: "the paused run to finish" });
    expect(runsBefore).toHaveLength(1);

    const reply = await answer(userId, book.id, "he loves rockets and space");
    expect((await bookRow(book.id))?.status).toBe("intake");
    expect((await bookRow(book.id))?.brief).toMatchObject({ heroName: "Theo", heroAge: 6, loves: ["rockets", "space"] });
    // The new run carried on where the conversation was: it asks about looks, not the name.
    expect(reply.phase).toBe("looks");
    const runsAfter = await waitFor(async () => {
      const runs = (await harness.runs("create-book")).filter((r) => r.event.data.bookId === book.id);
      return runs.length === 2 ? runs : null;
    }, { what: "a second run" });
    expect(runsAfter).toHaveLength(2);
    const conversation = await messagesOf(book.id);
    expect(conversation.filter((m) => m.role === "user").map((m) => m.content)).toEqual(["Theo", "he is 6", "he loves rockets and space"]);
  });
});
