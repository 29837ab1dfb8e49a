import type { LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, requireApiUserId } from "../utils/api.server";
import { getOwnedBook } from "../utils/books.server";
import { bookEventStream, resumeCursor } from "../utils/sse.server";

/**
 * The book's live stream: chat replies, status changes, stages and pages,
 * resuming after `Last-Event-ID`. It ends once the book is finished.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const userId = await requireApiUserId(request);
    // Read before the log (see bookEventStream), so no final event is cut off.
    const book = await getOwnedBook(userId, params.bookId ?? "");
    return bookEventStream(request, { bookId: book.id, status: book.status, after: resumeCursor(request) });
  });
}
