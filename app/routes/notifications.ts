import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { ApiError, handleApi, requireApiUserId } from "../utils/api.server";
import { safeRedirect } from "../utils/auth.server";
import { CsrfError, validateCsrf } from "../utils/csrf.server";
import { readFormData } from "../utils/form-data.server";
import { getNotificationSummary, markAllNotificationsRead, markNotificationsRead } from "../utils/notifications.server";

/** The header's list, for refreshing it while a page stays open. */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const userId = await requireApiUserId(request);
    return Response.json(await getNotificationSummary(userId), { headers: { "Cache-Control": "no-store" } });
  });
}

/**
 * Marks the given notifications (`id`, repeated) or all of them (`all`)
 * read. A script-less form is sent back where it came from.
 */
export async function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    const userId = await requireApiUserId(request);
    const formData = await readFormData(request);
    try {
      await validateCsrf(formData, request);
    } catch (error) {
      if (error instanceof CsrfError) throw new ApiError(403, "csrf", error.message);
      throw error;
    }
    const ids = formData.getAll("id").filter((id): id is string => typeof id === "string" && id !== "");
    const { marked } = formData.get("all") ? await markAllNotificationsRead(userId) : await markNotificationsRead(userId, ids);
    if (formData.get("via") !== "script") return redirect(safeRedirect(formData.get("redirectTo"), "/books"), 303);
    return Response.json({ marked });
  });
}
