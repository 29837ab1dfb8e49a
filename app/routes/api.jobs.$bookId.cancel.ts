import type { ActionFunctionArgs } from "@remix-run/node";
import { handleApi, requireApiUserId, requireMethod } from "../utils/api.server";
import { cancelRender } from "../utils/renders.server";

export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const userId = await requireApiUserId(request);
    await cancelRender(userId, params.bookId ?? "");
    return Response.json({ status: "cancelled" }, { status: 202 });
  });
}
