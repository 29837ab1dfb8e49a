import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NoWaitWriter } from "./no-wait-writer";

let dir: string;
let other: Client;
const writers: NoWaitWriter[] = [];

function writer(giveUpAfterMs?: number) {
  const made = new NoWaitWriter({ path: join(dir, "db.sqlite"), setUp: ["PRAGMA foreign_keys = ON"], giveUpAfterMs });
  writers.push(made);
  return made;
}

/** What any other connection sees: the test that a write was really committed. */
async function notesSeenElsewhere() {
  const seen = await createClient({ url: `file:${join(dir, "db.sqlite")}` });
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
  other = createClient({ url: `file:${join(dir, "db.sqlite")}`, timeout: 5_000 });
  await other.execute("PRAGMA journal_mode = WAL");
  await other.execute("create table owners (id text primary key)");
  await other.execute("create table notes (id integer primary key, text text not null unique, owner text references owners(id))");
});

afterEach(() => {
  for (const made of writers.splice(0)) made.close();
  other.close();
});

describe("a write that must not sleep on SQLite's lock", () => {
  it("returns the rows a RETURNING asks for, in column order, and what it changed", async () => {
    const db = writer();
    const inserted = await db.execute({ sql: "insert into notes (text) values (?) returning id, text", args: ["first"] });
    expect(inserted).toEqual({ rows: [[1, "first"]], rowsAffected: 1 });
    const updated = await db.execute({ sql: "update notes set text = ? where id = ?", args: ["renamed", 1] });
    expect(updated).toEqual({ rows: [], rowsAffected: 1 });
    expect(await notesSeenElsewhere()).toEqual(["renamed"]);
  });

  it("waits for another connection's lock without blocking the thread, then commits", async () => {
    const db = writer();
    const lock = await holdWriteLock();
    const write = db.execute({ sql: "insert into notes (text) values (?)", args: ["waited"] });
    const state = settled(write);
    // The thread keeps running timers while the write waits for the lock.
    await turnOfTheLoop();
    expect(state.done).toBe(false);
    await lock.release();
    await write;
    // Later writes on the same connection commit too: the statement that met
    // the lock was run again, not left active (decision 013).
    await db.execute({ sql: "insert into notes (text) values (?)", args: ["after"] });
    expect(await notesSeenElsewhere()).toEqual(["held", "waited", "after"]);
  });

  it("gives up with SQLITE_BUSY after its time, and its next write still commits", async () => {
    const db = writer(30);
    const lock = await holdWriteLock();
    await expect(db.execute({ sql: "insert into notes (text) values (?)", args: ["lost"] })).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    await lock.release();
    await db.execute({ sql: "insert into notes (text) values (?)", args: ["next"] });
    expect(await notesSeenElsewhere()).toEqual(["held", "next"]);
  });

  it("rejects a write that breaks a constraint, changes nothing, and carries on", async () => {
    const db = writer();
    await expect(db.execute({ sql: "insert into notes (text, owner) values (?, ?)", args: ["orphan", "nobody"] })).rejects.toMatchObject({
      code: expect.stringContaining("SQLITE_CONSTRAINT"),
    });
    await db.execute({ sql: "insert into notes (text) values (?)", args: ["fine"] });
    expect(await notesSeenElsewhere()).toEqual(["fine"]);
  });

  it("runs writes in the order they were asked for, one at a time", async () => {
    const db = writer();
    const lock = await holdWriteLock();
    const writes = ["one", "two", "three"].map((text) => db.execute({ sql: "insert into notes (text) values (?)", args: [text] }));
    await turnOfTheLoop();
    await lock.release();
    await Promise.all(writes);
    expect(await notesSeenElsewhere()).toEqual(["held", "one", "two", "three"]);
  });

  it("refuses to write once closed", async () => {
    const db = writer();
    db.close();
    await expect(db.execute("insert into notes (text) values ('late')")).rejects.toThrow(/closed/);
    expect(await notesSeenElsewhere()).toEqual([]);
  });
});
