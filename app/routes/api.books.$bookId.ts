import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, requireApiUserId, requireMethod } from "../utils/api.server";
import { deleteBook, getOwnedBookWithPages } from "../utils/books.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const userId = await requireApiUserId(request);
    return Response.json({ book: await getOwnedBookWithPages(userId, params.bookId ?? "") });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    requireMethod(request, "DELETE");
    const userId = await requireApiUserId(request);
    await deleteBook(userId, params.bookId ?? "");
    return new Response(null, { status: 204 });
  });
}
