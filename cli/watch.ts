import type { ApiJob, BookbugApi } from "./api";
import { CliError, EXIT } from "./errors";
import { progressBar } from "./format";
import { followStream } from "./sse";

/** A live progress bar over the book's stream; page words as they land. */
export async function watchBook(api: BookbugApi, bookId: string, options: { json: boolean }) {
  const { job } = await api.request<{ job: ApiJob }>("GET", `/api/jobs/${bookId}`);
  if (!["queued", "rendering", "complete", "failed", "cancelled"].includes(job.status)) {
    throw new CliError("This book hasn't been approved yet. Approve its plot first: bookbug approve <id>.", EXIT.conflict);
  }
  let rendered = job.currentPage;
  const total = job.totalPages;
  let status = job.status;
  const tty = Boolean(process.stdout.isTTY) && !options.json;
  const draw = (line: string) => {
    if (tty) process.stdout.write(`\r\x1b[2K${line}`);
  };
  if (status === "complete" || status === "failed" || status === "cancelled") return finish();
  if (!options.json) console.log(`Illustrating book ${bookId}`);
  draw(progressBar(rendered, total));

  const controller = new AbortController();
  await followStream(
    api.streamUrl(bookId),
    api.authHeader(),
    (event) => {
      if (options.json) console.log(JSON.stringify({ event: event.event, ...(event.data as object) }));
      if (event.event === "page") {
        const page = event.data as { number: number; text: string; rendered: number; total: number };
        rendered = page.rendered;
        if (!options.json) {
          const label = page.number === 0 ? "Cover" : `Page ${page.number}`;
          const words = page.text.length > 70 ? `${page.text.slice(0, 67)}…` : page.text;
          if (tty) process.stdout.write(`\r\x1b[2K`);
          console.log(`${label}: ${words}`);
        }
        draw(progressBar(rendered, page.total));
      } else if (event.event === "stage" && !options.json && !tty) {
        console.log(`Stage: ${(event.data as { stage: string }).stage}`);
      } else if (event.event === "status") {
        status = (event.data as { status: string }).status;
        if (["complete", "failed", "cancelled"].includes(status)) controller.abort();
      }
    },
    {
      signal: controller.signal,
      after: job.lastEventId,
      onReconnect: () => {
        if (!options.json) draw(`${progressBar(rendered, total)}  (reconnecting…)`);
      },
    },
  );
  if (tty) process.stdout.write("\n");
  return finish();

  function finish() {
    if (status === "complete") {
      if (!options.json) console.log(`Done! ${progressBar(total, total)}  Download it with: bookbug download ${bookId}`);
      return;
    }
    throw new CliError(
      status === "failed" ? `Illustration failed. Nothing was charged; try again with: bookbug retry ${bookId}` : "Illustration was stopped.",
      EXIT.failure,
    );
  }
}
