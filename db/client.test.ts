import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client, type Transaction } from "@libsql/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../app/utils/db.server";
import { openDatabase, openNoWaitDatabase, type Database } from "./client";

/** A setting as each of the pool's connections has it: each held transaction forces the next one open. */
async function onEveryConnection(db: Awaited<ReturnType<typeof openDatabase>>, pragma: string, connections: number) {
  const held: Transaction[] = [];
  const values: unknown[] = [];
  for (let i = 0; i < connections; i++) {
    const tx = await db.$client.transaction("deferred");
    values.push((await tx.execute(`PRAGMA ${pragma}`)).rows[0]?.[0]);
    held.push(tx);
  }
  for (const tx of held) tx.close();
  return values;
}

describe("opening the database", () => {
  it("leaves WAL checkpoints to a checkpointer when asked, on every pooled connection", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bookbug-db-"));
    const background = await openDatabase({ url: `file:${join(dir, "a.db")}`, walAutoCheckpoint: 0 });
    const inline = await openDatabase({ url: `file:${join(dir, "b.db")}` });
    try {
      expect(new Set(await onEveryConnection(background, "wal_autocheckpoint", 20))).toEqual(new Set([0]));
      expect(new Set(await onEveryConnection(background, "synchronous", 20))).toEqual(new Set([1]));
      // Without a checkpointer, SQLite's own default stays.
      expect(new Set(await onEveryConnection(inline, "wal_autocheckpoint", 20))).toEqual(new Set([1000]));
    } finally {
      background.$client.close();
      inline.$client.close();
    }
  });

  it("asks for that in embedded mode, whose engine runs the checkpointer", async () => {
    expect(process.env.INNGEST_DEV).toBe("1");
    const db = await getDb();
    expect((await db.$client.execute("PRAGMA wal_autocheckpoint")).rows[0]?.[0]).toBe(0);
  });
});

describe("a connection whose writes never sleep on SQLite's lock", () => {
  let dir: string;
  let other: Client;
  const opened: Database[] = [];
  const url = () => `file:${join(dir, "db.sqlite")}`;

  async function noWait(giveUpAfterMs?: number) {
    const db = await openNoWaitDatabase({ url: url() }, giveUpAfterMs);
    if (!db) throw new Error("a local file has a no-wait connection");
    opened.push(db);
    return db.$client;
  }

  /** What any other connection sees: the test that a write was really committed. */
  async function notesSeenElsewhere() {
    const seen = createClient({ url: url() });
    try {
      return (await seen.execute("select text from notes order by id")).rows.map((row) => row.text);
    } finally {
      seen.close();
    }
  }

  /** Holds SQLite's write lock from another connection until `release` is called. */
  async function holdWriteLock() {
    const tx = await other.transaction("write");
    await tx.execute("insert into notes (text) values ('held')");
    return {
      release: async () => {
        await tx.commit();
        tx.close();
      },
    };
  }

  function settled(promise: Promise<unknown>) {
    const state = { done: false };
    promise.then(
      () => (state.done = true),
      () => (state.done = true),
    );
    return state;
  }

  /** Lets timers and I/O run: a write that slept in SQLite would block these. */
  const turnOfTheLoop = () => new Promise((resolve) => setTimeout(resolve, 20));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "bookbug-nowait-"));
    other = createClient({ url: url(), timeout: 5_000 });
    await other.execute("PRAGMA journal_mode = WAL");
    await other.execute("create table owners (id text primary key)");
    await other.execute("create table notes (id integer primary key, text text not null unique, owner text references owners(id))");
  });

  afterEach(() => {
    for (const db of opened.splice(0)) db.$client.close();
    other.close();
  });

  it("is only for a local file, which has a lock to wait for", async () => {
    expect(await openNoWaitDatabase({ url: "file::memory:" })).toBeNull();
    expect(await openNoWaitDatabase({ url: "libsql://example.turso.io" })).toBeNull();
  });

  it("returns the rows a RETURNING asks for, in column order, and what it changed", async () => {
    const db = await noWait();
    const inserted = await db.execute({ sql: "insert into notes (text) values (?) returning id, text", args: ["first"] });
    expect(inserted.columns).toEqual(["id", "text"]);
    expect(inserted.rows.map((row) => [row[0], row[1]])).toEqual([[1, "first"]]);
    const updated = await db.execute({ sql: "update notes set text = ? where id = ?", args: ["renamed", 1] });
    expect(updated.rowsAffected).toBe(1);
    expect(updated.rows).toEqual([]);
    expect(await notesSeenElsewhere()).toEqual(["renamed"]);
  });

  it("waits for another connection's lock without blocking the thread, then commits", async () => {
    const db = await noWait();
    const lock = await holdWriteLock();
    const write = db.execute({ sql: "insert into notes (text) values (?)", args: ["waited"] });
    const state = settled(write);
    // The thread keeps running timers while the write waits for the lock.
    await turnOfTheLoop();
    expect(state.done).toBe(false);
    await lock.release();
    await write;
    // Later writes on the same connection commit too: the try that met the
    // lock left nothing half-run (decision 014).
    await db.execute({ sql: "insert into notes (text) values (?)", args: ["after"] });
    expect(await notesSeenElsewhere()).toEqual(["held", "waited", "after"]);
  });

  it("gives up with SQLITE_BUSY after its time, and its next write still commits", async () => {
    const db = await noWait(30);
    const lock = await holdWriteLock();
    await expect(db.execute({ sql: "insert into notes (text) values (?)", args: ["lost"] })).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    await lock.release();
    await db.execute({ sql: "insert into notes (text) values (?)", args: ["next"] });
    expect(await notesSeenElsewhere()).toEqual(["held", "next"]);
  });

  it("rejects a write that breaks a constraint, changes nothing, and carries on", async () => {
    const db = await noWait();
    await expect(db.execute({ sql: "insert into notes (text, owner) values (?, ?)", args: ["orphan", "nobody"] })).rejects.toMatchObject({
      code: expect.stringContaining("SQLITE_CONSTRAINT"),
    });
    await db.execute({ sql: "insert into notes (text) values (?)", args: ["fine"] });
    expect(await notesSeenElsewhere()).toEqual(["fine"]);
  });

  it("runs writes in the order they were asked for, one at a time", async () => {
    const db = await noWait();
    const lock = await holdWriteLock();
    const writes = ["one", "two", "three"].map((text) => db.execute({ sql: "insert into notes (text) values (?)", args: [text] }));
    await turnOfTheLoop();
    await lock.release();
    await Promise.all(writes);
    expect(await notesSeenElsewhere()).toEqual(["held", "one", "two", "three"]);
  });

  it("refuses to write once closed", async () => {
    const db = await noWait();
    db.close();
    await expect(db.execute("insert into notes (text) values ('late')")).rejects.toThrow(/closed/);
    expect(await notesSeenElsewhere()).toEqual([]);
  });
});
