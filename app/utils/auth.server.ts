import { redirect } from "@remix-run/node";
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { z } from "zod";
import { userIdForApiToken } from "./api-tokens.server";
import { getSession, USER_ID_KEY } from "./session.server";
import { EmailSchema, getUserById, verifyLogin, type PublicUser } from "./users.server";

/** Thrown by the form strategy; its message is safe to show next to the form. */
export class LoginError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Partial<Record<"email" | "password", string>> = {},
  ) {
    super(message);
    this.name = "LoginError";
  }
}

const LoginFormSchema = z.object({
  email: EmailSchema,
  password: z.string({ required_error: "Enter your password." }).min(1, "Enter your password.").max(200, "That password is too long."),
});

export const authenticator = new Authenticator<PublicUser>();

authenticator.use(
  new FormStrategy(async ({ form }) => {
    const parsed = LoginFormSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      const fieldErrors = parsed.error.flatten().fieldErrors;
      throw new LoginError("Check the highlighted fields.", {
        email: fieldErrors.email?.[0],
        password: fieldErrors.password?.[0],
      });
    }
    const user = await verifyLogin(parsed.data.email, parsed.data.password);
    if (!user) throw new LoginError("That email and password don't match an account.");
    return user;
  }),
  "form",
);

/** The bearer token a request carries, if any. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/** The signed-in user's id from a bearer token or the session cookie, or null. */
export async function getUserId(request: Request): Promise<string | null> {
  const token = bearerToken(request);
  if (token) return userIdForApiToken(token);
  const session = await getSession(request);
  const userId: unknown = session.get(USER_ID_KEY);
  return typeof userId === "string" ? userId : null;
}

export async function getUser(request: Request): Promise<PublicUser | null> {
  const userId = await getUserId(request);
  return userId ? getUserById(userId) : null;
}

/** For pages: the user, or a redirect to the login page that comes back here. */
export async function requireUser(request: Request): Promise<PublicUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

/** For pages only a visitor should see (login, signup). */
export async function requireAnonymous(request: Request) {
  if (await getUser(request)) throw redirect("/books");
}

/** Only same-site relative paths: never an open redirect. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/books") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}
