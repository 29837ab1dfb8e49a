/**
 * The engine's own schema. Versioned and idempotent: each migration runs once,
 * recorded in engine_migrations, inside a transaction.
 */
import type { Client } from "@libsql/client";
import { withTransaction } from "./db";

const MIGRATIONS: { version: number; statements: string[] }[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE IF NOT EXISTS engine_apps (
        url TEXT PRIMARY KEY, app_id TEXT NOT NULL, synced_at INTEGER NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS engine_functions (
        id TEXT PRIMARY KEY, app_url TEXT NOT NULL, config_json TEXT NOT NULL, updated_at INTEGER NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS engine_events (
        internal_id TEXT PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, data_json TEXT NOT NULL,
        ts INTEGER NOT NULL, received_at INTEGER NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS engine_events_id ON engine_events (id)`,
      `CREATE INDEX IF NOT EXISTS engine_events_received ON engine_events (received_at)`,
      `CREATE TABLE IF NOT EXISTS engine_event_dedupe (
        event_id TEXT PRIMARY KEY, seen_at INTEGER NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS engine_runs (
        id TEXT PRIMARY KEY, function_id TEXT NOT NULL, status TEXT NOT NULL,
        event_id TEXT, event_json TEXT NOT NULL, output_json TEXT, error_json TEXT,
        parent_run_id TEXT, parent_step_id TEXT, concurrency_json TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL, started_at INTEGER, ended_at INTEGER)`,
      `CREATE INDEX IF NOT EXISTS engine_runs_created ON engine_runs (created_at)`,
      `CREATE INDEX IF NOT EXISTS engine_runs_event ON engine_runs (event_id)`,
      `CREATE TABLE IF NOT EXISTS engine_steps (
        run_id TEXT NOT NULL, step_id TEXT NOT NULL, name TEXT, op TEXT NOT NULL, status TEXT NOT NULL,
        memo_json TEXT, memo_seq INTEGER, attempts INTEGER NOT NULL DEFAULT 0, error_json TEXT,
        started_at INTEGER, ended_at INTEGER, detail_json TEXT,
        PRIMARY KEY (run_id, step_id))`,
      `CREATE TABLE IF NOT EXISTS engine_waits (
        id TEXT PRIMARY KEY, run_id TEXT NOT NULL, step_id TEXT NOT NULL, event_name TEXT NOT NULL,
        expression TEXT, index_key TEXT, index_value TEXT, needs_eval INTEGER NOT NULL DEFAULT 0,
        expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS engine_waits_lookup ON engine_waits (event_name, index_key, index_value)`,
      `CREATE INDEX IF NOT EXISTS engine_waits_run ON engine_waits (run_id)`,
      `CREATE TABLE IF NOT EXISTS engine_cancels (
        id TEXT PRIMARY KEY, run_id TEXT NOT NULL, event_name TEXT NOT NULL, expression TEXT,
        expires_at INTEGER)`,
      `CREATE INDEX IF NOT EXISTS engine_cancels_event ON engine_cancels (event_name)`,
      `CREATE INDEX IF NOT EXISTS engine_cancels_run ON engine_cancels (run_id)`,
      `CREATE TABLE IF NOT EXISTS engine_queue (
        id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, run_id TEXT, step_id TEXT,
        attempt INTEGER NOT NULL DEFAULT 0, run_at INTEGER NOT NULL, payload_json TEXT NOT NULL DEFAULT '{}',
        locked_by TEXT, created_at INTEGER NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS engine_queue_due ON engine_queue (locked_by, run_at)`,
      `CREATE INDEX IF NOT EXISTS engine_queue_run ON engine_queue (run_id)`,
      `CREATE TABLE IF NOT EXISTS engine_idempotency (
        key TEXT PRIMARY KEY, run_id TEXT, expires_at INTEGER NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS engine_flow_hits (
        kind TEXT NOT NULL, key TEXT NOT NULL, at INTEGER NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS engine_flow_hits_key ON engine_flow_hits (kind, key, at)`,
      `CREATE TABLE IF NOT EXISTS engine_debounces (
        key TEXT PRIMARY KEY, function_id TEXT NOT NULL, event_json TEXT NOT NULL,
        first_at INTEGER NOT NULL, fire_at INTEGER NOT NULL)`,
    ],
  },
  {
    // Cancel listeners are indexed like waits, so a cancel event does not scan them all.
    version: 2,
    statements: [
      "ALTER TABLE engine_cancels ADD COLUMN index_key TEXT",
      "ALTER TABLE engine_cancels ADD COLUMN index_value TEXT",
      "ALTER TABLE engine_cancels ADD COLUMN needs_eval INTEGER NOT NULL DEFAULT 0",
      "CREATE INDEX IF NOT EXISTS engine_cancels_lookup ON engine_cancels (event_name, index_key, index_value)",
    ],
  },
  {
    // Finished runs and old events are pruned after the retention period.
    version: 3,
    statements: ["CREATE INDEX IF NOT EXISTS engine_runs_ended ON engine_runs (ended_at)"],
  },
];

export const ENGINE_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export async function migrateEngine(client: Client): Promise<void> {
  await client.execute(
    "CREATE TABLE IF NOT EXISTS engine_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"
  );
  for (const migration of MIGRATIONS) {
    await withTransaction(client, async (tx) => {
      const done = await tx.execute({
        sql: "SELECT 1 FROM engine_migrations WHERE version = ?",
        args: [migration.version],
      });
      if (done.rows.length > 0) return;
      for (const sql of migration.statements) await tx.execute(sql);
      await tx.execute({
        sql: "INSERT INTO engine_migrations (version, applied_at) VALUES (?, ?)",
        args: [migration.version, Date.now()],
      });
    });
  }
}
