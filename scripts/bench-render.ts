/**
 * npm run bench:render — renders a 12-page book offline on the real server
 * while 200 browsers follow it over SSE, and prints JSON:
 *   renderSeconds: approval handed over → book complete
 *   sseDelayMs p50/p99: page row committed → page event received, across all clients
 *   peakRssMb: the server's peak resident memory (VmHWM)
 * Targets: 12 pages < 15 s on 2 cores; SSE delay p99 < 250 ms.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { offlinePlot } from "../workflows/agents/offline/plot";
import type { BookBrief } from "../workflows/brief";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const ART_STYLE = (process.env.BENCH_ART_STYLE ?? "watercolour") as BookBrief["artStyle"];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main() {
  if (!existsSync("build/server/index.js")) {
    const built = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit" });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const dir = mkdtempSync(join(tmpdir(), "bookbug-bench-"));
  const [port, enginePort] = [await freePort(), await freePort()];
  const databaseUrl = `file:${join(dir, "bench.db")}`;
  let log = "";
  const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      ENGINE_PORT: String(enginePort),
      DATABASE_URL: databaseUrl,
      OBJECTS_DIR: join(dir, "objects"),
      SESSION_SECRET: "bench-session-secret-0123456789",
      SECURE_COOKIES: "0",
      LOG_REQUESTS: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => log.includes("Bookbug is ready"), 60_000, `the server:\n${log}`);

    // A user, an API token and an approved 12-page book, written straight to the database.
    const db = createClient({ url: databaseUrl, timeout: 5_000 });
    const userId = randomUUID();
    const bookId = randomUUID();
    const jobId = randomUUID();
    const token = `bb_bench_${randomUUID()}`;
    const brief: BookBrief = {
      heroName: "Maya", heroAge: 5, pronoun: "she", looks: { hair: "curly black hair", clothes: "yellow raincoat", glasses: true },
      loves: ["trains"], setting: "an enchanted forest", companion: { kind: "cat", name: "Miso" }, lesson: "being brave",
      tone: "funny", artStyle: ART_STYLE, pageCount: 12, dedication: "For Maya",
    };
    const plot = offlinePlot(bookId, brief, 1);
    await db.batch([
      { sql: "insert into users (id, email, name, password_hash, credits) values (?, ?, 'Bench', 'x', 10)", args: [userId, `${userId}@example.com`] },
      { sql: "insert into api_tokens (id, user_id, token_hash, name, expires_at) values (?, ?, ?, 'bench', ?)", args: [randomUUID(), userId, createHash("sha256").update(token).digest("hex"), Date.now() + 3_600_000] },
      { sql: "insert into books (id, user_id, status, title, brief, plot, plot_version, page_count) values (?, ?, 'queued', ?, ?, ?, 1, 12)", args: [bookId, userId, plot.title, JSON.stringify(brief), JSON.stringify(plot)] },
      { sql: "insert into book_jobs (id, book_id, total_pages) values (?, ?, 12)", args: [jobId, bookId] },
    ]);

    // 200 followers on the live stream, each noting when every page arrives.
    const received: { page: number; at: number }[][] = Array.from({ length: CLIENTS }, () => []);
    const controllers: AbortController[] = [];
    let connected = 0;
    await Promise.all(
      received.map(async (bucket) => {
        const controller = new AbortController();
        controllers.push(controller);
        const response = await fetch(`${url}/api/jobs/${bookId}/stream`, { headers: { Authorization: `Bearer ${token}` }, signal: controller.signal });
        if (!response.ok || !response.body) throw new Error(`stream refused: ${response.status}`);
        connected += 1;
        void (async () => {
          const decoder = new TextDecoder();
          let buffer = "";
          try {
            for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
              const at = Date.now();
              buffer += decoder.decode(chunk, { stream: true });
              let end;
              while ((end = buffer.indexOf("\n\n")) >= 0) {
                const frame = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                if (!frame.includes("event: page")) continue;
                const data = frame.split("\n").find((line) => line.startsWith("data: "));
                if (data) bucket.push({ page: (JSON.parse(data.slice(6)) as { number: number }).number, at });
              }
            }
          } catch {
            // aborted at the end
          }
        })();
      }),
    );

    const startedAt = Date.now();
    const sent = await fetch(`http://127.0.0.1:${enginePort}/e/bench`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify([{ name: "book/render.requested", data: { bookId, userId, jobId, plotVersion: 1, plot } }]),
    });
    if (!sent.ok) throw new Error(`event refused: ${sent.status}`);
    await waitFor(async () => (await db.execute({ sql: "select status from books where id = ?", args: [bookId] })).rows[0]?.status === "complete", 120_000, "the book to complete");
    const renderSeconds = (Date.now() - startedAt) / 1000;
    await waitFor(async () => received.every((bucket) => bucket.length >= 13), 10_000, "every client to get every page");

    const stored = new Map(
      (await db.execute({ sql: "select page_number, created_at from rendered_pages where book_id = ?", args: [bookId] })).rows.map((row) => [Number(row.page_number), Number(row.created_at)]),
    );
    const delays = received.flat().map(({ page, at }) => at - (stored.get(page) ?? at)).sort((a, b) => a - b);
    const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    controllers.forEach((controller) => controller.abort());
    db.close();
    console.log(
      JSON.stringify(
        {
          pages: plot.pages.length,
          artStyle: ART_STYLE,
          renderSeconds: Number(renderSeconds.toFixed(2)),
          sseClients: connected,
          sseEventsMeasured: delays.length,
          sseDelayMs: { p50: percentile(delays, 50), p99: percentile(delays, 99), max: delays.at(-1) ?? 0 },
          peakRssMb: Math.round(peakKb / 1024),
          cores: (await import("node:os")).cpus().length,
          targets: { renderSeconds: 15, sseDelayP99Ms: 250 },
        },
        null,
        2,
      ),
    );
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
