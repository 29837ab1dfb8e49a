/**
 * A connection for short writes from a thread that serves people: a write
 * that meets SQLite's write lock never puts the thread to sleep.
 *
 * SQLite's busy handler sleeps inside the call, 1, 2, 5, 10… ms in turn, and
 * on the web thread every request and stream waits with it. This connection
 * has no busy timeout; a write that finds the lock taken is tried again from
 * a timer a millisecond later, so the thread serves others meanwhile and the
 * write goes soon after the lock is free, not at the handler's next step.
 *
 * The retry runs the same prepared statement. `libsql` resets a statement
 * only before its next run, and until then one that failed with SQLITE_BUSY
 * stays active, and SQLite does not commit the connection's later
 * autocommit writes (decision 013). So this connection runs one write at a
 * time, and a write that gives up, or fails in any other way, closes it,
 * which finalizes every statement; the next write opens a fresh one.
 */
import { nativeDatabaseClass, type NativeDatabase, type NativeStatement } from "../engine/libsql-statement-cache";

export interface NoWaitWriterOptions {
  /** The database file. */
  path: string;
  /** Run on each new connection (synchronous, foreign keys…). */
  setUp?: string[];
  /** How long a write keeps trying for the lock before it fails with SQLITE_BUSY (ms). */
  giveUpAfterMs?: number;
}

/** What a write returns: rows as arrays, in the statement's column order (what drizzle maps). */
export interface NoWaitResult {
  rows: unknown[][];
  rowsAffected: number;
}

interface Prepared {
  statement: NativeStatement;
  returnsRows: boolean;
}

const RETRY_EVERY_MS = 1;

function isBusy(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "SQLITE_BUSY";
}

/** The values `libsql` binds, from what drizzle hands a driver. */
function toSqlValue(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError("A write cannot bind undefined.");
  return value;
}

export class NoWaitWriter {
  private connection: { db: NativeDatabase; statements: Map<string, Prepared> } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: NoWaitWriterOptions) {}

  /** Runs one statement when the writes queued before it are done. */
  execute(statement: { sql: string; args?: unknown[] } | string): Promise<NoWaitResult> {
    const { sql, args = [] } = typeof statement === "string" ? { sql: statement } : statement;
    const values = args.map(toSqlValue);
    const result = this.queue.then(() => this.write(sql, values));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Closes the connection; writes after this fail. */
  close(): void {
    this.closed = true;
    this.dropConnection();
  }

  private async write(sql: string, values: unknown[]): Promise<NoWaitResult> {
    const deadline = performance.now() + (this.options.giveUpAfterMs ?? 5_000);
    const prepared = this.prepare(sql);
    for (;;) {
      try {
        if (prepared.returnsRows) {
          const rows = prepared.statement.all(values) as unknown[][];
          return { rows, rowsAffected: rows.length };
        }
        const info = prepared.statement.run(values) as { changes: number };
        return { rows: [], rowsAffected: info.changes };
      } catch (error) {
        if (!isBusy(error) || performance.now() >= deadline) {
          this.dropConnection();
          throw error;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_EVERY_MS));
    }
  }

  private prepare(sql: string): Prepared {
    if (this.closed) throw new Error("This database connection is closed.");
    this.connection ??= this.open();
    let prepared = this.connection.statements.get(sql);
    if (!prepared) {
      const statement = this.connection.db.prepare(sql);
      const returnsRows = statement.reader;
      if (returnsRows) statement.raw(true);
      prepared = { statement, returnsRows };
      this.connection.statements.set(sql, prepared);
    }
    return prepared;
  }

  private open() {
    const Database = nativeDatabaseClass();
    const db = new Database(this.options.path, { timeout: 0 });
    try {
      db.exec("PRAGMA busy_timeout = 0");
      for (const statement of this.options.setUp ?? []) db.exec(statement);
    } catch (error) {
      db.close();
      throw error;
    }
    return { db, statements: new Map<string, Prepared>() };
  }

  private dropConnection() {
    this.connection?.db.close();
    this.connection = null;
  }
}
