/**
 * Transaction helper. All engine writes go through one in-process queue so two
 * transitions never fight for SQLite's write lock (which would surface as
 * SQLITE_BUSY on a pooled file client).
 */
import type { Client, InStatement, InValue, ResultSet, Transaction } from "@libsql/client";
import type { Executor } from "./interfaces";

const queues = new WeakMap<Client, Promise<unknown>>();

/** How work that found the database locked is tried again. */
export interface BusyRetry {
  /** The first wait (ms); each later one doubles, up to `maxDelayMs`, with up to as much again at random. */
  delayMs: number;
  maxDelayMs: number;
  /** After this long (ms) the busy error is thrown. */
  giveUpAfterMs: number;
}

/** The engine's: backs off, since its waits are another process's long transactions. */
const ENGINE_RETRY: BusyRetry = { delayMs: 5, maxDelayMs: 200, giveUpAfterMs: 15_000 };

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED" || /SQLITE_BUSY|database is locked/.test(String(err));
}

/**
 * Retries work that failed only because another process (the app, or an
 * engine before a restart) held SQLite's lock; a client created without a
 * busy `timeout` otherwise fails at once.
 */
async function retryBusy<T>(work: () => Promise<T>, retry: BusyRetry = ENGINE_RETRY): Promise<T> {
  const deadline = Date.now() + retry.giveUpAfterMs;
  for (let delay = retry.delayMs; ; delay = Math.min(delay * 2, retry.maxDelayMs)) {
    try {
      return await work();
    } catch (err) {
      if (!isBusy(err) || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
    }
  }
}

async function attempt<T>(client: Client, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const tx = await client.transaction("write");
  try {
    const result = await work(tx);
    await tx.commit();
    return result;
  } catch (err) {
    await tx.rollback().catch(() => undefined);
    throw err;
  } finally {
    tx.close();
  }
}

/**
 * Runs `write` once the writes queued on `client` before it are done, trying
 * it again while the database is locked.
 */
export function enqueueWrite<T>(client: Client, write: () => Promise<T>, retry: BusyRetry = ENGINE_RETRY): Promise<T> {
  const previous = queues.get(client) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => retryBusy(write, retry));
  queues.set(client, next);
  return next;
}

/** Runs `work` in a write transaction; the whole transaction is retried when the database is busy. */
export async function withTransaction<T>(client: Client, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return enqueueWrite(client, () => attempt(client, work));
}

/**
 * Several write statements in one transaction, run back to back without
 * yielding (no interactive round trips), queued behind the other writes.
 */
export async function writeBatch(client: Client, statements: InStatement[]): Promise<ResultSet[]> {
  return enqueueWrite(client, () => client.batch(statements, "write"));
}

/**
 * One write statement on its own (it commits by itself), queued behind the
 * transactions like any write. Cheaper than a transaction around it.
 */
export async function writeOne(client: Client, sql: string, args: InValue[] = []): Promise<number> {
  return enqueueWrite(client, async () => (await client.execute({ sql, args })).rowsAffected);
}

export async function all<T>(db: Executor, sql: string, args: InValue[] = []): Promise<T[]> {
  const rs = await retryBusy(() => db.execute({ sql, args }));
  return rs.rows.map((row) => ({ ...row } as unknown as T));
}

export async function one<T>(db: Executor, sql: string, args: InValue[] = []): Promise<T | undefined> {
  const rows = await all<T>(db, sql, args);
  return rows[0];
}

export async function run(db: Executor, sql: string, args: InValue[] = []): Promise<number> {
  const rs = await db.execute({ sql, args });
  return rs.rowsAffected;
}
