import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import * as schema from "./schema";

export type Database = LibSQLDatabase<typeof schema> & { $client: Client };

export interface DatabaseConfig {
  url: string;
  authToken?: string;
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "migrations");

function isLocalFile(url: string) {
  return url.startsWith("file:");
}

/** Opens a libsql database: a local file (WAL) or a Turso/libsql server. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (isLocalFile(config.url)) {
    const path = config.url.slice("file:".length).split("?")[0] ?? "";
    if (path && path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const client = createClient({
    url: config.url,
    authToken: config.authToken,
    // Requests, workflow steps and the engine write from one process; wait
    // for a competing writer instead of failing with SQLITE_BUSY.
    timeout: 5_000,
  });
  if (isLocalFile(config.url)) {
    // WAL lets readers (SSE streams, page loads) run while a step writes.
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA synchronous = NORMAL");
  }
  await client.execute("PRAGMA foreign_keys = ON");
  return drizzle(client, { schema }) as Database;
}

/** Applies every pending migration from db/migrations (idempotent). */
export async function migrateDatabase(db: Database) {
  await migrate(db, { migrationsFolder });
}
