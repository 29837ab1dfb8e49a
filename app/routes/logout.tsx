import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { CsrfError, validateCsrf } from "../utils/csrf.server";
import { destroySession, getSession } from "../utils/session.server";
import { readFormData } from "../utils/form-data.server";

export async function loader() {
  // Logging out changes state, so only a POST does it.
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  try {
    await validateCsrf(formData, request);
  } catch (error) {
    if (error instanceof CsrfError) throw new Response(error.message, { status: 403 });
    throw error;
  }
  const session = await getSession(request);
  return redirect("/", { headers: { "Set-Cookie": await destroySession(session) } });
}
