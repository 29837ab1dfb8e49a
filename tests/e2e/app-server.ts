import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A free loopback port, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilHealthy(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

/**
 * The real production server (built app, migrations, sessions) on a free
 * port with a throwaway database. `restart()` stops it with SIGTERM and
 * starts it again on the same port and data, as an operator would.
 */
export async function startAppServer(extraEnv: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "bookbug-e2e-"));
  const port = await freePort();
  const enginePort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let log = "";

  async function boot() {
    log = "";
    child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: `file:${join(dataDir, "bookbug.db")}`,
        SESSION_SECRET: "e2e-session-secret-0123456789",
        SECURE_COOKIES: "0",
        ENGINE_PORT: String(enginePort),
        ENGINE_BACKOFF_SCALE: "0.01",
        OBJECTS_DIR: join(dataDir, "objects"),
        ...extraEnv,
        LOG_REQUESTS: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    await waitUntilHealthy(url, child, () => log);
  }

  async function stop() {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }

  await boot();
  return {
    url,
    dataDir,
    enginePort,
    /** The server's process id (for reading its memory). */
    pid: () => child.pid ?? 0,
    output: () => log,
    stop,
    /** kill -9: no shutdown, no flushing, as in a power cut. */
    async crash() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
    async start() {
      await boot();
    },
    async restart() {
      await stop();
      await boot();
    },
  };
}
