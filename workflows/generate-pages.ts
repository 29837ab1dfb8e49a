import { getEnv } from "../app/utils/env.server";
import { inngest } from "./client";
import { bookCancelled, bookRenderCancelled, bookRenderRequested, generatePagesInvoked, GeneratePagesInput } from "./events";
import { MAX_RENDERING_BOOKS } from "./plot-review";
import { acceptRenderJob } from "./render-job";
import { assemblePdf, completeBook, recordRenderFailure, renderPage, setStage } from "./render-book";

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Renders an approved book: a durable step per page (a few at once), the
 * cover, the PDF, then completion with the credit charged once. At most five
 * run per user, keyed by user, so one family's queue never holds another's.
 */
export const generatePages = inngest.createFunction(
  {
    id: "generate-pages",
    name: "Render a book's pages",
    triggers: [generatePagesInvoked, bookRenderRequested],
    concurrency: { key: "event.data.userId", limit: MAX_RENDERING_BOOKS },
    retries: 4,
    cancelOn: [
      { event: bookRenderCancelled, if: "async.data.bookId == event.data.bookId" },
      { event: bookCancelled, if: "async.data.bookId == event.data.bookId" },
    ],
    onFailure: async ({ event, error, step }) => {
      const original = event.data.event as unknown as { data: GeneratePagesInput } & Record<string, unknown>;
      const input = GeneratePagesInput.parse(original.data);
      await step.run("record-failure", () =>
        recordRenderFailure({
          bookId: input.bookId,
          userId: input.userId,
          jobId: input.jobId,
          runId: event.data.run_id ?? null,
          functionId: event.data.function_id,
          event: original,
          error: { name: error.name, message: error.message, stack: error.stack ?? null },
        }),
      );
    },
  },
  async ({ event, step }) => {
    const { bookId, jobId, plot } = event.data;
    await step.run("start-rendering", () => acceptRenderJob(bookId, jobId, plot.pages.length));
    const parallel = getEnv().RENDER_PARALLELISM;
    for (const batch of chunks(plot.pages.map((page) => page.number), parallel)) {
      await Promise.all(batch.map((number) => step.run(`render-page-${number}`, () => renderPage(bookId, jobId, plot, number))));
    }
    await step.run("render-cover", async () => {
      await setStage(bookId, jobId, "cover");
      return renderPage(bookId, jobId, plot, 0);
    });
    await step.run("assemble-pdf", () => assemblePdf(bookId, jobId, plot));
    const done = await step.run("complete-book", () => completeBook(bookId, jobId));
    return { bookId, pages: plot.pages.length, charged: done.charged };
  },
);
