import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { creditLedger, sessions, users } from "../../db/schema";
import { outcomeOf } from "../../tests/utils/action-result";
import { formPost } from "../../tests/utils/form-request";
import { getDb } from "../utils/db.server";
import { authAttemptLimiter } from "../utils/rate-limit.server";
import { action } from "./signup";

type SignupData = { formError: string | null; fieldErrors: Record<string, string | undefined> };

async function signup(fields: Record<string, string>, options: { csrf?: boolean; ip?: string } = {}) {
  const request = await formPost("/signup", fields, { csrf: options.csrf });
  const result = await action({ request, params: {}, context: { clientIp: options.ip ?? "10.0.0.1" } });
  return outcomeOf<SignupData>(result);
}

async function tableCounts() {
  const db = await getDb();
  const [u] = await db.select({ n: count() }).from(users);
  const [l] = await db.select({ n: count() }).from(creditLedger);
  const [s] = await db.select({ n: count() }).from(sessions);
  return { users: u?.n, ledger: l?.n, sessions: s?.n };
}

beforeEach(async () => {
  authAttemptLimiter.reset();
  const db = await getDb();
  await db.delete(users);
});

describe("signup action", () => {
  it("creates the account with the free credits, records the grant and logs the user in", async () => {
    const outcome = await signup({ name: "Ada", email: " Ada@Example.com ", password: "storytime42" });
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe("/books");
    expect(outcome.headers.get("Set-Cookie")).toMatch(/^bb_session=.+HttpOnly.*SameSite=Lax/i);

    const db = await getDb();
    const user = await db.query.users.findFirst({ where: eq(users.email, "ada@example.com") });
    expect(user).toMatchObject({ name: "Ada", credits: 3 });
    expect(user?.passwordHash).not.toContain("storytime42");
    const grants = await db.select().from(creditLedger).where(eq(creditLedger.userId, user!.id));
    expect(grants).toEqual([expect.objectContaining({ delta: 3, idempotencyKey: `signup:${user!.id}` })]);
    expect(await tableCounts()).toEqual({ users: 1, ledger: 1, sessions: 1 });
  });

  it("refuses a second signup with the same email and leaves one account", async () => {
    const fields = { name: "Ada", email: "ada@example.com", password: "storytime42" };
    await signup(fields);
    const second = await signup(fields);
    expect(second.status).toBe(409);
    expect(second.data?.fieldErrors.email).toBe("An account with this email already exists. Log in instead?");
    expect(await tableCounts()).toEqual({ users: 1, ledger: 1, sessions: 1 });
  });

  it("refuses two simultaneous submissions of the same form with one account created", async () => {
    const fields = { name: "Ada", email: "twice@example.com", password: "storytime42" };
    const outcomes = await Promise.all([signup(fields), signup(fields)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual([302, 409]);
    expect(await tableCounts()).toEqual({ users: 1, ledger: 1, sessions: 1 });
  });

  it("rejects a 10 KB email with a clear message and writes nothing", async () => {
    const outcome = await signup({ name: "Ada", email: `${"a".repeat(10_240)}@example.com`, password: "storytime42" });
    expect(outcome.status).toBe(400);
    expect(outcome.data?.fieldErrors.email).toBe("That email address is too long.");
    expect(await tableCounts()).toEqual({ users: 0, ledger: 0, sessions: 0 });
  });

  it("rejects an empty password next to the field and writes nothing", async () => {
    const outcome = await signup({ name: "Ada", email: "ada@example.com", password: "" });
    expect(outcome.status).toBe(400);
    expect(outcome.data?.fieldErrors.password).toBe("Enter a password.");
    expect(await tableCounts()).toEqual({ users: 0, ledger: 0, sessions: 0 });
  });

  it("rejects a form without its CSRF token", async () => {
    const outcome = await signup({ name: "Ada", email: "ada@example.com", password: "storytime42" }, { csrf: false });
    expect(outcome.status).toBe(403);
    expect(outcome.data?.formError).toMatch(/reload the page/i);
    expect(await tableCounts()).toEqual({ users: 0, ledger: 0, sessions: 0 });
  });

  it("limits signups per IP to 10 a minute", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await signup({ name: "Bot", email: `bot${i}@example.com`, password: "" }, { ip: "10.9.9.9" })).status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 400)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
