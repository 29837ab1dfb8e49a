import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "../utils/auth.server";
import { createBook } from "../utils/books.server";
import { CsrfError, validateCsrf } from "../utils/csrf.server";
import { readFormData } from "../utils/form-data.server";

export async function loader() {
  return redirect("/books");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    await validateCsrf(await readFormData(request), request);
  } catch (error) {
    if (error instanceof CsrfError) throw new Response(error.message, { status: 403 });
    throw error;
  }
  const book = await createBook(user.id);
  return redirect(`/books/${book.id}`);
}
