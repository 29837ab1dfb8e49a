import { inngest } from "./client";
import { generatePagesInvoked } from "./events";
import { MAX_RENDERING_BOOKS } from "./plot-review";
import { acceptRenderJob } from "./render-job";

/**
 * Renders an approved book. Invoked by create-book with the frozen plot;
 * at most five per user run at once, and one user's queue never holds
 * another's (the limit is keyed by user).
 */
export const generatePages = inngest.createFunction(
  {
    id: "generate-pages",
    name: "Render a book's pages",
    triggers: [generatePagesInvoked],
    concurrency: { key: "event.data.userId", limit: MAX_RENDERING_BOOKS },
    retries: 4,
  },
  async ({ event, step }) => {
    const { bookId, jobId, plot } = event.data;
    const accepted = await step.run("accept-render-job", () => acceptRenderJob(bookId, jobId, plot.pages.length));
    return { bookId, jobId, pages: plot.pages.length, accepted };
  },
);
