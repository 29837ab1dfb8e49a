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
  close(): unknown;
}
interface NativeDatabaseClass {
  new (path: string, options?: unknown): NativeDatabase;
  prototype: NativeDatabase;
}

/** Per connection; SQL strings the app runs are far fewer than this. */
export const STATEMENTS_PER_CONNECTION = 256;

/** A `*` that is not `count(*)`: the statement's columns follow the schema. */
const STAR_COLUMNS = /(?<!\()\*(?!\))/;

const caches = new WeakMap<NativeDatabase, Map<string, NativeStatement>>();
let installed = false;

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

/** Installs the cache for every libsql connection this thread opens (idempotent). */
export function cacheLibsqlStatements(): void {
  if (installed) return;
  installed = true;
  const { prototype } = nativeDatabaseClass();
  const prepare = prototype.prepare;
  const close = prototype.close;
  prototype.prepare = function (this: NativeDatabase, sql: string) {
    if (STAR_COLUMNS.test(sql)) return prepare.call(this, sql);
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
    const statement: NativeStatement = keepable(prepare.call(this, sql), () => {
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
  return caches.get(db)?.size ?? 0;
}
