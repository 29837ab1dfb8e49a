import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { books, notifications } from "../../db/schema";
import { createTestUser } from "../../tests/utils/books";
import type { ApiError } from "./api.server";
import { getDb } from "./db.server";
import { getNotificationSummary, markAllNotificationsRead, markBookNotificationsRead, markNotificationsRead } from "./notifications.server";

async function bookFor(userId: string, fields: { status: "complete" | "failed" | "queued"; title?: string; heroName?: string }) {
  const db = await getDb();
  const id = randomUUID();
  await db.insert(books).values({ id, userId, status: fields.status, title: fields.title ?? null, brief: fields.heroName ? { heroName: fields.heroName } : {} });
  return id;
}

async function notify(userId: string, bookId: string | null, kind: string, at: number, message = "stored words") {
  const db = await getDb();
  const id = `${kind}:${randomUUID()}`;
  await db.insert(notifications).values({ id, userId, bookId, kind, message, createdAt: new Date(at) });
  return id;
}

async function unreadOf(userId: string) {
  const db = await getDb();
  return db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

describe("notification summary", () => {
  it("words each kind for the parent, newest first, with a link to act on it", async () => {
    const userId = await createTestUser();
    const maya = await bookFor(userId, { status: "complete", title: "Maya and the Moon Train", heroName: "Maya" });
    const untitled = await bookFor(userId, { status: "failed", title: "The Lost Kite" });
    const failed = await notify(userId, untitled, "book_failed", 1_000);
    const done = await notify(userId, maya, "book_complete", 2_000);
    const other = await notify(userId, null, "welcome", 500, "Welcome to Bookbug!");

    const summary = await getNotificationSummary(userId);
    expect(summary.unread).toBe(3);
    expect(summary.items).toEqual([
      { id: done, kind: "book_complete", text: "Maya's book is ready — read it", href: `/books/${maya}/read`, read: false, createdAt: new Date(2_000).toISOString() },
      { id: failed, kind: "book_failed", text: "“The Lost Kite” couldn't be finished — retry for free", href: `/books/${untitled}`, read: false, createdAt: new Date(1_000).toISOString() },
      { id: other, kind: "welcome", text: "Welcome to Bookbug!", href: "/books", read: false, createdAt: new Date(500).toISOString() },
    ]);
  });

  it("shows only the user's own", async () => {
    const userId = await createTestUser();
    const stranger = await createTestUser();
    await notify(stranger, await bookFor(stranger, { status: "complete" }), "book_complete", 1_000);
    expect(await getNotificationSummary(userId)).toEqual({ items: [], unread: 0 });
  });
});

describe("marking notifications read", () => {
  it("marks the given ones, leaves the rest, and is idempotent", async () => {
    const userId = await createTestUser();
    const book = await bookFor(userId, { status: "complete", heroName: "Leo" });
    const first = await notify(userId, book, "book_complete", 1_000);
    const second = await notify(userId, book, "book_failed", 2_000);
    expect(await markNotificationsRead(userId, [first])).toEqual({ marked: 1 });
    expect(await markNotificationsRead(userId, [first])).toEqual({ marked: 0 });
    expect((await unreadOf(userId)).map((row) => row.id)).toEqual([second]);
    expect(await markAllNotificationsRead(userId)).toEqual({ marked: 1 });
    expect(await getNotificationSummary(userId)).toMatchObject({ unread: 0 });
  });

  it("refuses another user's notification and changes nothing", async () => {
    const userId = await createTestUser();
    const stranger = await createTestUser();
    const mine = await notify(userId, null, "book_complete", 1_000);
    const theirs = await notify(stranger, null, "book_complete", 1_000);
    await expect(markNotificationsRead(userId, [mine, theirs])).rejects.toMatchObject({ status: 404 } satisfies Partial<ApiError>);
    expect(await unreadOf(userId)).toHaveLength(1);
    expect(await unreadOf(stranger)).toHaveLength(1);
  });
});

describe("opening a book", () => {
  it("marks that book's notifications read, and nobody else's", async () => {
    const userId = await createTestUser();
    const stranger = await createTestUser();
    const maya = await bookFor(userId, { status: "complete", title: "Maya's Book" });
    const other = await bookFor(userId, { status: "failed", title: "Another" });
    await notify(userId, maya, "book_complete", 1_000);
    const kept = await notify(userId, other, "book_failed", 2_000);
    const theirs = await notify(stranger, maya, "book_complete", 3_000);
    expect(await markBookNotificationsRead(userId, maya)).toEqual({ marked: 1 });
    expect((await unreadOf(userId)).map((n) => n.id)).toEqual([kept]);
    expect((await unreadOf(stranger)).map((n) => n.id)).toEqual([theirs]);
  });
});
