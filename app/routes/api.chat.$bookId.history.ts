import type { LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, requireApiUserId } from "../utils/api.server";
import { getHistory } from "../utils/chat.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const userId = await requireApiUserId(request);
    return Response.json({ messages: await getHistory(userId, params.bookId ?? "") });
  });
}
