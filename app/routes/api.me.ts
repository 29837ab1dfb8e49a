import type { LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, requireApiUserId } from "../utils/api.server";
import { getUserById, getAvailableCredits } from "../utils/users.server";

/** Who is asking, with their credits (for the CLI's `whoami`). */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const userId = await requireApiUserId(request);
    const user = await getUserById(userId);
    if (!user) return Response.json({ error: { code: "unauthorized", message: "Log in again." } }, { status: 401 });
    return Response.json({ user: { email: user.email, name: user.name, credits: user.credits, availableCredits: await getAvailableCredits(userId) } });
  });
}
