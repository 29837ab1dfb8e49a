import { randomUUID } from "node:crypto";
import { CONVERSING, TERMINAL, type ApiBook, type ApiJob, type ApiMessage, type ApiPlot, type BookbugApi } from "./api";
import { CliError, EXIT, noSuchBook, setInterruptHint } from "./errors";
import { plotText, style } from "./format";
import { choose, spinner } from "./prompt";

/**
 * The interview in the terminal: show the conversation, ask the pending
 * question (chips as a list), send the answer, wait for the reply over the
 * book's stream. Ends when the plot is approved; Ctrl-C leaves it resumable.
 */
export async function runInterview(api: BookbugApi, bookId: string) {
  const resumeHint = `Saved. Carry on later with: bookbug resume ${bookId}`;
  setInterruptHint(resumeHint);
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

  for (const message of messages) printMessage(message);
  // Bookbug's turns are printed once each, in order, however they arrive: a
  // reply can come over the stream before the answer's own request returns.
  let shownUpTo = messages.at(-1)?.id ?? 0;
  const showNewReplies = () => {
    const fresh = [...known.values()].filter((message) => message.role === "assistant" && message.id > shownUpTo).sort((a, b) => a.id - b.id);
    for (const message of fresh) {
      printMessage(message);
      shownUpTo = message.id;
    }
  };

  // The loop below sleeps in `waitForNews` until the stream brings something.
  let wake: (() => void) | undefined;
  let streamError: unknown = null;
  let streamEnded = false;
  const notify = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  let spin: ReturnType<typeof spinner> | null = null;
  let waitingText = "";
  const wait = (text: string) => {
    waitingText = text;
    spin = spinner(text);
  };
  const stopWaiting = () => {
    spin?.stop();
    spin = null;
  };

  const controller = new AbortController();
  const stream = api.followBook(
    bookId,
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
      } else if (event.event === "end") {
        // The stream's last word: the book is finished, or gone ("deleted").
        status = (event.data as { status?: string }).status ?? status;
      }
      notify();
    },
    {
      signal: controller.signal,
      after: job.lastEventId,
      isDone: () => TERMINAL.includes(status),
      onReconnect: () => spin?.update("Lost the connection to Bookbug; reconnecting…"),
      onConnect: () => spin?.update(waitingText),
    },
  ).then(
    () => {
      streamEnded = true;
      notify();
    },
    (error: unknown) => {
      streamError = error;
      notify();
    },
  );

  const checkStream = () => {
    if (streamError) {
      if (streamError instanceof CliError && streamError.exitCode === EXIT.unreachable) {
        throw new CliError(`${streamError.message} Your answers are saved; carry on later with: bookbug resume ${bookId}`, EXIT.unreachable);
      }
      throw streamError;
    }
    if (streamEnded) throw new CliError(`The book's live stream ended unexpectedly. Carry on with: bookbug resume ${bookId}`, EXIT.failure);
  };
  const waitForNews = async () => {
    checkStream();
    await new Promise<void>((resolve) => (wake = resolve));
    checkStream();
  };

  try {
    for (;;) {
      if (!CONVERSING.includes(status)) {
        if (status === "deleted") throw noSuchBook();
        if (status === "queued" || status === "rendering") {
          console.log(`\n${style.green("Approved!")} The illustrations are on their way. Follow them with: bookbug watch ${bookId}`);
          setInterruptHint(null);
          return;
        }
        throw new CliError(closedMessage(status, bookId), EXIT.conflict);
      }
      const waitingForReply = lastMessage?.role === "user" || lastMessage?.phase === "writing" || !latestAssistant;
      if (waitingForReply && status !== "paused") {
        wait(lastMessage?.phase === "writing" ? "Bookbug is writing your story…" : "Bookbug is thinking…");
        const before = latestAssistant?.id;
        try {
          while (latestAssistant?.id === before && CONVERSING.includes(status)) await waitForNews();
        } finally {
          stopWaiting();
        }
        showNewReplies();
        continue;
      }
      showNewReplies();
      const question = latestAssistant;
      if (status === "plot_review" && plot) console.log(`\n${plotText(plot)}\n`);
      const inReview = status === "plot_review" || (status === "paused" && plot !== null);
      const answer = await choose(inReview ? "Approve the plot, or say what to change:" : "Your answer:", question?.chips ?? []);
      if (answer === null) throw new CliError(resumeHint, EXIT.interrupted);
      const text = answer.trim();
      if (!text) continue;
      const clientMessageId = randomUUID();
      const approving = inReview && /^approve\b/i.test(text);
      const { message } = inReview
        ? await api.request<{ message: ApiMessage }>("POST", `/api/chat/${bookId}/approve`, approving ? { decision: "approve", clientMessageId } : { decision: "revise", feedback: text, clientMessageId })
        : await api.request<{ message: ApiMessage }>("POST", `/api/chat/${bookId}/message`, { content: text, clientMessageId });
      known.set(message.id, message);
      if (!lastMessage || message.id > lastMessage.id) lastMessage = message;
      if (status === "paused") status = plot ? "plot_review" : "intake";
      if (approving) {
        // Approval reserves a credit in the workflow: wait for the book to be
        // queued, or for Bookbug to explain why not (then ask again).
        wait("Reserving a credit…");
        try {
          while (CONVERSING.includes(status) && !(latestAssistant && latestAssistant.id > message.id)) await waitForNews();
        } finally {
          stopWaiting();
        }
        if (CONVERSING.includes(status)) showNewReplies();
      }
    }
  } finally {
    stopWaiting();
    controller.abort();
    await stream;
  }
}

function closedMessage(status: string, bookId: string) {
  if (status === "complete") return `This book is already finished. Download it with: bookbug download ${bookId}`;
  if (status === "failed") return `This book's illustration failed, so there's nothing to answer. Try again for free with: bookbug retry ${bookId}`;
  if (status === "cancelled") return `This book's illustration was stopped, so there's nothing to answer. Start it again with: bookbug retry ${bookId}`;
  return `This book is ${status}; there's nothing to answer.`;
}

/** A turn of the conversation; Bookbug's turns start with a blank line. */
export function formatMessage(message: ApiMessage) {
  return message.role === "assistant" ? `\n${style.bold("Bookbug:")} ${message.content}` : style.dim(`You: ${message.content}`);
}

export function printMessage(message: ApiMessage) {
  console.log(formatMessage(message));
}
