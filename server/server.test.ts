import { spawn } from "node:child_process";
import { get } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startAppServer } from "../tests/e2e/app-server";

// The real server process, as `npm start` and `npm run serve` run it.
const root = new URL("..", import.meta.url).pathname;
// By path, so a server started in another directory still finds it.
const tsxLoader = new URL("../node_modules/tsx/dist/loader.mjs", import.meta.url).href;

function runServer(env: Record<string, string>, cwd = root): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", tsxLoader, join(root, "server/index.ts")], {
      cwd,
      env: { ...process.env, LOG_REQUESTS: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    // Anything that starts instead of refusing is stopped once it says so.
    child.stdout.on("data", () => {
      if (output.includes("Bookbug is ready")) child.kill("SIGTERM");
    });
    child.on("exit", (code) => resolve({ code, output }));
  });
}

function occupy(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

describe("start-up refusals", () => {
  it("says which port is taken instead of printing a stack trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bookbug-server-"));
    const [port, enginePort] = [await freePort(), await freePort()];
    const blocker = await occupy(port);
    const web = await runServer({ PORT: String(port), HOST: "127.0.0.1", ENGINE_PORT: String(enginePort), DATABASE_URL: `file:${join(dir, "a.db")}` });
    blocker.close();
    expect(web.code).toBe(1);
    expect(web.output).toContain(`Port ${port} is in use`);
    expect(web.output).not.toMatch(/\n\s+at /);

    const engineBlocker = await occupy(enginePort);
    const engine = await runServer({ PORT: String(port), HOST: "127.0.0.1", ENGINE_PORT: String(enginePort), DATABASE_URL: `file:${join(dir, "b.db")}` });
    engineBlocker.close();
    expect(engine.code).toBe(1);
    expect(engine.output).toContain(`The workflow engine's port ${enginePort} is in use`);
    expect(engine.output).not.toMatch(/\n\s+at /);
  });

  it("refuses production without a session secret, naming the setting", async () => {
    const result = await runServer({ NODE_ENV: "production", SESSION_SECRET: "", PORT: "0" });
    expect(result.code).toBe(1);
    expect(result.output).toContain("SESSION_SECRET is required in production");
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it("reads settings from a .env file, with the real environment winning", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bookbug-dotenv-"));
    // A bad value in .env proves the file is read: the server names it and stops.
    writeFileSync(join(dir, ".env"), "FREE_CREDITS=lots\n");
    const ports = { PORT: String(await freePort()), ENGINE_PORT: String(await freePort()), HOST: "127.0.0.1" };
    const fromFile = await runServer({ ...ports, DATABASE_URL: `file:${join(dir, "c.db")}` }, dir);
    expect(fromFile.code).toBe(1);
    expect(fromFile.output).toContain("FREE_CREDITS");

    const overridden = await runServer({ ...ports, FREE_CREDITS: "7", DATABASE_URL: `file:${join(dir, "c.db")}` }, dir);
    expect(overridden.output).toContain("Bookbug is ready");
    expect(overridden.code).toBe(0);
  });
});

describe("a running server", () => {
  let server: Awaited<ReturnType<typeof startAppServer>>;
  beforeAll(async () => {
    server = await startAppServer();
  }, 60_000);
  afterAll(() => server.stop());

  describe("the workflow endpoint", () => {
    /** Where the engine calls the workflows, as it recorded at sync. */
    async function functionsUrl(): Promise<string> {
      const db = createClient({ url: `file:${join(server.dataDir, "bookbug-engine.db")}`, timeout: 5_000 });
      const rows = await db.execute("SELECT DISTINCT app_url FROM engine_functions");
      db.close();
      expect(rows.rows).toHaveLength(1);
      return String(rows.rows[0]!.app_url);
    }

    it("runs nothing for a caller who cannot sign", async () => {
      const body = JSON.stringify({
        event: { name: "book/create.started", data: { bookId: "nope", userId: "nope" } },
        events: [],
        steps: {},
        ctx: { run_id: "forged", attempt: 0, disable_immediate_execution: false, use_api: false, stack: { stack: [], current: 0 } },
        version: 2,
      });
      const endpoint = `${await functionsUrl()}?fnId=bookbug-create-book&stepId=step`;
      const unsigned = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect(unsigned.status).toBe(401);
      const forgedSignature = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", "x-inngest-signature": `t=${Math.floor(Date.now() / 1000)}&s=${"0".repeat(64)}` },
        body,
      });
      expect(forgedSignature.status).toBe(401);
    });

    it("serves no workflows on the public port while the embedded engine runs them", async () => {
      const call = await fetch(`${server.url}/api/inngest?fnId=bookbug-create-book&stepId=step`, { method: "POST", body: "{}" });
      expect(call.status).toBe(404);
      expect(new URL(await functionsUrl()).port).not.toBe(new URL(server.url).port);
    });

    it("keeps the engine pointed at this app when someone syncs with a forged Host", async () => {
      const sync = await fetch(`${server.url}/api/inngest`, { method: "PUT", headers: { "x-forwarded-host": "evil.example", host: "evil.example" } });
      expect(sync.status).toBeLessThan(500);
      const db = createClient({ url: `file:${join(server.dataDir, "bookbug-engine.db")}`, timeout: 5_000 });
      const rows = await db.execute("SELECT DISTINCT app_url FROM engine_functions");
      db.close();
      expect(rows.rows.length).toBeGreaterThan(0);
      for (const row of rows.rows) expect(String(row.app_url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/inngest$/);
    });
  });

  describe("connections", () => {
    it("keeps an idle connection open for a minute, longer than a parent takes to answer", async () => {
      const keepAlive = await new Promise<unknown>((resolve, reject) => {
        get(`${server.url}/healthz`, (response) => {
          response.resume();
          resolve(response.headers["keep-alive"]);
        }).on("error", reject);
      });
      expect(keepAlive).toBe("timeout=65");
    });
  });
});
