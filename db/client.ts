import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client, type InStatement, type ResultSet } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { enqueueWrite, type BusyRetry } from "../engine/db";
import { cacheLibsqlStatements } from "../engine/libsql-statement-cache";
import { localDatabasePath } from "../engine/open-client";
import * as schema from "./schema";

export type Database = LibSQLDatabase<typeof schema> & { $client: Client };

export interface DatabaseConfig {
  url: string;
  authToken?: string;
  /**
   * SQLite's `wal_autocheckpoint` for every connection to a local file
   * (pages; SQLite's default is 1,000). 0 when a WAL checkpointer folds the
   * log on a thread of its own, as the embedded engine runs one: otherwise
   * the commit that crosses the limit copies the log into the database and
   * waits for its fsync, while the request or step that made it waits too.
   */
  walAutoCheckpoint?: number;
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "migrations");

function isLocalFile(url: string) {
  return url.startsWith("file:");
}


/**
 * Connections to a local file: the client's own default. It opens them
 * lazily (a transaction holds one across awaits, so concurrent requests and
 * steps each get their own) and refuses a transaction when all are held, so
 * the number is kept; they are opened and set up at once instead, below.
 */
const LOCAL_CONNECTIONS = 20;

/**
 * SQLite keeps these per connection, so each of the pool's connections needs
 * them. NORMAL in WAL mode survives a crash of the process and skips an fsync
 * per commit; under FULL (a new connection's default) a commit holds the
 * write lock through that fsync while every other writer waits.
 */
function perConnection(config: DatabaseConfig): string[] {
  const statements = ["PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"];
  if (config.walAutoCheckpoint !== undefined) {
    statements.push(`PRAGMA wal_autocheckpoint = ${Math.max(0, Math.floor(config.walAutoCheckpoint))}`);
  }
  return statements;
}

/**
 * Runs the per-connection settings on every connection of the pool. The
 * pool hands out its most recently returned idle connection and opens a new
 * one only when none is idle, so holding transactions forces new ones open;
 * a setting cannot change inside a transaction, so each is set up just after
 * its transaction ends.
 */
async function setUpEveryConnection(client: Client, size: number, statements: string[]) {
  const setUp = async () => {
    for (const statement of statements) await client.execute(statement);
  };
  const held = [];
  for (let i = 0; i < size - 1; i++) held.push(await client.transaction("deferred"));
  await setUp();
  for (let tx = held.pop(); tx; tx = held.pop()) {
    await tx.commit();
    tx.close();
    await setUp();
  }
}

/** Opens a libsql database: a local file (WAL) or a Turso/libsql server. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const local = isLocalFile(config.url);
  if (local) {
    cacheLibsqlStatements();
    const path = localDatabasePath(config.url);
    if (path) mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const client = createClient({
    url: config.url,
    authToken: config.authToken,
    // Requests, workflow steps and the engine write from two threads; wait
    // for a competing writer instead of failing with SQLITE_BUSY.
    timeout: 5_000,
    ...(local ? { concurrency: LOCAL_CONNECTIONS } : {}),
  });
  if (local) {
    // WAL lets readers (SSE streams, page loads) run while a step writes.
    await client.execute("PRAGMA journal_mode = WAL");
    await setUpEveryConnection(client, config.url.includes(":memory:") ? 1 : LOCAL_CONNECTIONS, perConnection(config));
  } else {
    await client.execute("PRAGMA foreign_keys = ON");
  }
  return drizzle(client, { schema }) as Database;
}

/** Applies every pending migration from db/migrations (idempotent). */
export async function migrateDatabase(db: Database) {
  await migrate(db, { migrationsFolder });
}

/**
 * The database through one connection whose writes never put the thread to
 * sleep while another connection holds SQLite's write lock, for a write
 * someone is waiting on (a message POST's insert). SQLite's busy handler
 * sleeps inside the call, 1, 2, 5, 10… ms in turn, and on the web thread
 * every request and stream sleeps with it. This connection has no busy
 * timeout: a statement that finds the lock taken fails at once and is tried
 * again about a millisecond later from a timer, one at a time and in order.
 * That is safe because the statement cache takes the lock with a `BEGIN`
 * run through `exec`, so a failed try leaves nothing half-run (decision 014).
 *
 * Statements run one by one through `execute`; not for transactions. Only a
 * local file has that lock: null otherwise, and for an in-memory database,
 * which a second connection would not share.
 */
export async function openNoWaitDatabase(config: DatabaseConfig, giveUpAfterMs = 5_000): Promise<Database | null> {
  if (!localDatabasePath(config.url)) return null;
  cacheLibsqlStatements();
  const client = createClient({ url: config.url, timeout: 0, concurrency: 1 });
  for (const statement of perConnection(config)) await client.execute(statement);
  const retry: BusyRetry = { delayMs: 1, maxDelayMs: 1, giveUpAfterMs };
  const execute = client.execute.bind(client) as (statement: InStatement) => Promise<ResultSet>;
  client.execute = ((statement: InStatement) => enqueueWrite(client, () => execute(statement), retry)) as Client["execute"];
  return drizzle(client, { schema }) as Database;
}
