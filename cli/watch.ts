import { TERMINAL, type ApiBook, type ApiJob, type BookbugApi } from "./api";
import { CliError, EXIT, noSuchBook, setInterruptHint } from "./errors";
import { progressBar, style } from "./format";
import { clearLive, columns, drawLive, truncate } from "./prompt";

const STAGE_LABELS: Record<string, string> = {
  queued: "waiting for the illustrator…",
  rendering: "illustrating…",
  illustrating: "illustrating…",
  cover: "drawing the cover…",
  binding: "binding the book…",
};

/**
 * A live progress bar over the book's stream, with each page's words as it
 * lands. `--json`: the job as it stands, then one line per event.
 */
export async function watchBook(api: BookbugApi, bookId: string, options: { json: boolean }) {
  const { job } = await api.request<{ job: ApiJob }>("GET", `/api/jobs/${bookId}`);
  if (!["queued", "rendering", ...TERMINAL].includes(job.status)) {
    throw new CliError(`This book's plot isn't approved yet, so there's nothing to watch. Approve it first: bookbug approve ${bookId}`, EXIT.conflict);
  }
  const emit = (value: object) => console.log(JSON.stringify(value));
  if (options.json) emit({ event: "job", ...job });
  let rendered = job.currentPage;
  let total = job.totalPages;
  let status = job.status;
  let stage = job.stage ?? job.status;
  let reconnecting = false;
  const tty = Boolean(process.stdout.isTTY) && !options.json;
  const bar = () => {
    if (!tty) return;
    const note = reconnecting ? "reconnecting…" : (STAGE_LABELS[stage] ?? "");
    // Narrow terminals get a shorter bar: a wrapped live line can't be redrawn.
    const meter = progressBar(rendered, total, Math.max(8, Math.min(24, columns() - 30)));
    drawLive(`${meter}  ${style.dim(truncate(note, Math.max(0, columns() - meter.length - 3)))}`, true);
  };
  const printed = new Set<number>();
  const printPage = (number: number, text: string) => {
    if (options.json || printed.has(number)) return;
    printed.add(number);
    const label = number === 0 ? "Cover" : `Page ${number}`;
    const line = `${style.bold(`${label}:`)} ${tty ? truncate(text, columns() - label.length - 3) : text}`;
    if (tty) clearLive();
    console.log(line);
  };

  if (TERMINAL.includes(status)) return finish();
  setInterruptHint(`Stopped watching; the illustrations carry on. Follow them again with: bookbug watch ${bookId}`);
  if (!options.json) {
    // The pages drawn before we started watching, so the story reads in order.
    const { book } = await api.request<{ book: ApiBook }>("GET", `/api/books/${bookId}`);
    console.log(`Watching ${book.title ? `“${book.title}”` : `book ${bookId}`}${tty ? style.dim("  (Ctrl-C stops watching, not the illustrations)") : ""}`);
    for (const page of [...book.pages].sort((a, b) => a.number - b.number)) printPage(page.number, page.text);
    // The book may be a little ahead of the job read just before it.
    rendered = Math.max(rendered, book.pages.length);
    const label = STAGE_LABELS[stage];
    if (!tty && label) console.log(capitalise(label));
  }
  bar();

  const controller = new AbortController();
  try {
    await api.followBook(
      bookId,
      (event) => {
        if (options.json) emit({ ...(event.id ? { id: event.id } : {}), event: event.event, ...(event.data as object) });
        if (event.event === "page") {
          const page = event.data as { number: number; text: string; rendered: number; total: number };
          rendered = page.rendered;
          total = page.total;
          printPage(page.number, page.text);
        } else if (event.event === "stage") {
          const next = (event.data as { stage: string }).stage;
          const label = STAGE_LABELS[next];
          if (next !== stage && !tty && !options.json && label) console.log(capitalise(label));
          stage = next;
        } else if (event.event === "end") {
          // The server's last word, with the book's final status (it may be all
          // we get if the book finished just before we started following it).
          const final = (event.data as { status?: string }).status ?? "";
          if (final === "deleted") throw noSuchBook();
          if (TERMINAL.includes(final)) {
            status = final;
            controller.abort();
          }
        } else if (event.event === "status") {
          status = (event.data as { status: string }).status;
          if (status === "queued") {
            // A retry starts over from the pages already kept.
            stage = "queued";
          }
          // The story is over; the server may or may not end the stream itself.
          if (TERMINAL.includes(status)) controller.abort();
        }
        bar();
      },
      {
        signal: controller.signal,
        after: job.lastEventId,
        isDone: () => TERMINAL.includes(status),
        onReconnect: () => {
          reconnecting = true;
          bar();
        },
        onConnect: () => {
          if (!reconnecting) return;
          reconnecting = false;
          bar();
        },
      },
    );
  } catch (error) {
    if (error instanceof CliError && error.exitCode === EXIT.unreachable) {
      throw new CliError(`${error.message} The illustrations carry on without you; follow them again with: bookbug watch ${bookId}`, EXIT.unreachable);
    }
    throw error;
  } finally {
    if (tty) clearLive();
    setInterruptHint(null);
  }
  return finish();

  function finish() {
    if (status === "complete") {
      if (!options.json) console.log(`${style.green("Done!")} ${progressBar(total, total)}  Download it with: bookbug download ${bookId}`);
      return;
    }
    if (status === "failed") {
      throw new CliError(`Illustration failed. Nothing was charged; try again for free with: bookbug retry ${bookId}`, EXIT.failure);
    }
    throw new CliError(`Illustration was stopped. Nothing was charged; start it again with: bookbug retry ${bookId}`, EXIT.failure);
  }
}

function capitalise(text: string) {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
