import { getEnv } from "../app/utils/env.server";
import { getStoryteller } from "./agents";
import { isBriefComplete } from "./brief";
import { inngest } from "./client";
import {
  loadConversationState,
  pauseAfterConversationFailure,
  pauseIfIdle,
  saveOpeningQuestion,
} from "./conversation";
import { answerInbox, handleReviewMessage, writeFirstPlot, type ReviewState } from "./conversation-turns";
import { bookCancelled, bookCreateStarted, bookPlotReviewed, chatMessageSent, forBook } from "./events";
import { generatePages } from "./generate-pages";

/*
 * A wait only sees events sent after it is registered (Inngest semantics),
 * and registering it takes a round trip after the step that read the inbox.
 * Messages are saved before their event is sent, so one that lands in that
 * gap is still in the inbox: the server that saved it sends its wake-up again
 * moments later, and a sweep catches anything older (decision 006).
 */
type Step = Parameters<Parameters<typeof inngest.createFunction>[1]>[0]["step"];

async function waitForInbox(step: Step, event: typeof chatMessageSent | typeof bookPlotReviewed, bookId: string, label: string) {
  const woke = await step.waitForEvent(label, { event, timeout: getEnv().ANSWER_TIMEOUT, if: forBook(bookId) });
  return woke ? ("event" as const) : ("timeout" as const);
}

export const createBook = inngest.createFunction(
  {
    id: "create-book",
    name: "Design a book by chatting",
    triggers: [bookCreateStarted],
    cancelOn: [{ event: bookCancelled, if: "async.data.bookId == event.data.bookId" }],
    retries: 4,
    onFailure: async ({ event, error, step }) => {
      const original = event.data.event as unknown as { data: { bookId: string } } & Record<string, unknown>;
      await step.run("pause-after-failure", () =>
        pauseAfterConversationFailure({
          bookId: original.data.bookId,
          runId: event.data.run_id ?? null,
          functionId: event.data.function_id,
          event: original,
          error: { name: error.name, message: error.message, stack: error.stack ?? null },
        }),
      );
    },
  },
  async ({ event, step }) => {
    const { bookId } = event.data;

    const state = await step.run("load-conversation", () => loadConversationState(bookId));
    if (!state) return { outcome: "book-gone" };
    let { brief, askedAbout, turn } = state;
    const { plot, plotVersion } = state;

    if (!state.hasAssistantMessage) {
      const opening = await step.run("ask-first-question", () => getStoryteller().interview({ bookId, brief, turn: 0 }));
      await step.run("save-first-question", () => saveOpeningQuestion(bookId, opening));
      askedAbout = opening.topic;
      turn = 1;
    }

    // The interview: answer every message in the inbox, in order, then wait.
    while (!isBriefComplete(brief)) {
      const answered = await step.run("answer-messages", () => answerInbox(bookId, { brief, askedAbout, turn }));
      if (answered) ({ brief, askedAbout, turn } = answered);
      if (isBriefComplete(brief)) break;
      const woke = await waitForInbox(step, chatMessageSent, bookId, "wait-for-answer");
      if (woke === "timeout" && (await step.run("pause-book", () => pauseIfIdle(bookId)))) return { outcome: "paused" };
    }

    // The plot, then review until approved.
    let review: ReviewState;
    if (!plot || state.status === "intake") {
      const version = plotVersion + 1;
      const written = await step.run("write-plot", () => writeFirstPlot(bookId, brief, version));
      review = { brief, plot: written, plotVersion: version };
    } else {
      review = { brief, plot, plotVersion };
    }

    let approval;
    for (;;) {
      const current = review;
      const outcome = await step.run("handle-review-message", () => handleReviewMessage(bookId, current));
      if (!outcome) {
        const woke = await waitForInbox(step, bookPlotReviewed, bookId, "wait-for-review");
        if (woke === "timeout" && (await step.run("pause-book", () => pauseIfIdle(bookId)))) return { outcome: "paused" };
        continue;
      }
      if (outcome.kind === "gone") return { outcome: "book-gone" };
      if (outcome.kind === "revised") review = outcome.state;
      if (outcome.kind === "approved") {
        approval = outcome.approval;
        break;
      }
    }

    try {
      const rendered = await step.invoke("render-pages", {
        function: generatePages,
        data: { bookId, userId: approval.userId, jobId: approval.jobId, plotVersion: approval.plotVersion, plot: approval.plot },
        timeout: "12h",
      });
      return { outcome: "rendered", rendered };
    } catch {
      // generate-pages records its own failure (dead letter, book failed,
      // reservation released); the conversation's work is done either way.
      return { outcome: "render-failed" };
    }
  },
);
