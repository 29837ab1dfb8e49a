import { eventType, invoke } from "inngest";
import { z } from "zod";
import { PlotSchema } from "./brief";

/** Starts (or, after a pause, restarts) the conversation that designs a book. */
export const bookCreateStarted = eventType("book/create.started", {
  schema: z.object({ bookId: z.string(), userId: z.string() }),
});

/** A user message was saved to the book's inbox; wakes a waiting conversation. */
export const chatMessageSent = eventType("chat/message.sent", {
  schema: z.object({ bookId: z.string(), messageId: z.number() }),
});

/** The parent approved the plot or asked for changes (saved to the inbox first). */
export const bookPlotReviewed = eventType("book/plot.reviewed", {
  schema: z.object({ bookId: z.string(), messageId: z.number(), decision: z.enum(["approve", "revise"]) }),
});

/** The book was deleted or cancelled: every run working on it stops. */
export const bookCancelled = eventType("book/cancelled", {
  schema: z.object({ bookId: z.string(), userId: z.string() }),
});

/** What create-book hands to generate-pages: the approved plot, frozen. */
export const GeneratePagesInput = z.object({
  bookId: z.string(),
  userId: z.string(),
  jobId: z.string(),
  plotVersion: z.number().int(),
  plot: PlotSchema,
});
export type GeneratePagesInput = z.infer<typeof GeneratePagesInput>;
export const generatePagesInvoked = invoke(GeneratePagesInput);

/** CEL that matches events about this book (the engine indexes this shape). */
export function forBook(bookId: string) {
  return `async.data.bookId == ${JSON.stringify(bookId)}`;
}

/** A failed (or cancelled) render is tried again: same contract as the invoke. */
export const bookRenderRequested = eventType("book/render.requested", { schema: GeneratePagesInput });

/** The parent stopped rendering; the page function stops. */
export const bookRenderCancelled = eventType("book/render.cancelled", {
  schema: z.object({ bookId: z.string(), userId: z.string() }),
});
