import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { books, notifications } from "../../db/schema";
import { ApiError } from "./api.server";
import { getDb } from "./db.server";

/** One line in the header's list, ready to show. */
export interface NotificationItem {
  id: string;
  kind: string;
  text: string;
  href: string;
  read: boolean;
  createdAt: string;
}

export interface NotificationSummary {
  items: NotificationItem[];
  unread: number;
}

const SHOWN = 8;

function bookName(book: { title: string | null; brief: Record<string, unknown> } | null) {
  const hero = typeof book?.brief.heroName === "string" ? book.brief.heroName.trim() : "";
  if (hero) return `${hero}'s book`;
  if (book?.title) return `“${book.title}”`;
  return "Your book";
}

/**
 * Turns a stored notification into words and a link. The workflows write a
 * kind per event; the wording lives here so it can change without a migration.
 */
function present(row: {
  id: string;
  kind: string;
  message: string;
  readAt: Date | null;
  createdAt: Date;
  bookId: string | null;
  book: { title: string | null; status: string; brief: Record<string, unknown> } | null;
}): NotificationItem {
  const name = bookName(row.book);
  const bookHref = row.bookId ? `/books/${row.bookId}` : "/books";
  let text = row.message;
  let href = bookHref;
  if (row.kind === "book_complete") {
    text = `${name} is ready — read it`;
    if (row.book?.status === "complete") href = `${bookHref}/read`;
  } else if (row.kind === "book_failed") {
    text = `${name} couldn't be finished — retry for free`;
  }
  return { id: row.id, kind: row.kind, text, href, read: row.readAt !== null, createdAt: row.createdAt.toISOString() };
}

/** The user's latest notifications and how many are unread. */
export async function getNotificationSummary(userId: string): Promise<NotificationSummary> {
  const db = await getDb();
  const [rows, [unread]] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        message: notifications.message,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
        bookId: notifications.bookId,
        title: books.title,
        status: books.status,
        brief: books.brief,
      })
      .from(notifications)
      .leftJoin(books, eq(books.id, notifications.bookId))
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(SHOWN),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return {
    items: rows.map((row) =>
      present({ ...row, book: row.status ? { title: row.title, status: row.status, brief: row.brief ?? {} } : null }),
    ),
    unread: unread?.n ?? 0,
  };
}

/**
 * Marks the user's notifications read. Ids that are not the user's are a 404
 * and change nothing; an already read one stays as it was.
 */
export async function markNotificationsRead(userId: string, ids: string[]): Promise<{ marked: number }> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { marked: 0 };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const owned = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), inArray(notifications.id, unique)));
    if (owned.length !== unique.length) throw new ApiError(404, "not_found", "There is no such notification.");
    const marked = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, userId), inArray(notifications.id, unique), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return { marked: marked.length };
  });
}

/** Marks every unread notification of the user read. */
export async function markAllNotificationsRead(userId: string): Promise<{ marked: number }> {
  const db = await getDb();
  const marked = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { marked: marked.length };
}

/** Opening a book is reading its news: its notifications stop counting as unread. */
export async function markBookNotificationsRead(userId: string, bookId: string): Promise<{ marked: number }> {
  const db = await getDb();
  const marked = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), eq(notifications.bookId, bookId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { marked: marked.length };
}
