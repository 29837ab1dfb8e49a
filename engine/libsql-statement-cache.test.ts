import { createClient, type Client } from "@libsql/client";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { cacheLibsqlStatements, cachedStatementCount, nativeDatabaseClass, STATEMENTS_PER_CONNECTION } from "./libsql-statement-cache";
import type * as StatementCache from "./libsql-statement-cache";
import { tempDbUrl } from "./test-support/harness";

cacheLibsqlStatements();
const Database = nativeDatabaseClass();
const pathOf = (url: string) => fileURLToPath(url.replace(/^file:/, "file://"));

const opened: { close(): unknown }[] = [];
afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
});

function open(url: string) {
  const db = new Database(pathOf(url));
  opened.push(db);
  return db;
}

function client(url: string, timeout?: number): Client {
  const c = createClient({ url, ...(timeout !== undefined ? { timeout } : {}) });
  opened.push(c);
  return c;
}

describe("the libsql statement cache", () => {
  it("prepares a statement once per connection and reuses it", () => {
    const url = tempDbUrl("stmt-reuse");
    const db = open(url);
    db.prepare("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)").run();
    const insert = db.prepare("INSERT INTO notes (body) VALUES (?)");
    expect(db.prepare("INSERT INTO notes (body) VALUES (?)")).toBe(insert);
    insert.run(["one"]);
    db.prepare("INSERT INTO notes (body) VALUES (?)").run(["two"]);
    expect(db.prepare("SELECT body FROM notes ORDER BY id").all()).toEqual([{ body: "one" }, { body: "two" }]);
    // Another connection has its own.
    expect(open(url).prepare("INSERT INTO notes (body) VALUES (?)")).not.toBe(insert);
  });

  it("gives the client the same answers, whether a statement returns rows or not", async () => {
    const db = client(tempDbUrl("stmt-client"));
    await db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    for (const round of [1, 2, 3]) {
      const inserted = await db.execute({ sql: "INSERT INTO notes (body) VALUES (?)", args: [`note ${round}`] });
      expect(inserted.rowsAffected).toBe(1);
      expect(inserted.lastInsertRowid).toBe(BigInt(round * 2 - 1));
      expect(inserted.columns).toEqual([]);
      const returned = await db.execute({ sql: "INSERT INTO notes (body) VALUES (?) RETURNING id", args: ["again"] });
      expect(returned.rows.map((row) => row.id)).toEqual([round * 2]);
      const read = await db.execute({ sql: "SELECT id, body FROM notes WHERE id = ?", args: [round * 2 - 1] });
      expect(read.columns).toEqual(["id", "body"]);
      expect(read.rows.map((row) => row.body)).toEqual([`note ${round}`]);
    }
  });

  it("shows a schema change at once, in statements named and starred", async () => {
    const db = client(tempDbUrl("stmt-schema"));
    await db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)");
    await db.execute("INSERT INTO notes (id) VALUES (1)");
    expect((await db.execute("SELECT * FROM notes")).columns).toEqual(["id"]);
    await db.execute("ALTER TABLE notes ADD COLUMN body TEXT DEFAULT 'hello'");
    const after = await db.execute("SELECT * FROM notes");
    expect(after.columns).toEqual(["id", "body"]);
    expect(after.rows[0]?.body).toBe("hello");
    expect((await db.execute("SELECT id, count(*) AS n FROM notes")).columns).toEqual(["id", "n"]);
    await db.execute("ALTER TABLE notes RENAME COLUMN id TO note_id");
    await expect(db.execute("SELECT id, count(*) AS n FROM notes")).rejects.toThrow(/no such column/);
    expect((await db.execute("SELECT * FROM notes")).columns).toEqual(["note_id", "body"]);
  });

  it("prepares a starred statement every time, and caches a count(*)", () => {
    const db = open(tempDbUrl("stmt-star"));
    db.prepare("CREATE TABLE notes (id INTEGER PRIMARY KEY)").run();
    expect(db.prepare("SELECT * FROM notes")).not.toBe(db.prepare("SELECT * FROM notes"));
    expect(db.prepare("SELECT notes.* FROM notes")).not.toBe(db.prepare("SELECT notes.* FROM notes"));
    expect(db.prepare("SELECT count(*) AS n FROM notes")).toBe(db.prepare("SELECT count(*) AS n FROM notes"));
  });

  it("tells a starred result column from a * elsewhere in the statement", () => {
    const db = open(tempDbUrl("stmt-star-kinds"));
    db.prepare("CREATE TABLE notes (id INTEGER PRIMARY KEY, at INTEGER)").run();
    const everyTime = (sql: string) => expect(db.prepare(sql), sql).not.toBe(db.prepare(sql));
    const once = (sql: string) => expect(db.prepare(sql), sql).toBe(db.prepare(sql));
    everyTime("select distinct * from notes");
    everyTime('select "notes".* from notes');
    everyTime("select id, * from notes");
    everyTime("select id from notes where exists (select * from notes)");
    everyTime("insert into notes (at) values (1) returning *");
    // A default timestamp as drizzle writes it: a product, not a column list.
    once("insert into notes (id, at) values (null, (cast((julianday('now') - 2440587.5)*86400000 as integer))) returning id, at");
    once("select id * 2 as twice from notes");
  });

  it("wraps libsql once however many copies of this module a thread loads", async () => {
    const url = tempDbUrl("stmt-two-copies");
    const prepareBefore = Database.prototype.prepare;
    const copy = (await import(/* @vite-ignore */ `./libsql-statement-cache.ts?copy=${Date.now()}`)) as typeof StatementCache;
    copy.cacheLibsqlStatements();
    expect(Database.prototype.prepare).toBe(prepareBefore);
    const db = open(url);
    db.prepare("CREATE TABLE notes (id INTEGER PRIMARY KEY)").run();
    db.prepare("SELECT id FROM notes").all();
    expect(copy.cachedStatementCount(db)).toBe(cachedStatementCount(db));
    expect(cachedStatementCount(db)).toBeGreaterThan(0);
  });

  it("drops a statement whose run failed, and the next call works", async () => {
    const url = tempDbUrl("stmt-failed");
    const db = client(url);
    await db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT UNIQUE)");
    const sql = "INSERT INTO notes (body) VALUES (?)";
    await db.execute({ sql, args: ["once"] });
    await expect(db.execute({ sql, args: ["once"] })).rejects.toMatchObject({ code: expect.stringContaining("SQLITE_CONSTRAINT") });
    await db.execute({ sql, args: ["twice"] });
    expect((await db.execute("SELECT COUNT(*) AS n FROM notes")).rows[0]?.n).toBe(2);

    const native = open(url);
    const failing = native.prepare(sql);
    expect(() => failing.run(["once"])).toThrow(/UNIQUE/);
    expect(native.prepare(sql)).not.toBe(failing);
  });

  it("lets a writer that found the database locked write once the lock is free, seen by every connection", async () => {
    const url = tempDbUrl("stmt-busy");
    const holder = client(url);
    await holder.execute("PRAGMA journal_mode = WAL");
    await holder.execute("CREATE TABLE notes (body TEXT)");
    const other = client(url, 0);
    const sql = "INSERT INTO notes (body) VALUES (?)";
    await other.execute({ sql, args: ["before"] });

    const tx = await holder.transaction("write");
    await tx.execute({ sql, args: ["held"] });
    await expect(other.execute({ sql, args: ["blocked"] })).rejects.toMatchObject({ code: expect.stringContaining("SQLITE_BUSY") });
    await tx.commit();
    tx.close();

    await other.execute({ sql, args: ["after"] });
    // Read on another connection: a write statement left active by the
    // failed run would hold back this connection's commits.
    const rows = await holder.execute("SELECT body FROM notes ORDER BY rowid");
    expect(rows.rows.map((row) => row.body)).toEqual(["before", "held", "after"]);
  });

  it("runs transactions, commits and rollbacks through its cached statements", async () => {
    const db = client(tempDbUrl("stmt-tx"));
    await db.execute("CREATE TABLE notes (body TEXT)");
    for (const outcome of ["commit", "rollback", "commit"] as const) {
      const tx = await db.transaction("write");
      await tx.execute({ sql: "INSERT INTO notes (body) VALUES (?)", args: [outcome] });
      await (outcome === "commit" ? tx.commit() : tx.rollback());
      tx.close();
    }
    expect((await db.execute("SELECT body FROM notes")).rows.map((row) => row.body)).toEqual(["commit", "commit"]);
  });

  it("keeps at most its limit per connection, and forgets a closed connection's", () => {
    const db = open(tempDbUrl("stmt-limit"));
    db.prepare("CREATE TABLE notes (n INTEGER)").run();
    const first = db.prepare("SELECT 0 AS n");
    for (let i = 1; i <= STATEMENTS_PER_CONNECTION + 10; i++) db.prepare(`SELECT ${i} AS n`).all();
    expect(cachedStatementCount(db)).toBe(STATEMENTS_PER_CONNECTION);
    // The oldest went first.
    expect(db.prepare("SELECT 0 AS n")).not.toBe(first);
    db.close();
    expect(cachedStatementCount(db)).toBe(0);
  });
  it("leaves a connection able to commit after a transaction could not begin for the lock", async () => {
    const url = tempDbUrl("stmt-begin-busy");
    const holder = client(url, 5_000);
    await holder.execute("PRAGMA journal_mode = WAL");
    await holder.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
    // One connection, so the next transaction is on the same one.
    const waiter = createClient({ url, timeout: 20, concurrency: 1 });
    opened.push(waiter);
    const lock = await holder.transaction("write");
    await expect(waiter.transaction("write")).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    await lock.commit();
    lock.close();
    // A BEGIN left half-run would make SQLite refuse this commit ("SQL statements in progress").
    const tx = await waiter.transaction("write");
    await tx.execute({ sql: "INSERT INTO notes (body) VALUES (?)", args: ["after the wait"] });
    await tx.commit();
    tx.close();
    expect((await holder.execute("SELECT body FROM notes")).rows.map((row) => row.body)).toEqual(["after the wait"]);
  });
  it("runs a write outside a transaction in one of its own, and leaves writes inside one alone", async () => {
    const db = client(tempDbUrl("stmt-own-tx"));
    await db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT UNIQUE)");
    await db.execute({ sql: "INSERT INTO notes (body) VALUES (?)", args: ["alone"] });
    await expect(db.execute({ sql: "INSERT INTO notes (body) VALUES (?)", args: ["alone"] })).rejects.toMatchObject({
      code: expect.stringContaining("SQLITE_CONSTRAINT"),
    });
    const tx = await db.transaction("write");
    await tx.execute({ sql: "INSERT INTO notes (body) VALUES (?)", args: ["rolled back"] });
    await tx.rollback();
    tx.close();
    const returned = await db.execute({ sql: "UPDATE notes SET body = ? WHERE body = ? RETURNING id", args: ["renamed", "alone"] });
    expect(returned.rows.map((row) => row.id)).toEqual([1]);
    expect((await db.execute("SELECT body FROM notes")).rows.map((row) => row.body)).toEqual(["renamed"]);
  });
});
