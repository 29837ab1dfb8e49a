import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Transaction } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { getDb } from "../app/utils/db.server";
import { openDatabase } from "./client";

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
