import { and, count, eq, inArray } from "drizzle-orm";
import { books, users } from "../db/schema";
import type { getDb } from "../app/utils/db.server";

type Db = Awaited<ReturnType<typeof getDb>>;
type Executor = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Books in these states hold a credit reservation. */
export const RESERVING_STATUSES = ["queued", "rendering"] as const;

export interface CreditUsage {
  credits: number;
  reserving: number;
  available: number;
}

/** available = owned credits − books currently reserving one (never below zero). */
export async function creditUsage(db: Executor, userId: string): Promise<CreditUsage> {
  const user = await db.query.users.findFirst({ columns: { credits: true }, where: eq(users.id, userId) });
  const [row] = await db
    .select({ n: count() })
    .from(books)
    .where(and(eq(books.userId, userId), inArray(books.status, [...RESERVING_STATUSES])));
  const credits = user?.credits ?? 0;
  const reserving = row?.n ?? 0;
  return { credits, reserving, available: Math.max(0, credits - reserving) };
}
