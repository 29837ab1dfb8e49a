import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { books, chatMessages, users } from "../../db/schema";
import { getDb } from "../../app/utils/db.server";
import { postMessage } from "../../app/utils/chat.server";
import { waitFor } from "./wait-for";

export async function createTestUser(credits = 3) {
  const db = await getDb();
  const id = randomUUID();
  await db.insert(users).values({ id, email: `${id}@example.com`, name: "Parent", passwordHash: "unused", credits });
  return id;
}

export async function messagesOf(bookId: string) {
  const db = await getDb();
  return db.select().from(chatMessages).where(eq(chatMessages.bookId, bookId)).orderBy(asc(chatMessages.id));
}

export async function bookRow(bookId: string) {
  const db = await getDb();
  return db.query.books.findFirst({ where: eq(books.id, bookId) });
}

/** Waits until the assistant has said `count` things in this book. */
export function waitForAssistantMessages(bookId: string, count: number, what = `assistant message #${count}`) {
  return waitFor(
    async () => {
      const rows = await messagesOf(bookId);
      const assistant = rows.filter((row) => row.role === "assistant");
      return assistant.length >= count ? assistant : null;
    },
    { what },
  );
}

/** Sends an answer and waits for the workflow to consume it and reply. */
export async function answer(userId: string, bookId: string, content: string) {
  const before = (await messagesOf(bookId)).filter((row) => row.role === "assistant").length;
  const message = await postMessage(userId, bookId, { content });
  await waitFor(
    async () => {
      const db = await getDb();
      const row = await db.query.chatMessages.findFirst({ where: and(eq(chatMessages.id, message.id)) });
      return row?.consumedAt ? row : null;
    },
    { what: `answer "${content}" to be read` },
  );
  const replies = await waitForAssistantMessages(bookId, before + 1);
  return replies.at(-1)!;
}

export { FULL_INTERVIEW } from "./full-interview";

export function waitForStatus(bookId: string, status: string) {
  return waitFor(async () => ((await bookRow(bookId))?.status === status ? true : null), { what: `book status ${status}` });
}
