import type { ZodType } from "zod";
import { getUserId } from "./auth.server";

/** `{error: {code, message}}` with the right status; messages are safe to show. */
export function apiError(status: number, code: string, message: string, headers?: HeadersInit) {
  return Response.json({ error: { code, message } }, { status, headers });
}

/** Runs an API handler: domain errors become their status, thrown Responses pass through. */
export async function handleApi(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) return error;
    if (error instanceof ApiError) return apiError(error.status, error.code, error.message);
    console.error(error);
    return apiError(500, "internal", "Something went wrong on our side. Please try again.");
  }
}

/** Only the listed methods; anything else is a clear 405. */
export function requireMethod(request: Request, ...methods: string[]) {
  if (!methods.includes(request.method)) {
    throw apiError(405, "method_not_allowed", `Use ${methods.join(" or ")} here.`, { Allow: methods.join(", ") });
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A browser attaches the session cookie to a request another site makes
 * (a plain-text POST needs no CORS preflight), so a cookie-authenticated
 * change must come from our own pages. Bearer tokens are never sent
 * automatically and need no such check.
 */
function assertSameOriginForCookieAuth(request: Request) {
  if (SAFE_METHODS.has(request.method) || request.headers.has("authorization")) return;
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  const crossSite = site === "cross-site" || site === "same-site";
  if (crossSite || (origin !== null && originHost(origin) !== new URL(request.url).host)) {
    throw apiError(403, "cross_site", "This request came from another site. Use Bookbug itself, or an API token.");
  }
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (sandboxed or file pages) or garbage: never ours
  }
}

/** The caller (bearer token or session cookie), or a 401. */
export async function requireApiUserId(request: Request): Promise<string> {
  const userId = await getUserId(request);
  if (!userId) throw apiError(401, "unauthorized", "Log in, or send an API token as `Authorization: Bearer <token>`.");
  assertSameOriginForCookieAuth(request);
  return userId;
}

const MAX_JSON_BYTES = 64 * 1024;

/** Parses and validates a JSON body; bad input is a 400 that changes nothing. */
export async function readJson<T>(request: Request, schema: ZodType<T>): Promise<T> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_JSON_BYTES) throw apiError(413, "too_large", "The request body is too large.");
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw apiError(413, "too_large", "The request body is too large.");
  let body: unknown = {};
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      throw apiError(400, "invalid_json", "The request body is not valid JSON.");
    }
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    throw apiError(400, "invalid_request", `${where}${issue?.message ?? "Invalid request."}`);
  }
  return parsed.data;
}
