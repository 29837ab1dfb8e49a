import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../app/utils/db.server";
import { books, chatMessages, renderedPages, users } from "./schema";

let userId: string;
let bookId: string;

beforeAll(async () => {
  const db = await getDb();
  userId = randomUUID();
  bookId = randomUUID();
  await db.insert(users).values({ id: userId, email: `${userId}@example.com`, name: "T", passwordHash: "x", credits: 3 });
  await db.insert(books).values({ id: bookId, userId });
});

describe("database constraints", () => {
  it("runs in WAL mode with foreign keys on", async () => {
    const db = await getDb();
    const journal = await db.$client.execute("PRAGMA journal_mode");
    const fk = await db.$client.execute("PRAGMA foreign_keys");
    expect(journal.rows[0]?.[0]).toBe("wal");
    expect(fk.rows[0]?.[0]).toBe(1);
  });

  it("sets up every pooled connection alike, not only the first", async () => {
    const db = await getDb();
    // Transactions held at once each take their own connection: all 20.
    const held = [];
    for (let i = 0; i < 20; i++) held.push(await db.$client.transaction("read"));
    try {
      for (const tx of held) {
        expect((await tx.execute("PRAGMA synchronous")).rows[0]?.[0]).toBe(1); // NORMAL
        expect((await tx.execute("PRAGMA foreign_keys")).rows[0]?.[0]).toBe(1);
      }
    } finally {
      for (const tx of held) tx.close();
    }
  });

  it("stores a page number once per book", async () => {
    const db = await getDb();
    const page = { bookId, pageNumber: 1, text: "Once upon a time", imageKey: "k" };
    await db.insert(renderedPages).values({ id: randomUUID(), ...page });
    await expect(db.insert(renderedPages).values({ id: randomUUID(), ...page })).rejects.toThrow();
  });

  it("stores a client message id once per book", async () => {
    const db = await getDb();
    const message = { bookId, role: "user" as const, content: "hi", clientMessageId: "m-1" };
    await db.insert(chatMessages).values(message);
    await expect(db.insert(chatMessages).values(message)).rejects.toThrow();
  });

  it("refuses rows that point at nothing and unknown statuses", async () => {
    const db = await getDb();
    await expect(db.insert(books).values({ id: randomUUID(), userId: "no-such-user" })).rejects.toThrow();
    await expect(
      db.$client.execute({ sql: "insert into books (id, user_id, status) values (?, ?, 'bogus')", args: [randomUUID(), userId] }),
    ).rejects.toThrow();
  });

  it("never lets credits go negative", async () => {
    const db = await getDb();
    await expect(db.$client.execute({ sql: "update users set credits = -1 where id = ?", args: [userId] })).rejects.toThrow();
  });
});
