import { mkdtempSync, readFileSync } from "node:fs";
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
// file's engine port is chosen before any import.
process.env.INNGEST_DEV = "1";
// The app's SDK runs in cloud mode against the embedded engine: the engine
// signs every call with this key and events carry this event key.
process.env.INNGEST_SIGNING_KEY = "signkey-test-0123456789abcdef0123456789abcdef";
process.env.INNGEST_EVENT_KEY = "test-event-key";
process.env.ENGINE_PORT = String(await unusedPortOutsideEphemeralRange());

/**
 * A free port below the kernel's ephemeral range. A port the OS hands out for
 * `listen(0)` would be free now but could be given to another file's listener
 * or outgoing connection before this file's engine binds it; ports outside
 * that range are only ever taken on purpose.
 */
async function unusedPortOutsideEphemeralRange(): Promise<number> {
  let ephemeralStart = 32768;
  try {
    ephemeralStart = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]) || ephemeralStart;
  } catch {
    // not Linux: keep the usual start
  }
  const lowest = Math.min(20000, ephemeralStart - 1000);
  for (;;) {
    const port = lowest + Math.floor(Math.random() * (ephemeralStart - lowest));
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

afterAll(async () => {
  const { closeDb } = await import("../../app/utils/db.server");
  await closeDb();
});
