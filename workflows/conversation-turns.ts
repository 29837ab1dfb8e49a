/**
 * One whole turn of the conversation as a plain function, so a workflow step
 * does it in one call: read the oldest unanswered message, let the
 * storyteller act on it, and save the result. The reply reaches the parent
 * one round trip after their message wakes the workflow. Each function is
 * safe to run twice: the save is one transaction that does nothing for a
 * message already answered.
 */
import { getStoryteller } from "./agents";
import { isBriefComplete, mergeBrief, type BookBrief, type BriefTopic, type Plot } from "./brief";
import { nextInboxMessage, saveTurn } from "./conversation";
import { reserveCreditForApproval, savePlot, type ApprovalOutcome } from "./plot-review";

export interface InterviewState {
  brief: BookBrief;
  askedAbout: BriefTopic | null;
  turn: number;
}

/** Answers the oldest unanswered message of the interview; null when the inbox is empty. */
export async function answerNextMessage(bookId: string, state: InterviewState): Promise<InterviewState | null> {
  const message = await nextInboxMessage(bookId);
  if (!message) return null;
  const storyteller = getStoryteller();
  const learned = await storyteller.interpret({ bookId, brief: state.brief, askedAbout: state.askedAbout, answer: message.content });
  const brief = mergeBrief(state.brief, learned);
  const reply = await storyteller.interview({ bookId, brief, learned, askedAbout: state.askedAbout, turn: state.turn });
  const saved = await saveTurn(bookId, message.id, brief, reply);
  return { brief: saved.brief, askedAbout: reply.topic, turn: state.turn + 1 };
}

/**
 * Answers every message waiting in the inbox, oldest first, until it is empty
 * or the brief is complete; null when there was nothing to answer. Checking
 * the inbox again after each answer, in the same step, means the workflow can
 * wait right after this step: no extra round trip to look again.
 */
export async function answerInbox(bookId: string, state: InterviewState): Promise<InterviewState | null> {
  let current: InterviewState | null = null;
  for (;;) {
    const next = await answerNextMessage(bookId, current ?? state);
    if (!next) return current;
    current = next;
    if (isBriefComplete(current.brief)) return current;
  }
}

/** Writes the first plot for a complete brief and opens the review. */
export async function writeFirstPlot(bookId: string, brief: BookBrief, version: number): Promise<Plot> {
  const plot = await getStoryteller().plot({ bookId, brief, version });
  await savePlot(bookId, plot, version, null);
  return plot;
}

export interface ReviewState {
  brief: BookBrief;
  plot: Plot;
  plotVersion: number;
}

export type ReviewOutcome =
  | { kind: "revised"; state: ReviewState }
  | { kind: "approved"; approval: Extract<ApprovalOutcome, { reserved: true }> }
  | { kind: "not-approved"; reason: "no_credits" | "too_many_rendering" }
  | { kind: "gone" };

/**
 * Acts on the oldest unanswered message of the plot review: an approval
 * reserves a credit (or explains in the chat why it cannot), anything else is
 * a change request that produces the next plot version. Null when the inbox is empty.
 */
export async function handleReviewMessage(bookId: string, state: ReviewState): Promise<ReviewOutcome | null> {
  const message = await nextInboxMessage(bookId);
  if (!message) return null;
  if (message.phase === "approve") {
    const outcome = await reserveCreditForApproval(bookId, message.id);
    if (outcome.reserved) return { kind: "approved", approval: outcome };
    return outcome.reason === "gone" ? { kind: "gone" } : { kind: "not-approved", reason: outcome.reason };
  }
  const version = state.plotVersion + 1;
  // The next request builds on this one: "make it longer", then "funnier", keeps both.
  const revision = await getStoryteller().revisePlot({ bookId, brief: state.brief, plot: state.plot, feedback: message.content, version });
  await savePlot(bookId, revision.plot, version, message.id, revision.brief);
  return { kind: "revised", state: { brief: revision.brief, plot: revision.plot, plotVersion: version } };
}
