/**
 * Keeps each local libsql connection's prepared statements for reuse.
 *
 * `@libsql/client` prepares every statement again on each call, and for a
 * statement that returns no rows it finds that out from an exception. On the
 * engine's thread, preparing alone was about 7% of the CPU under load, for
 * the same few dozen SQL strings over and over. The native library resets a
 * statement before each run, so one prepared statement can serve every call
 * with the same SQL on its connection.
 *
 * The client is not extensible here, so `libsql`'s `Database.prototype` is
 * patched, once per thread. Only statements that ran cleanly stay cached: one
 * that failed (SQLITE_BUSY, a constraint) is dropped, exactly as before.
 *
 * BEGIN, COMMIT and ROLLBACK run through `exec`, which finalizes its
 * statement even when it fails. A prepared BEGIN that fails with SQLITE_BUSY
 * (its busy timeout ran out) stays active until garbage collection, since
 * `libsql` resets a statement only before its next run, and until then
 * SQLite refuses to commit any later transaction on that connection ("SQL
 * statements in progress"). They are cheap to compile, so nothing is lost.
 *
 * For the same reason a write outside a transaction (INSERT, UPDATE, DELETE)
 * first takes the lock with a `BEGIN IMMEDIATE` through `exec` and commits
 * after: the wait for the lock, and a busy timeout that runs out, happen in
 * the BEGIN, never in the write's own statement. A write statement that
 * failed with SQLITE_BUSY would otherwise stay active, and SQLite would hold
 * back every later commit of its connection, unseen by the others.
 *
 * A held statement is compiled again by SQLite when the schema changes, but
 * the client reads its columns before running it, so a `SELECT *` would
 * report the old columns once after, say, a migration adds one. Statements
 * with a `*` among their results are therefore prepared every time, as
 * before; a statement that names its columns keeps its shape.
 */
import { createRequire } from "node:module";

/** The part of `libsql`'s synchronous API this touches. */
interface NativeStatement {
  raw(toggle?: boolean): NativeStatement;
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
}
interface NativeDatabase {
  prepare(sql: string): NativeStatement;
  exec(sql: string): unknown;
  readonly inTransaction: boolean;
  close(): unknown;
}
interface NativeDatabaseClass {
  new (path: string, options?: unknown): NativeDatabase;
  prototype: NativeDatabase;
}

/** Per connection; SQL strings the app runs are far fewer than this. */
export const STATEMENTS_PER_CONNECTION = 256;

/** Transaction control, which must never be left half-run on a connection. */
const TRANSACTION_CONTROL = /^\s*(?:BEGIN|COMMIT|END|ROLLBACK)\b/i;

/** A write that commits by itself when it runs outside a transaction. */
const WRITE = /^\s*(?:INSERT|UPDATE|DELETE|REPLACE)\b/i;

/**
 * A `*` among a statement's result columns (`SELECT *`, `t.*`, `, *`,
 * `RETURNING *`): its columns follow the schema. A `*` anywhere else, as in
 * `count(*)` or the multiplication in a default timestamp, does not.
 */
const STAR_COLUMNS = /(?:\bselect\s+(?:distinct\s+|all\s+)?|\breturning\s+|,\s*|\.\s*)\*/i;

/**
 * Kept on `libsql`'s class, not in this module: the server and the built app
 * each load their own copy of this file into the same thread, and a second
 * wrapper around the first would only add a lookup to every call.
 */
const SHARED = Symbol.for("bookbug.libsql-statement-cache");
interface SharedCache {
  caches: WeakMap<NativeDatabase, Map<string, NativeStatement>>;
}
type PatchedPrototype = NativeDatabase & { [SHARED]?: SharedCache };

/** `libsql`'s Database class, as `@libsql/client` loads it. */
export function nativeDatabaseClass(): NativeDatabaseClass {
  const requireFromClient = createRequire(createRequire(import.meta.url).resolve("@libsql/client"));
  return requireFromClient("libsql") as NativeDatabaseClass;
}

