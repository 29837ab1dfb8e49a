/**
 * Moves the engine's state into its own database file from another local
 * file that held it before, such as an app database the engine used to
 * share. Runs, waits, queued work, events and synced functions all move, so
 * a run waiting for an event still resumes when the event comes.
 *
 * Only into an engine database that holds nothing yet: a file in use is
 * never overwritten. The copy commits in one transaction; only after it are
 * the old tables dropped. A crash between the two leaves the old tables
 * behind, unused, and the next start does not copy again.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { migrateEngine } from "./migrations";

export interface AdoptedState {
  /** Tables whose rows were copied (empty when there was nothing to adopt). */
  tables: string[];
  rows: number;
}

const ENGINE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'engine\\_%' ESCAPE '\\' ORDER BY name";

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteString = (value: string) => `'${value.replaceAll("'", "''")}'`;

async function tableNames(client: Client): Promise<string[]> {
  return (await client.execute(ENGINE_TABLES)).rows.map((row) => String(row.name));
}

async function columnNames(client: Client, table: string): Promise<string[]> {
  return (await client.execute(`PRAGMA table_info(${quoteIdentifier(table)})`)).rows.map((row) => String(row.name));
}

async function holdsState(client: Client): Promise<boolean> {
  const { rows } = await client.execute(
    "SELECT EXISTS (SELECT 1 FROM engine_functions) OR EXISTS (SELECT 1 FROM engine_runs) OR EXISTS (SELECT 1 FROM engine_events) AS used",
  );
  return Number(rows[0]?.used ?? 0) === 1;
}

/**
 * Copies every engine table of the local SQLite file at `previousPath` into
 * the engine database file at `enginePath` (migrated first), then drops them
 * from the old file. Call before the engine opens its database.
 */
export async function adoptEngineState(enginePath: string, previousPath: string): Promise<AdoptedState> {
  const previous = createClient({ url: `file:${previousPath}`, timeout: 5_000 });
  try {
    const oldTables = await tableNames(previous);
    // Every start after the move: nothing left to adopt, the engine's file untouched.
    if (!oldTables.includes("engine_migrations")) return { tables: [], rows: 0 };
    return await copyInto(enginePath, previous, previousPath, oldTables);
  } finally {
    previous.close();
  }
}

async function copyInto(enginePath: string, previous: Client, previousPath: string, oldTables: string[]): Promise<AdoptedState> {
  mkdirSync(dirname(resolve(enginePath)), { recursive: true });
  const migrating = createClient({ url: `file:${enginePath}`, timeout: 5_000 });
  try {
    await migrateEngine(migrating);
  } finally {
    migrating.close();
  }
  // A client that has never opened a transaction runs every statement on
  // one connection, which ATTACH needs: it holds only where it ran.
  const client = createClient({ url: `file:${enginePath}`, timeout: 5_000 });
  try {
    if (await holdsState(client)) return { tables: [], rows: 0 };
    // The old tables get the current schema first, so every column lines up.
    await migrateEngine(previous);

    const copies: string[] = [];
    const tables: string[] = [];
    for (const table of await tableNames(client)) {
      if (table === "engine_migrations" || !oldTables.includes(table)) continue;
      const oldColumns = new Set(await columnNames(previous, table));
      const columns = (await columnNames(client, table)).filter((column) => oldColumns.has(column)).map(quoteIdentifier).join(", ");
      copies.push(`INSERT INTO main.${quoteIdentifier(table)} (${columns}) SELECT ${columns} FROM previous.${quoteIdentifier(table)};`);
      tables.push(table);
    }
    let rows = 0;
    for (const table of tables) rows += Number((await previous.execute(`SELECT count(*) AS n FROM ${quoteIdentifier(table)}`)).rows[0]?.n ?? 0);

    try {
      await client.executeMultiple(
        [`ATTACH DATABASE ${quoteString(previousPath)} AS previous;`, "BEGIN IMMEDIATE;", ...copies, "COMMIT;", "DETACH DATABASE previous;"].join("\n"),
      );
    } catch (error) {
      // Whichever step failed, leave the connection as it was.
      await client.execute("ROLLBACK").catch(() => undefined);
      await client.execute("DETACH DATABASE previous").catch(() => undefined);
      throw error;
    }
    await previous.batch(
      oldTables.map((table) => `DROP TABLE IF EXISTS ${quoteIdentifier(table)}`),
      "write",
    );
    return { tables, rows };
  } finally {
    client.close();
  }
}
