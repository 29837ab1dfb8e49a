import { EventEmitter } from "node:events";
import { BroadcastChannel } from "node:worker_threads";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { preparedPerDatabase } from "../db/prepared";
import { jobEvents } from "../db/schema";
import { getDb } from "../app/utils/db.server";

/** What the book's live stream carries. */
export type BookEventType = "message" | "status" | "plot" | "stage" | "page" | "error";

export interface BookEvent {
  id: number;
  type: BookEventType;
  payload: Record<string, unknown>;
}

type Db = Awaited<ReturnType<typeof getDb>>;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

// Steps run in this process, though maybe on another thread (the embedded
// engine's): a local signal, carried across threads by a broadcast channel,
// gets events to open streams at once. Streams also poll, which covers
// workers in other processes.
interface BookBus {
  local: EventEmitter;
  threads: BroadcastChannel;
}
const globalForBus = globalThis as unknown as { __bookbugBookBus?: BookBus };
const bus = (globalForBus.__bookbugBookBus ??= openBus());

function openBus(): BookBus {
  const local = new EventEmitter().setMaxListeners(0);
  const threads = new BroadcastChannel("bookbug:book-events");
  threads.onmessage = (message) => local.emit(String((message as { data: unknown }).data));
  // Never the reason a thread stays up.
  threads.unref();
  return { local, threads };
}

/** Appends to the book's event log inside the caller's transaction. */
export async function appendBookEvent(tx: Tx | Db, bookId: string, type: BookEventType, payload: Record<string, unknown>) {
  const [row] = await tx.insert(jobEvents).values({ bookId, type, payload }).returning({ id: jobEvents.id });
  return row?.id ?? 0;
}

/** Tells open streams that the book has new events (call after commit). */
export function announceBookEvents(bookId: string) {
  bus.local.emit(bookId);
  bus.threads.postMessage(bookId);
}

// Many streams follow the same book from the same cursor (a family on two
// devices, 200 in the benchmark): one query in flight serves them all.
const inFlight = new Map<string, Promise<BookEvent[]>>();

export function readBookEvents(bookId: string, afterId: number, limit = 200): Promise<BookEvent[]> {
  const key = `${bookId}:${afterId}:${limit}`;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const query = queryBookEvents(bookId, afterId, limit).finally(() => inFlight.delete(key));
  inFlight.set(key, query);
  return query;
}

// Every stream runs this for every event, so its SQL is built once.
const bookEventsQuery = preparedPerDatabase((db) =>
  db
    .select({ id: jobEvents.id, type: jobEvents.type, payload: jobEvents.payload })
    .from(jobEvents)
    .where(and(eq(jobEvents.bookId, sql.placeholder("bookId")), gt(jobEvents.id, sql.placeholder("afterId"))))
    .orderBy(asc(jobEvents.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

async function queryBookEvents(bookId: string, afterId: number, limit: number): Promise<BookEvent[]> {
  const rows = await bookEventsQuery(await getDb()).execute({ bookId, afterId, limit });
  return rows as BookEvent[];
}

export async function latestBookEventId(bookId: string): Promise<number> {
  const db = await getDb();
  const row = await db.query.jobEvents.findFirst({
    columns: { id: true },
    where: eq(jobEvents.bookId, bookId),
    orderBy: (events, { desc }) => [desc(events.id)],
  });
  return row?.id ?? 0;
}

/** Resolves when the book has news, after `timeoutMs`, or when aborted. */
export function waitForBookEvents(bookId: string, timeoutMs: number, signal?: AbortSignal): Promise<"news" | "timeout" | "aborted"> {
  return new Promise((resolve) => {
    const finish = (why: "news" | "timeout" | "aborted") => () => {
      clearTimeout(timer);
      bus.local.off(bookId, onNews);
      signal?.removeEventListener("abort", onAbort);
      resolve(why);
    };
    const onNews = finish("news");
    const onAbort = finish("aborted");
    const timer = setTimeout(finish("timeout"), timeoutMs);
    bus.local.on(bookId, onNews);
    signal?.addEventListener("abort", onAbort);
  });
}