/**
 * Makes a fresh statement safe to keep: a call that throws drops it from its
 * connection's cache, and "this statement returns no rows", which the client
 * asks about through `raw()` on every call, is remembered instead of
 * rebuilt as a new exception each time.
 */
function keepable(statement: NativeStatement, drop: () => void): NativeStatement {
  const { raw, run, all, get } = statement;
  let returnsNoRows: unknown;
  const dropOnError =
    <A extends unknown[], R>(method: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return method.apply(statement, args);
      } catch (error) {
        drop();
        throw error;
      }
    };
  statement.raw = (toggle?: boolean) => {
    if (returnsNoRows !== undefined) throw returnsNoRows;
    try {
      return raw.call(statement, toggle);
    } catch (error) {
      returnsNoRows = error;
      throw error;
    }
  };
  statement.run = dropOnError(run);
  statement.all = dropOnError(all);
  statement.get = dropOnError(get);
  return statement;
}

/**
 * What the client asks of a statement that returns no rows, answered by
 * `exec`: nothing of it outlives the call, whether it succeeds or fails.
 */
function executedInPlace(db: NativeDatabase, sql: string): NativeStatement {
  const statement = {
    raw(): NativeStatement {
      throw new TypeError("The raw() method is only for statements that return data");
    },
    safeIntegers: () => statement,
    columns: () => [],
    run(): unknown {
      db.exec(sql);
      return { changes: 0, lastInsertRowid: 0 };
    },
    all(): unknown[] {
      db.exec(sql);
      return [];
    },
    get(): unknown {
      db.exec(sql);
      return undefined;
    },
  };
  return statement as NativeStatement;
}

/** A write statement that, outside a transaction, runs in one begun through `exec`. */
function lockedThroughExec(db: NativeDatabase, statement: NativeStatement): NativeStatement {
  const { run, all, get } = statement;
  const inItsOwnTransaction =
    <A extends unknown[], R>(method: (...args: A) => R) =>
    (...args: A): R => {
      if (db.inTransaction) return method.apply(statement, args);
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = method.apply(statement, args);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    };
  statement.run = inItsOwnTransaction(run);
  statement.all = inItsOwnTransaction(all);
  statement.get = inItsOwnTransaction(get);
  return statement;
}

/** Installs the cache for every libsql connection this thread opens (idempotent). */
export function cacheLibsqlStatements(): void {
  const prototype: PatchedPrototype = nativeDatabaseClass().prototype;
  if (prototype[SHARED]) return;
  const { caches } = (prototype[SHARED] = { caches: new WeakMap() });
  const prepare = prototype.prepare;
  const close = prototype.close;
  prototype.prepare = function (this: NativeDatabase, sql: string) {
    if (TRANSACTION_CONTROL.test(sql)) return executedInPlace(this, sql);
    const write = WRITE.test(sql);
    if (STAR_COLUMNS.test(sql)) {
      const statement = prepare.call(this, sql);
      return write ? lockedThroughExec(this, statement) : statement;
    }
    let cache = caches.get(this);
    if (!cache) {
      cache = new Map();
      caches.set(this, cache);
    }
    const cached = cache.get(sql);
    if (cached) {
      // Most recently used last, so the oldest is the first to go.
      cache.delete(sql);
      cache.set(sql, cached);
      return cached;
    }
    const statements = cache;
    const fresh = prepare.call(this, sql);
    const statement: NativeStatement = keepable(write ? lockedThroughExec(this, fresh) : fresh, () => {
      if (statements.get(sql) === statement) statements.delete(sql);
    });
    statements.set(sql, statement);
    if (statements.size > STATEMENTS_PER_CONNECTION) statements.delete(statements.keys().next().value as string);
    return statement;
  };
  prototype.close = function (this: NativeDatabase) {
    caches.delete(this);
    return close.call(this);
  };
}

/** How many statements a connection keeps (for tests). */
export function cachedStatementCount(db: NativeDatabase): number {
  return (nativeDatabaseClass().prototype as PatchedPrototype)[SHARED]?.caches.get(db)?.size ?? 0;
}
