import type { LoaderFunctionArgs } from "@remix-run/node";
import { readBookEvents, waitForBookEvents } from "../../workflows/book-events";
import { handleApi, requireApiUserId } from "../utils/api.server";
import { getOwnedBook } from "../utils/books.server";
import { resumeCursor, sseResponse } from "../utils/sse.server";

const HEARTBEAT_MS = 15_000;

/** The book's live stream: chat replies, status changes, stages and pages. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const userId = await requireApiUserId(request);
    const book = await getOwnedBook(userId, params.bookId ?? "");
    let cursor = resumeCursor(request);
    return sseResponse(request.signal, async (writer, signal) => {
      while (!signal.aborted) {
        const events = await readBookEvents(book.id, cursor);
        for (const event of events) {
          writer.send({ id: event.id, event: event.type, data: event.payload });
          cursor = event.id;
        }
        if (events.length > 0) continue;
        // A comment now and then keeps proxies from closing a quiet stream.
        if ((await waitForBookEvents(book.id, HEARTBEAT_MS, signal)) === "timeout") writer.comment("ping");
      }
    });
  });
}
