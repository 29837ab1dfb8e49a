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
    return sseResponse(request.signal, async (writer) => {
      while (!request.signal.aborted) {
        const events = await readBookEvents(book.id, cursor);
        for (const event of events) {
          writer.send({ id: event.id, event: event.type, data: event.payload });
          cursor = event.id;
        }
        if (events.length > 0) continue;
        const before = cursor;
        await waitForBookEvents(book.id, HEARTBEAT_MS, request.signal);
        if (before === cursor && !request.signal.aborted) writer.comment("ping");
      }
    });
  });
}
