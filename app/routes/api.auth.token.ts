import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { clientIpFrom } from "../load-context";
import { apiError, handleApi, readJson, requireMethod } from "../utils/api.server";
import { createApiToken, revokeApiToken } from "../utils/api-tokens.server";
import { bearerToken } from "../utils/auth.server";
import { consumeAuthAttempt } from "../utils/rate-limit.server";
import { EmailSchema, verifyLogin } from "../utils/users.server";

const TokenRequestSchema = z.object({
  email: EmailSchema,
  password: z.string({ required_error: "password is required." }).min(1, "password is required.").max(200),
  name: z.string().trim().min(1).max(60).optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST", "DELETE");
    if (request.method === "DELETE") {
      // Logging out of the CLI: the token stops working everywhere, at once.
      const token = bearerToken(request);
      if (!token) return apiError(401, "unauthorized", "Send the token to revoke as `Authorization: Bearer <token>`.");
      await revokeApiToken(token);
      return new Response(null, { status: 204 });
    }
    const input = await readJson(request, TokenRequestSchema);
    const limit = consumeAuthAttempt("login", clientIpFrom(context), input.email);
    if (!limit.allowed) {
      return apiError(429, "rate_limited", `Too many attempts. Please wait ${limit.retryAfterSeconds} seconds and try again.`, {
        "Retry-After": String(limit.retryAfterSeconds),
      });
    }
    const user = await verifyLogin(input.email, input.password);
    if (!user) return apiError(401, "invalid_credentials", "That email and password don't match an account.");
    const { token, expiresAt } = await createApiToken(user.id, input.name ?? "cli");
    return Response.json({ token, expiresAt: expiresAt.toISOString(), user: { email: user.email, name: user.name } }, { status: 201 });
  });
}
