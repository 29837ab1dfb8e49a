import { count } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { sessions, users } from "../../db/schema";
import { outcomeOf } from "../../tests/utils/action-result";
import { cookieHeader, formPost } from "../../tests/utils/form-request";
import { getUser } from "../utils/auth.server";
import { closeDb, getDb } from "../utils/db.server";
import { authAttemptLimiter } from "../utils/rate-limit.server";
import { createUser } from "../utils/users.server";
import { action as loginAction } from "./login";
import { action as logoutAction } from "./logout";

type LoginData = { formError: string | null; fieldErrors: Record<string, string | undefined> };

async function login(fields: Record<string, string>, ip = "10.0.0.2") {
  const request = await formPost("/login", fields);
  return outcomeOf<LoginData>(await loginAction({ request, params: {}, context: { clientIp: ip } }));
}

async function countRows() {
  const db = await getDb();
  const [u] = await db.select({ n: count() }).from(users);
  const [s] = await db.select({ n: count() }).from(sessions);
  return { users: u?.n, sessions: s?.n };
}

beforeEach(async () => {
  authAttemptLimiter.reset();
  const db = await getDb();
  await db.delete(users);
  await createUser({ name: "Grace", email: "grace@example.com", password: "lullabies99" });
});

describe("login action", () => {
  it("logs in with the right password and honours a safe redirect", async () => {
    const outcome = await login({ email: "GRACE@example.com", password: "lullabies99", redirectTo: "/books?x=1" });
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe("/books?x=1");
    expect(await countRows()).toEqual({ users: 1, sessions: 1 });
  });

  it("never redirects off-site", async () => {
    const outcome = await login({ email: "grace@example.com", password: "lullabies99", redirectTo: "//evil.example" });
    expect(outcome.headers.get("Location")).toBe("/books");
  });

  it("says the credentials don't match for a wrong password or an unknown email", async () => {
    for (const fields of [
      { email: "grace@example.com", password: "wrong-password" },
      { email: "nobody@example.com", password: "lullabies99" },
    ]) {
      const outcome = await login(fields);
      expect(outcome.status).toBe(401);
      expect(outcome.data?.formError).toBe("That email and password don't match an account.");
    }
    expect(await countRows()).toEqual({ users: 1, sessions: 0 });
  });

  it("shows field errors for an empty password", async () => {
    const outcome = await login({ email: "grace@example.com", password: "" });
    expect(outcome.status).toBe(400);
    expect(outcome.data?.fieldErrors.password).toBe("Enter your password.");
  });

  it("stops 20 rapid wrong logins after 10 with a clear message, changing nothing", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => login({ email: "grace@example.com", password: "guess" })),
    );
    const statuses = outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const refused = outcomes.find((o) => o.status === 429)!;
    expect(refused.data?.formError).toMatch(/^Too many attempts\. Please wait \d+ seconds? and try again\.$/);
    expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
    // The right password is refused too while the email's budget is spent.
    expect((await login({ email: "grace@example.com", password: "lullabies99" }, "10.0.0.3")).status).toBe(429);
    expect(await countRows()).toEqual({ users: 1, sessions: 0 });
  });

  it("keeps the user logged in across a restart and logs out for good", async () => {
    const outcome = await login({ email: "grace@example.com", password: "lullabies99" });
    const sessionCookie = cookieHeader(outcome.headers.get("Set-Cookie"));
    const page = (cookie: string) => new Request("http://localhost/books", { headers: { Cookie: cookie } });
    expect((await getUser(page(sessionCookie)))?.email).toBe("grace@example.com");

    // A restart drops every in-memory handle; the session lives in the database.
    await closeDb();
    expect((await getUser(page(sessionCookie)))?.email).toBe("grace@example.com");

    const logoutRequest = await formPost("/logout", {}, { cookie: sessionCookie });
    const loggedOut = outcomeOf(await logoutAction({ request: logoutRequest, params: {}, context: { clientIp: "x" } }));
    expect(loggedOut.status).toBe(302);
    expect(await getUser(page(sessionCookie))).toBeNull();
    expect(await countRows()).toEqual({ users: 1, sessions: 0 });
  });
});
