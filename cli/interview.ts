import { randomUUID } from "node:crypto";
import type { ApiMessage, ApiPlot, BookbugApi, ApiJob, ApiBook } from "./api";
import { CliError, EXIT } from "./errors";
import { plotText } from "./format";
import { choose, spinner } from "./prompt";
import { followStream } from "./sse";

const CONVERSING = ["intake", "plot_review", "paused"];

/**
 * The interview in the terminal: show the conversation, ask the pending
 * question (chips as a list), send the answer, wait for the reply over the
 * book's stream. Ends when the plot is approved; Ctrl-C leaves it resumable.
 */
export async function runInterview(api: BookbugApi, bookId: string, options: { showHistory: boolean }) {
  // The stream cursor first: anything newer than it arrives over the stream,
  // anything older is in the history (duplicates are dropped by id).
  const { job } = await api.request<{ job: ApiJob }>("GET", `/api/jobs/${bookId}`);
  const { messages } = await api.request<{ messages: ApiMessage[] }>("GET", `/api/chat/${bookId}/history`);
  const { book } = await api.request<{ book: ApiBook }>("GET", `/api/books/${bookId}`);
  let status = job.status;
  let plot: ApiPlot | null = book.plot;
  const known = new Map(messages.map((message) => [message.id, message]));
  let latestAssistant = [...messages].reverse().find((m) => m.role === "assistant") ?? null;
  let lastMessage = messages.at(-1) ?? null;
  let wake: (() => void) | undefined;

  if (options.showHistory) {
    for (const message of messages) printMessage(message);
  }

  const controller = new AbortController();
  const stream = followStream(
    api.streamUrl(bookId),
    api.authHeader(),
    (event) => {
      if (event.event === "message") {
        const message = (event.data as { message: ApiMessage }).message;
        if (known.has(message.id)) return;
        known.set(message.id, message);
        lastMessage = message;
        if (message.role === "assistant") latestAssistant = message;
      } else if (event.event === "status") {
        status = (event.data as { status: string }).status;
      } else if (event.event === "plot") {
        plot = (event.data as { plot: ApiPlot }).plot;
      }
      wake?.();
    },
    { signal: controller.signal, after: job.lastEventId },
  );

  const waitForNews = () => new Promise<void>((resolve) => (wake = resolve));

  try {
    for (;;) {
      if (!CONVERSING.includes(status)) {
        if (status === "queued" || status === "rendering") {
          console.log(`\nApproved! The illustrations are on their way. Follow them with: bookbug watch ${bookId}`);
          return;
        }
        throw new CliError(`This book is ${status}; there's nothing to answer.`, EXIT.conflict);
      }
      const waitingForReply = lastMessage?.role === "user" || lastMessage?.phase === "writing" || !latestAssistant;
      if (waitingForReply && status !== "paused") {
        const spin = spinner(lastMessage?.phase === "writing" ? "Bookbug is writing your story…" : "Bookbug is thinking…");
        const before = latestAssistant?.id;
        while (latestAssistant?.id === before && CONVERSING.includes(status)) await waitForNews();
        spin.stop();
        if (latestAssistant && latestAssistant.id !== before) printMessage(latestAssistant);
        continue;
      }
      const question = latestAssistant;
      if (status === "plot_review" && plot) console.log(`\n${plotText(plot)}\n`);
      const inReview = status === "plot_review";
      const answer = await choose(inReview ? "Approve the plot, or say what to change:" : "Your answer:", question?.chips ?? []);
      if (answer === null) throw new CliError(`Saved. Carry on later with: bookbug resume ${bookId}`, EXIT.interrupted);
      const text = answer.trim();
      if (!text) continue;
      const clientMessageId = randomUUID();
      if (inReview && /^approve\b/i.test(text)) {
        await api.request("POST", `/api/chat/${bookId}/approve`, { decision: "approve", clientMessageId });
        const before = status;
        while (status === before) await waitForNews();
        if (lastMessage && lastMessage.role === "assistant" && lastMessage !== question) printMessage(lastMessage);
        continue;
      }
      const { message } = inReview
        ? await api.request<{ message: ApiMessage }>("POST", `/api/chat/${bookId}/approve`, { decision: "revise", feedback: text, clientMessageId })
        : await api.request<{ message: ApiMessage }>("POST", `/api/chat/${bookId}/message`, { content: text, clientMessageId });
      known.set(message.id, message);
      if (!lastMessage || message.id > lastMessage.id) lastMessage = message;
      if (status === "paused") status = plot ? "plot_review" : "intake";
    }
  } finally {
    controller.abort();
    await stream.catch(() => undefined);
  }
}

function printMessage(message: ApiMessage) {
  const [bold, dim, reset] = process.stdout.isTTY ? ["\x1b[1m", "\x1b[2m", "\x1b[0m"] : ["", "", ""];
  if (message.role === "assistant") console.log(`\n${bold}Bookbug:${reset} ${message.content}`);
  else console.log(`${dim}You: ${message.content}${reset}`);
}
