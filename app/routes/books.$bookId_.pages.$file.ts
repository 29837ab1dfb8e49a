import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, handleApi, requireApiUserId } from "../utils/api.server";
import { readPageImage } from "../utils/book-files.server";

/** `/books/:bookId/pages/3.png` — only for the book's owner. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const userId = await requireApiUserId(request);
    const match = /^(\d{1,2})\.png$/.exec(params.file ?? "");
    if (!match) return apiError(404, "not_found", "There is no such page.");
    const image = await readPageImage(userId, params.bookId ?? "", Number(match[1]));
    if (!image) return apiError(404, "not_found", "That page isn't ready yet.");
    return new Response(Buffer.from(image.body), {
      headers: { "Content-Type": "image/png", "Cache-Control": "private, max-age=3600", "Content-Length": String(image.body.length) },
    });
  });
}
