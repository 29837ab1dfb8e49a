import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/** Milliseconds since the epoch; SQLite has no native timestamp type. */
const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const BOOK_STATUSES = [
  "intake",
  "plot_review",
  "queued",
  "rendering",
  "complete",
  "paused",
  "failed",
  "cancelled",
] as const;
export type BookStatus = (typeof BOOK_STATUSES)[number];

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** Credits owned; books in `queued`/`rendering` hold a reservation against them. */
    credits: integer("credits").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    check("users_credits_non_negative", sql`${t.credits} >= 0`),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** Remix session data (flash messages and the like), as JSON. */
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** SHA-256 of the bearer token; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    name: text("name").notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

export const books = sqliteTable(
  "books",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: BOOK_STATUSES }).notNull().default("intake"),
    title: text("title"),
    brief: text("brief", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    plot: text("plot", { mode: "json" }).$type<Record<string, unknown> | null>(),
    plotVersion: integer("plot_version").notNull().default(0),
    pageCount: integer("page_count"),
    /** The create-book run currently driving this book's conversation. */
    runId: text("run_id"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
  },
  (t) => [
    index("books_user_updated_idx").on(t.userId, t.updatedAt),
    index("books_user_status_idx").on(t.userId, t.status),
    index("books_status_updated_idx").on(t.status, t.updatedAt),
    check(
      "books_status_valid",
      sql`${t.status} in ('intake','plot_review','queued','rendering','complete','paused','failed','cancelled')`,
    ),
  ],
);

export const chatMessages = sqliteTable(
  "chat_messages",
  {
    /** Increasing: conversation order is id order. */
    id: integer("id").primaryKey({ autoIncrement: true }),
    bookId: text("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["user", "assistant"] }).notNull(),
    content: text("content").notNull(),
    chips: text("chips", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** Which part of the interview (or plot review) the message belongs to. */
    phase: text("phase").notNull().default("intake"),
    clientMessageId: text("client_message_id"),
    /** Set when the workflow has interpreted a user message; null means "in the inbox". */
    consumedAt: integer("consumed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("chat_messages_client_id_unique").on(t.bookId, t.clientMessageId),
    index("chat_messages_book_idx").on(t.bookId, t.id),
    index("chat_messages_inbox_idx").on(t.bookId, t.role, t.consumedAt),
    check("chat_messages_role_valid", sql`${t.role} in ('user','assistant')`),
  ],
);

export const bookJobs = sqliteTable(
  "book_jobs",
  {
    id: text("id").primaryKey(),
    bookId: text("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    runId: text("run_id"),
    stage: text("stage").notNull().default("queued"),
    currentPage: integer("current_page").notNull().default(0),
    totalPages: integer("total_pages").notNull().default(0),
    error: text("error"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
  },
  (t) => [index("book_jobs_book_idx").on(t.bookId, t.createdAt)],
);

export const renderedPages = sqliteTable(
  "rendered_pages",
  {
    id: text("id").primaryKey(),
    bookId: text("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    /** 0 is the cover; story pages count from 1. */
    pageNumber: integer("page_number").notNull(),
    text: text("text").notNull(),
    imageKey: text("image_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("rendered_pages_book_page_unique").on(t.bookId, t.pageNumber)],
);

export const jobEvents = sqliteTable(
  "job_events",
  {
    /** Append-only and increasing: the SSE `Last-Event-ID` cursor. */
    id: integer("id").primaryKey({ autoIncrement: true }),
    bookId: text("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("job_events_book_idx").on(t.bookId, t.id)],
);

export const creditLedger = sqliteTable(
  "credit_ledger",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    bookId: text("book_id"),
    /** Positive for grants, negative for charges. */
    delta: integer("delta").notNull(),
    reason: text("reason").notNull(),
    /** e.g. `charge:<bookId>` — makes every grant or charge happen at most once. */
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("credit_ledger_idempotency_unique").on(t.idempotencyKey),
    index("credit_ledger_user_idx").on(t.userId, t.createdAt),
  ],
);

export const failedJobs = sqliteTable(
  "failed_jobs",
  {
    id: text("id").primaryKey(),
    bookId: text("book_id").references(() => books.id, { onDelete: "set null" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    functionId: text("function_id").notNull(),
    runId: text("run_id"),
    event: text("event", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    error: text("error", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    retriedAt: integer("retried_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  // Deleting a user or book sets these to null: both columns need an index.
  (t) => [index("failed_jobs_book_idx").on(t.bookId), index("failed_jobs_user_idx").on(t.userId)],
);

export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    bookId: text("book_id").references(() => books.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt, t.createdAt), index("notifications_book_idx").on(t.bookId)],
);

export type User = typeof users.$inferSelect;
export type Book = typeof books.$inferSelect;
export type ChatMessage = typeof chatMessages.$inferSelect;
