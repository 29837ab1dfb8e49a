import type { ActionFunctionArgs } from "@remix-run/node";
import { handleApi, readJson, requireApiUserId, requireMethod } from "../utils/api.server";
import { reviewPlot, ReviewInputSchema } from "../utils/chat.server";

export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const userId = await requireApiUserId(request);
    const input = await readJson(request, ReviewInputSchema);
    const message = await reviewPlot(userId, params.bookId ?? "", input);
    return Response.json({ message }, { status: 202 });
  });
}
