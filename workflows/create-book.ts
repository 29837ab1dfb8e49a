import { getEnv } from "../app/utils/env.server";
import { getStoryteller } from "./agents";
import { isBriefComplete, mergeBrief, type Plot } from "./brief";
import { inngest } from "./client";
import { loadConversationState, nextInboxMessage, pauseIfIdle, saveOpeningQuestion, saveTurn } from "./conversation";
import { bookCancelled, bookCreateStarted, bookPlotReviewed, chatMessageSent, forBook } from "./events";
import { generatePages } from "./generate-pages";
import { reserveCreditForApproval, savePlot } from "./plot-review";

/*
 * A wait only sees events sent after it is registered. Messages are saved to
 * the inbox before their event is sent, so a short first wait (ANSWER_SETTLE_TIMEOUT)
 * followed by a second inbox check bounds the delay for a message that lands in
 * that gap; then the long wait (ANSWER_TIMEOUT, 24h) runs until the book pauses.
 */

type Step = Parameters<Parameters<typeof inngest.createFunction>[1]>[0]["step"];

async function waitForInbox(step: Step, event: typeof chatMessageSent | typeof bookPlotReviewed, bookId: string, label: string) {
  const env = getEnv();
  const quick = await step.waitForEvent(`${label}-settle`, { event, timeout: env.ANSWER_SETTLE_TIMEOUT, if: forBook(bookId) });
  if (quick) return "event" as const;
  const pending = await step.run(`${label}-recheck-inbox`, () => nextInboxMessage(bookId));
  if (pending) return "event" as const;
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
  },
  async ({ event, step }) => {
    const { bookId } = event.data;
    const storyteller = () => getStoryteller();

    const state = await step.run("load-conversation", () => loadConversationState(bookId));
    if (!state) return { outcome: "book-gone" };
    let { brief, askedAbout, turn, plot, plotVersion } = state;

    if (!state.hasAssistantMessage) {
      const opening = await step.run("ask-first-question", () => storyteller().interview({ bookId, brief, turn: 0 }));
      await step.run("save-first-question", () => saveOpeningQuestion(bookId, opening));
      askedAbout = opening.topic;
      turn = 1;
    }

    // The interview: answer every message in the inbox, in order, then wait.
    while (!isBriefComplete(brief)) {
      const message = await step.run("check-inbox", () => nextInboxMessage(bookId));
      if (!message) {
        const woke = await waitForInbox(step, chatMessageSent, bookId, "wait-for-answer");
        if (woke === "timeout" && (await step.run("pause-book", () => pauseIfIdle(bookId)))) return { outcome: "paused" };
        continue;
      }
      const learned = await step.run("interpret-answer", () =>
        storyteller().interpret({ bookId, brief, askedAbout, answer: message.content }),
      );
      const nextBrief = mergeBrief(brief, learned);
      const reply = await step.run("plan-next-question", () =>
        storyteller().interview({ bookId, brief: nextBrief, learned, askedAbout, turn }),
      );
      const saved = await step.run("save-reply", () => saveTurn(bookId, message.id, nextBrief, reply));
      brief = saved.brief;
      askedAbout = reply.topic;
      turn += 1;
    }

    // The plot, then review until approved.
    if (!plot || state.status === "intake") {
      const version = plotVersion + 1;
      const written: Plot = await step.run("write-plot", () => storyteller().plot({ bookId, brief, version }));
      await step.run("save-plot", () => savePlot(bookId, written, version, null));
      plot = written;
      plotVersion = version;
    }

    let approval;
    for (;;) {
      const message = await step.run("check-review-inbox", () => nextInboxMessage(bookId));
      if (!message) {
        const woke = await waitForInbox(step, bookPlotReviewed, bookId, "wait-for-review");
        if (woke === "timeout" && (await step.run("pause-book", () => pauseIfIdle(bookId)))) return { outcome: "paused" };
        continue;
      }
      if (message.phase === "approve") {
        const outcome = await step.run("reserve-credit", () => reserveCreditForApproval(bookId, message.id));
        if (outcome.reserved) {
          approval = outcome;
          break;
        }
        if (outcome.reason === "gone") return { outcome: "book-gone" };
        continue;
      }
      const current: Plot = plot;
      const version = plotVersion + 1;
      const revised: Plot = await step.run("revise-plot", () =>
        storyteller().revisePlot({ bookId, brief, plot: current, feedback: message.content, version }),
      );
      await step.run("save-revised-plot", () => savePlot(bookId, revised, version, message.id));
      plot = revised;
      plotVersion = version;
    }

    const rendered = await step.invoke("render-pages", {
      function: generatePages,
      data: { bookId, userId: approval.userId, jobId: approval.jobId, plotVersion: approval.plotVersion, plot: approval.plot },
      timeout: "12h",
    });
    return { outcome: "rendered", rendered };
  },
);
