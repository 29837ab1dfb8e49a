// Runs in a worker thread (see wal-checkpointer.ts): folds the WAL back into
// the database file on a timer, so no request or step on the main thread
// pays for a checkpoint's writes and fsync. Plain JavaScript so it loads
// without a TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import { createClient } from "@libsql/client";

const client = createClient({ url: workerData.url, authToken: workerData.authToken, timeout: 1000 });
let running = null;

function checkpoint() {
  // PASSIVE never waits for readers or writers: it does what it can now.
  running ??= client
    .execute("PRAGMA wal_checkpoint(PASSIVE)")
    .catch((error) => parentPort?.postMessage({ type: "failed", message: String(error) }))
    .finally(() => (running = null));
}

const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort?.on("message", async (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  // The checkpoint under way finishes first.
  await running;
  client.close();
  parentPort?.close();
});
