import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { getEnv, cookiesAreSecure } from "./env.server";

/**
 * Double-submit CSRF protection: a random token lives in an httpOnly,
 * SameSite=Lax cookie signed with SESSION_SECRET, and every state-changing
 * form echoes it in a hidden field. A cross-site form cannot read the cookie,
 * so it cannot supply a matching field.
 */
export const CSRF_FIELD = "csrf";

export class CsrfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsrfError";
  }
}

function csrfCookie() {
  const env = getEnv();
  return createCookie("bb_csrf", {
    httpOnly: true,
    sameSite: "lax",
    secure: cookiesAreSecure(env),
    path: "/",
    secrets: [env.SESSION_SECRET],
  });
}

function sign(token: string) {
  return createHmac("sha256", getEnv().SESSION_SECRET).update(`csrf:${token}`).digest("base64url");
}

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await csrfCookie().parse(request.headers.get("cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The token for this visitor, and a Set-Cookie header when it is new. */
export async function issueCsrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const existing = await readToken(request);
  if (existing) return { token: sign(existing), setCookie: null };
  const fresh = randomBytes(24).toString("base64url");
  return { token: sign(fresh), setCookie: await csrfCookie().serialize(fresh) };
}

/** Throws a CsrfError unless the form carries the token bound to this visitor's cookie. */
export async function validateCsrf(formData: FormData, request: Request) {
  const cookieToken = await readToken(request);
  if (!cookieToken) throw new CsrfError("Your session expired. Reload the page and try again.");
  const submitted = formData.get(CSRF_FIELD);
  const expected = Buffer.from(sign(cookieToken));
  const actual = Buffer.from(typeof submitted === "string" ? submitted : "");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new CsrfError("This form is out of date. Reload the page and try again.");
  }
}
