import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openEngineClient } from "./open-client";
import { tempDbUrl, until } from "./test-support/harness";
import { startWalCheckpointer } from "./wal-checkpointer";

describe("the WAL checkpointer", () => {
  it("folds the log into the database file from its worker thread", async () => {
    const url = tempDbUrl("checkpointer");
    const path = fileURLToPath(url.replace(/^file:/, "file://"));
    // Connections that never checkpoint by themselves, as the app's engine opens them.
    const client = await openEngineClient({ url, walAutoCheckpoint: 0 });
    expect((await client.execute("PRAGMA wal_autocheckpoint")).rows[0]?.[0]).toBe(0);
    await client.execute("CREATE TABLE notes (body TEXT)");
    for (let i = 0; i < 200; i++) await client.execute({ sql: "INSERT INTO notes (body) VALUES (?)", args: ["x".repeat(2000)] });
    const before = statSync(path).size;
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(200 * 2000);

    const checkpointer = startWalCheckpointer({ url, intervalMs: 50 });
    await until(() => statSync(path).size > before + 200 * 2000, 10_000, "the pages to reach the database file");
    await checkpointer?.stop();
    expect(Number((await client.execute("SELECT COUNT(*) AS n FROM notes")).rows[0]?.n)).toBe(200);
    client.close();
  });

  it("leaves a remote database alone", () => {
    expect(startWalCheckpointer({ url: "libsql://example.turso.io" })).toBeNull();
  });
});
