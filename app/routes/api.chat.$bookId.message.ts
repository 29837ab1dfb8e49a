import type { ActionFunctionArgs } from "@remix-run/node";
import { handleApi, readJson, requireApiUserId, requireMethod } from "../utils/api.server";
import { MessageInputSchema, postMessage } from "../utils/chat.server";

export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const userId = await requireApiUserId(request);
    const input = await readJson(request, MessageInputSchema);
    const message = await postMessage(userId, params.bookId ?? "", input);
    return Response.json({ message }, { status: 202 });
  });
}
