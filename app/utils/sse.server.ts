import { eq } from "drizzle-orm";
import { books } from "../../db/schema";
import { readBookEvents, waitForBookEvents } from "../../workflows/book-events";
import { isFinishedStatus, STREAM_END_EVENT } from "../hooks/use-book-stream";
import { getDb } from "./db.server";

/**
 * A Server-Sent Events response whose events carry ids, so a reconnecting
 * EventSource resumes with `Last-Event-ID`. (remix-utils' eventStream cannot
 * write ids.)
 */
export interface SseWriter {
  send(event: { id?: number | string; event?: string; data: unknown }): void;
  comment(text: string): void;
}

export function sseResponse(requestSignal: AbortSignal, run: (writer: SseWriter, signal: AbortSignal) => Promise<void>): Response {
  const encoder = new TextEncoder();
  // Ends the producer when the client disconnects or cancels the body.
  const stop = new AbortController();
  const stopNow = () => stop.abort();
  requestSignal.addEventListener("abort", stopNow);
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const writer: SseWriter = {
        send({ id, event, data }) {
          const json = JSON.stringify(data);
          write(`${id !== undefined ? `id: ${id}\n` : ""}${event ? `event: ${event}\n` : ""}data: ${json}\n\n`);
        },
        comment(text) {
          write(`: ${text}\n\n`);
        },
      };
      const close = () => {
        requestSignal.removeEventListener("abort", stopNow);
        if (!open) return;
        open = false;
        controller.close();
      };
      stop.signal.addEventListener("abort", close);
      // Reconnect quickly after a dropped connection.
      write("retry: 2000\n\n");
      run(writer, stop.signal)
        .catch((error: unknown) => {
          if (!stop.signal.aborted) console.error("event stream failed", error);
        })
        .finally(close);
    },
    cancel() {
      open = false;
      stop.abort();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}

/** The cursor a client resumes from: the Last-Event-ID header, else `?after=`. */
export function resumeCursor(request: Request): number {
  const header = request.headers.get("last-event-id");
  const query = new URL(request.url).searchParams.get("after");
  const value = Number(header ?? query ?? 0);
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

const HEARTBEAT_MS = 15_000;
const BATCH = 200;
/**
 * After `end` the client closes (EventSource does at once). Closing it here
 * in the same breath can leave a Node fetch reader that aborts on the final
 * status (as earlier CLIs do) waiting forever, so the server only closes a
 * stream the client left open after this long.
 */
export const END_LINGER_MS = 1_000;

function lingerUntilClosed(signal: AbortSignal, ms: number) {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

async function currentBookStatus(bookId: string): Promise<string | null> {
  const db = await getDb();
  const row = await db.query.books.findFirst({ columns: { status: true }, where: eq(books.id, bookId) });
  return row?.status ?? null;
}

/**
 * A book's event log as a live stream from `after`. Once the book is
 * finished (complete, failed, cancelled) and every event up to now was sent,
 * it sends `end` and closes, so a finished book holds no connection open; a
 * client reconnecting late gets what it missed, then `end`. `status` must be
 * read before the log, so a book that finished meanwhile has its final events
 * in the first read.
 */
export function bookEventStream(request: Request, book: { bookId: string; status: string; after: number }): Response {
  const { bookId } = book;
  let status: string | null = book.status;
  let cursor = book.after;
  return sseResponse(request.signal, async (writer, signal) => {
    while (!signal.aborted) {
      const round = new AbortController();
      const endRound = () => round.abort();
      signal.addEventListener("abort", endRound);
      try {
        // Listen before reading, so news announced while the query runs still wakes us.
        const news = waitForBookEvents(bookId, HEARTBEAT_MS, round.signal);
        const events = await readBookEvents(bookId, cursor, BATCH);
        for (const event of events) {
          writer.send({ id: event.id, event: event.type, data: event.payload });
          cursor = event.id;
          if (event.type === "status" && typeof event.payload.status === "string") status = event.payload.status;
        }
        if (events.length === BATCH) continue;
        if (status === null || isFinishedStatus(status)) {
          writer.send({ event: STREAM_END_EVENT, data: { status: status ?? "deleted" } });
          await lingerUntilClosed(signal, END_LINGER_MS);
          return;
        }
        if ((await news) === "timeout") {
          // A comment now and then keeps proxies from closing a quiet stream.
          writer.comment("ping");
          // Another process may have finished or deleted the book meanwhile;
          // re-read before the next read of the log (same order as above).
          status = await currentBookStatus(bookId);
        }
      } finally {
        round.abort();
        signal.removeEventListener("abort", endRound);
      }
    }
  });
}
