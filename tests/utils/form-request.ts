import { issueCsrfToken } from "../../app/utils/csrf.server";

/** Cookies a browser would hold: `name=value` pairs joined for a Cookie header. */
export function cookieHeader(...setCookies: (string | null | undefined)[]) {
  return setCookies
    .filter((value): value is string => Boolean(value))
    .map((value) => value.split(";")[0])
    .join("; ");
}

/** A visitor with a CSRF cookie and the matching form token, as after loading a page. */
export async function csrfVisitor() {
  const { token, setCookie } = await issueCsrfToken(new Request("http://localhost/"));
  return { token, cookie: cookieHeader(setCookie) };
}

/** A form POST as the browser sends it, with the visitor's cookies and CSRF token. */
export async function formPost(
  path: string,
  fields: Record<string, string>,
  options: { cookie?: string; csrf?: boolean } = {},
) {
  const visitor = await csrfVisitor();
  const body = new URLSearchParams(fields);
  if (options.csrf !== false) body.set("csrf", visitor.token);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: cookieHeader(visitor.cookie, options.cookie),
    },
    body,
  });
}
