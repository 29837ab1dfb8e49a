/**
 * A WAL checkpointer on a worker thread for a local libsql file.
 *
 * SQLite folds its write-ahead log back into the database during a commit
 * once the log passes 1,000 pages: that commit then copies pages and waits
 * for an fsync, which on a small disk takes 10–25 ms, and libsql runs it on
 * the event loop. Measured with the engine, these were the whole tail of its
 * latency. With the engine's connections opened with `walAutoCheckpoint: 0`
 * and this running, checkpoints happen off the main thread; any other
 * connection still checkpoints by itself if the log ever grows that far.
 */
import { Worker } from "node:worker_threads";

export interface WalCheckpointer {
  stop(): Promise<void>;
}

export function startWalCheckpointer(options: { url: string; authToken?: string; intervalMs?: number }): WalCheckpointer | null {
  if (!options.url.startsWith("file:")) return null; // a remote database looks after itself
  const worker = new Worker(new URL("./wal-checkpoint-worker.mjs", import.meta.url), {
    workerData: { url: options.url, authToken: options.authToken, intervalMs: options.intervalMs ?? 1_000 },
  });
  // Never the reason the process stays up.
  worker.unref();
  // A checkpointer that fails leaves the log to grow (or to the app's own
  // connections): say so rather than fail silently.
  worker.on("error", (error) => console.error("WAL checkpointer stopped:", error));
  worker.on("message", (message: { type?: string; message?: string }) => {
    if (message.type === "failed") console.error("WAL checkpoint failed:", message.message);
  });
  return {
    async stop() {
      // Held while it finishes its last checkpoint, then let go.
      worker.ref();
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.postMessage("stop");
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 2_000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
