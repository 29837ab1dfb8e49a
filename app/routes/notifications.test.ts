import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { books, notifications } from "../../db/schema";
import { createTestUser } from "../../tests/utils/books";
import { cookieHeader, formPost } from "../../tests/utils/form-request";
import { getDb } from "../utils/db.server";
import { startUserSession } from "../utils/session.server";
import { action, loader } from "./notifications";

const context = { clientIp: "10.2.0.1" };

async function bookFor(userId: string, heroName: string) {
  const db = await getDb();
  const id = randomUUID();
  await db.insert(books).values({ id, userId, status: "complete", brief: { heroName } });
  return id;
}

async function notify(userId: string, bookId: string | null, kind: string, at: number) {
  const db = await getDb();
  const id = `${kind}:${randomUUID()}`;
  await db.insert(notifications).values({ id, userId, bookId, kind, message: "stored words", createdAt: new Date(at) });
  return id;
}

async function unreadOf(userId: string) {
  const db = await getDb();
  return db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

async function sessionCookie(userId: string) {
  return cookieHeader((await startUserSession(userId, "/")).headers.get("Set-Cookie"));
}

describe("the notifications route", () => {
  it("marks read from a script and answers JSON", async () => {
    const userId = await createTestUser();
    const id = await notify(userId, null, "book_complete", 1_000);
    const request = await formPost("/notifications", { id, via: "script" }, { cookie: await sessionCookie(userId) });
    const response = (await action({ request, params: {}, context })) as Response;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ marked: 1 });
    expect(await unreadOf(userId)).toHaveLength(0);
  });

  it("sends a script-less form back where it came from, never off the site", async () => {
    const userId = await createTestUser();
    await notify(userId, null, "book_complete", 1_000);
    const cookie = await sessionCookie(userId);
    const back = (await action({ request: await formPost("/notifications", { all: "1", redirectTo: "/books/abc" }, { cookie }), params: {}, context })) as Response;
    expect([back.status, back.headers.get("Location")]).toEqual([303, "/books/abc"]);
    expect(await unreadOf(userId)).toHaveLength(0);
    const away = (await action({ request: await formPost("/notifications", { all: "1", redirectTo: "//evil.example" }, { cookie }), params: {}, context })) as Response;
    expect(away.headers.get("Location")).toBe("/books");
  });

  it("refuses a form without the CSRF token, another user's notification, and no login", async () => {
    const userId = await createTestUser();
    const stranger = await createTestUser();
    const mine = await notify(userId, null, "book_complete", 1_000);
    const theirs = await notify(stranger, null, "book_complete", 1_000);
    const cookie = await sessionCookie(userId);
    const forged = (await action({ request: await formPost("/notifications", { id: mine, via: "script" }, { cookie, csrf: false }), params: {}, context })) as Response;
    expect(forged.status).toBe(403);
    const foreign = (await action({ request: await formPost("/notifications", { id: theirs, via: "script" }, { cookie }), params: {}, context })) as Response;
    expect(foreign.status).toBe(404);
    const anonymous = (await action({ request: await formPost("/notifications", { all: "1" }), params: {}, context })) as Response;
    expect(anonymous.status).toBe(401);
    expect(await unreadOf(userId)).toHaveLength(1);
    expect(await unreadOf(stranger)).toHaveLength(1);
  });

  it("lists the caller's notifications as JSON", async () => {
    const userId = await createTestUser();
    await notify(userId, await bookFor(userId, "Ada"), "book_complete", 1_000);
    const response = (await loader({ request: new Request("http://localhost/notifications", { headers: { Cookie: await sessionCookie(userId) } }), params: {}, context })) as Response;
    expect(await response.json()).toMatchObject({ unread: 1, items: [{ text: "Ada's book is ready — read it" }] });
  });
});
