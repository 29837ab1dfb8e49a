import { migrateDatabase, openDatabase, openNoWaitDatabase, type Database } from "../../db/client";
import { getEnv, workflowMode } from "./env.server";

// One database handle per process; survives Vite's module reloads in dev.
const globalForDb = globalThis as unknown as {
  __bookbugDb?: Promise<Database>;
  __bookbugNoWaitDb?: Promise<Database>;
};

function databaseConfig() {
  const env = getEnv();
  return {
    url: env.DATABASE_URL,
    authToken: env.DATABASE_AUTH_TOKEN,
    // The embedded engine's thread folds the log into the file (engine/wal-checkpointer.ts).
    ...(workflowMode(env) === "embedded" ? { walAutoCheckpoint: 0 } : {}),
  };
}

/** The app's database, opened (and migrated) on first use. */
export function getDb(): Promise<Database> {
  globalForDb.__bookbugDb ??= (async () => {
    const db = await openDatabase(databaseConfig());
    await migrateDatabase(db);
    return db;
  })();
  return globalForDb.__bookbugDb;
}

/**
 * For a write made while someone waits on the answer (a message POST's
 * insert): a connection that never puts the web thread to sleep while a
 * workflow step holds SQLite's lock (`openNoWaitDatabase`). Single
 * statements only. The shared handle when the database is not a local file.
 */
export function getNoWaitDb(): Promise<Database> {
  globalForDb.__bookbugNoWaitDb ??= (async () => {
    const db = await getDb(); // migrated first
    return (await openNoWaitDatabase(databaseConfig())) ?? db;
  })();
  return globalForDb.__bookbugNoWaitDb;
}

/** Closes the shared handles (graceful shutdown, end of a test file). */
export async function closeDb() {
  const pending = globalForDb.__bookbugDb;
  const noWait = globalForDb.__bookbugNoWaitDb;
  globalForDb.__bookbugDb = undefined;
  globalForDb.__bookbugNoWaitDb = undefined;
  const [db, noWaitDb] = await Promise.all([pending, noWait]);
  if (noWaitDb && noWaitDb !== db) noWaitDb.$client.close();
  db?.$client.close();
}
