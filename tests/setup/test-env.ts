import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

// Every test file gets a fresh, throwaway database. Setting the URL before
// any app module reads the environment is enough: the db handle is lazy.
const dir = mkdtempSync(join(tmpdir(), "bookbug-test-"));
process.env.NODE_ENV = "test";
process.env.DATABASE_URL = `file:${join(dir, "test.db")}`;
process.env.OBJECTS_DIR = join(dir, "objects");
process.env.SESSION_SECRET = "test-secret-at-least-16-chars";
process.env.LOG_REQUESTS = "0";
// The workflow client reads the engine's address when it loads, so each
// file's engine port is chosen (free, from the OS) before any import.
process.env.INNGEST_DEV = "1";
// The app's SDK runs in cloud mode against the embedded engine: the engine
// signs every call with this key and events carry this event key.
process.env.INNGEST_SIGNING_KEY = "signkey-test-0123456789abcdef0123456789abcdef";
process.env.INNGEST_EVENT_KEY = "test-event-key";
process.env.ENGINE_PORT = String(
  await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  }),
);

afterAll(async () => {
  const { closeDb } = await import("../../app/utils/db.server");
  await closeDb();
});
