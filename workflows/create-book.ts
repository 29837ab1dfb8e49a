import { getEnv } from "../app/utils/env.server";
import { getStoryteller } from "./agents";
import { isBriefComplete } from "./brief";
import { inngest } from "./client";
import {
  loadConversationState,
  nextInboxMessage,
  pauseAfterConversationFailure,
  pauseIfIdle,
  saveOpeningQuestion,
} from "./conversation";
import { answerInbox, handleReviewMessage, writeFirstPlot, type ReviewState } from "./conversation-turns";
import { bookCancelled, bookCreateStarted, bookPlotReviewed, chatMessageSent, forBook } from "./events";
import { generatePages } from "./generate-pages";

/*
 * A wait only sees events sent after it is registered, and registering it
 * takes a round trip after the previous step. Messages are saved to the inbox
 * before their event is sent, so the wait is split: a short settle wait, an
 * inbox re-check, a one-minute wait, another re-check, then the long wait
 * (ANSWER_TIMEOUT, 24h). A message that lands in a gap is answered within
 * seconds instead of being missed; none is ever lost.
 */
type Step = Parameters<Parameters<typeof inngest.createFunction>[1]>[0]["step"];

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
function durationMs(duration: string) {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(duration);
  return match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : 0;
}

async function waitForInbox(step: Step, event: typeof chatMessageSent | typeof bookPlotReviewed, bookId: string, label: string) {
  const env = getEnv();
  // The middle stage only makes sense when the long wait is longer than it.
  const stages = durationMs(env.ANSWER_TIMEOUT) > 60_000 ? [env.ANSWER_SETTLE_TIMEOUT, "1m"] : [env.ANSWER_SETTLE_TIMEOUT];
  for (const [index, timeout] of stages.entries()) {
    const woke = await step.waitForEvent(`${label}-settle-${index}`, { event, timeout, if: forBook(bookId) });
    if (woke) return "event" as const;
    if (await step.run(`${label}-recheck-inbox-${index}`, () => nextInboxMessage(bookId))) return "event" as const;
  }
  const woke = await step.waitForEvent(label, { event, timeout: env.ANSWER_TIMEOUT, if: forBook(bookId) });
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
