/**
 * A libsql client made for the engine. Every engine write is one short
 * transaction and they run one at a time, so two connections are enough:
 * one for the open transaction, one for reads meanwhile.
 *
 * A local file gets WAL with `synchronous = NORMAL` on both connections: a
 * commit is then durable against a crash of the process (kill -9), which is
 * the engine's promise, and skips the fsync per commit that FULL pays for
 * surviving power loss too. SQLite keeps that setting per connection and
 * refuses to change it inside a transaction, and the client opens
 * connections lazily, so both are opened and set up here, before use.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { cacheLibsqlStatements } from "./libsql-statement-cache";

export interface EngineClientOptions {
  url: string;
  authToken?: string;
  /** How long a write waits for another process's lock (ms). */
  busyTimeoutMs?: number;
  /**
   * SQLite's `wal_autocheckpoint` for these connections (pages; SQLite's
   * default is 1,000). 0 leaves checkpoints to `startWalCheckpointer`.
   */
  walAutoCheckpoint?: number;
}

/** The file behind a local `file:` URL; null for a remote or in-memory database. */
export function localDatabasePath(url: string): string | null {
  const match = /^file:([^?]+)/.exec(url);
  return match && match[1] !== ":memory:" ? match[1]! : null;
}

export async function openEngineClient(options: EngineClientOptions): Promise<Client> {
  const setUpConnection = async (client: Client) => {
    await client.execute("PRAGMA synchronous = NORMAL");
    if (options.walAutoCheckpoint !== undefined) {
      await client.execute(`PRAGMA wal_autocheckpoint = ${Math.max(0, Math.floor(options.walAutoCheckpoint))}`);
    }
  };
  const local = options.url.startsWith("file:");
  if (local) cacheLibsqlStatements();
  const path = localDatabasePath(options.url);
  if (path) mkdirSync(dirname(resolve(path)), { recursive: true });
  const client = createClient({
    url: options.url,
    ...(options.authToken ? { authToken: options.authToken } : {}),
    timeout: options.busyTimeoutMs ?? 5_000,
    ...(local ? { concurrency: 2 } : {}),
  });
  if (!local) return client;
  await client.execute("PRAGMA journal_mode = WAL");
  // The first connection is busy with a transaction, so the pool opens the
  // second for this statement; then the first is set up once it is free.
  const holder = await client.transaction("deferred");
  await setUpConnection(client);
  await holder.commit();
  holder.close();
  await setUpConnection(client);
  return client;
}
