import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

// Every test file gets a fresh, throwaway database. Setting the URL before
// any app module reads the environment is enough: the db handle is lazy.
const dir = mkdtempSync(join(tmpdir(), "bookbug-test-"));
process.env.NODE_ENV = "test";
process.env.DATABASE_URL = `file:${join(dir, "test.db")}`;
process.env.SESSION_SECRET = "test-secret-at-least-16-chars";
process.env.LOG_REQUESTS = "0";

afterAll(async () => {
  const { closeDb } = await import("../../app/utils/db.server");
  await closeDb();
});
