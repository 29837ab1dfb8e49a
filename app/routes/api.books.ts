import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, requireApiUserId, requireMethod } from "../utils/api.server";
import { createBook, listOwnedBooks, toApiBook } from "../utils/books.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const userId = await requireApiUserId(request);
    return Response.json({ books: await listOwnedBooks(userId) });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const userId = await requireApiUserId(request);
    const book = await createBook(userId);
    return Response.json({ book: toApiBook(book) }, { status: 201 });
  });
}
