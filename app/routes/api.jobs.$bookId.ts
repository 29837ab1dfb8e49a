import type { LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, requireApiUserId } from "../utils/api.server";
import { getJobStatus } from "../utils/jobs.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const userId = await requireApiUserId(request);
    return Response.json({ job: await getJobStatus(userId, params.bookId ?? "") });
  });
}
