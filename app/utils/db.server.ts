import { migrateDatabase, openDatabase, type Database } from "../../db/client";
import { getEnv, workflowMode } from "./env.server";

// One database handle per process; survives Vite's module reloads in dev.
const globalForDb = globalThis as unknown as { __bookbugDb?: Promise<Database> };

/** The app's database, opened (and migrated) on first use. */
export function getDb(): Promise<Database> {
  globalForDb.__bookbugDb ??= (async () => {
    const env = getEnv();
    const db = await openDatabase({
      url: env.DATABASE_URL,
      authToken: env.DATABASE_AUTH_TOKEN,
      // The embedded engine's thread folds the log into the file (engine/wal-checkpointer.ts).
      ...(workflowMode(env) === "embedded" ? { walAutoCheckpoint: 0 } : {}),
    });
    await migrateDatabase(db);
    return db;
  })();
  return globalForDb.__bookbugDb;
}

/** Closes the shared handle (graceful shutdown, end of a test file). */
export async function closeDb() {
  const pending = globalForDb.__bookbugDb;
  globalForDb.__bookbugDb = undefined;
  if (pending) (await pending).$client.close();
}
