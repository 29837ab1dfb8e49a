import { randomUUID } from "node:crypto";
import { CONVERSING, type ApiJob, type ApiMessage, type ApiPlot, type BookbugApi } from "./api";
import { CliError, EXIT, noSuchBook, setInterruptHint } from "./errors";
import { plotText, style } from "./format";
import { printMessage } from "./interview";
import { spinner } from "./prompt";

/**
 * `approve` and `revise`: the decision is accepted at once, but the outcome
 * (a credit reserved, a new plot written) comes from the book's workflow, so
 * wait for it on the stream and report what really happened.
 */
export async function reviewPlot(api: BookbugApi, bookId: string, decision: "approve" | "revise", feedback?: string) {
  const { job } = await api.request<{ job: ApiJob }>("GET", `/api/jobs/${bookId}`);
  const { message } = await api.request<{ message: ApiMessage }>("POST", `/api/chat/${bookId}/approve`, {
    decision,
    ...(feedback ? { feedback } : {}),
    clientMessageId: randomUUID(),
  });
  setInterruptHint(
    decision === "approve"
      ? `Your approval is saved. Check on it with: bookbug show ${bookId}`
      : `Your changes are saved; Bookbug is still rewriting. See the new plot with: bookbug show ${bookId}`,
  );

  let status = job.status;
  let plot: { plot: ApiPlot; version: number } | null = null;
  let reply: ApiMessage | null = null;
  const settled = () =>
    decision === "approve" ? !CONVERSING.includes(status) || reply !== null : plot !== null || (reply !== null && reply.phase !== "writing") || !CONVERSING.includes(status);

  const waitingText = decision === "approve" ? "Reserving a credit…" : "Bookbug is rewriting the plot…";
  const spin = spinner(waitingText);
  const controller = new AbortController();
  try {
    await api.followBook(
      bookId,
      (event) => {
        if (event.event === "status" || event.event === "end") status = (event.data as { status: string }).status;
        else if (event.event === "plot") plot = event.data as { plot: ApiPlot; version: number };
        else if (event.event === "message") {
          const next = (event.data as { message: ApiMessage }).message;
          if (next.role === "assistant" && next.id > message.id) reply = next;
        }
        if (settled()) controller.abort();
      },
      {
        signal: controller.signal,
        after: job.lastEventId,
        isDone: settled,
        onReconnect: () => spin.update("Lost the connection to Bookbug; reconnecting…"),
        onConnect: () => spin.update(waitingText),
      },
    );
  } finally {
    spin.stop();
    setInterruptHint(null);
  }

  if (status === "deleted") throw noSuchBook();
  if (decision === "approve") {
    if (status === "queued" || status === "rendering") {
      console.log(`${style.green("Approved!")} The illustrations are on their way. Follow them with: bookbug watch ${bookId}`);
      return;
    }
    // Bookbug explained in the chat why it couldn't start (the server checks
    // credits up front, so this is a race with another approval).
    const refusal = reply as ApiMessage | null;
    const text = refusal?.content ?? `The book is ${status}.`;
    throw new CliError(text, refusal?.phase === "no_credits" ? EXIT.noCredits : EXIT.conflict);
  }
  const revised = plot as { plot: ApiPlot; version: number } | null;
  if (revised) {
    console.log(`${revised.plot.summary ?? "Here's the new version."} (version ${revised.version})\n\n${plotText(revised.plot)}\n`);
    console.log(`Approve it with: bookbug approve ${bookId}   or ask for more changes with: bookbug revise ${bookId} "…"`);
    return;
  }
  if (reply) printMessage(reply);
}
