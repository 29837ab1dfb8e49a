import type { ActionFunctionArgs } from "@remix-run/node";
import { handleApi, requireApiUserId, requireMethod } from "../utils/api.server";
import { retryRender } from "../utils/renders.server";

export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const userId = await requireApiUserId(request);
    const { jobId } = await retryRender(userId, params.bookId ?? "");
    return Response.json({ jobId, status: "queued" }, { status: 202 });
  });
}
