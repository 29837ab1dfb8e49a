/**
 * npm run bench:render — renders a 12-page book offline on the real server
 * while 200 clients follow it over SSE, and prints JSON:
 *   renderSeconds: render requested → book complete
 *   sseDelayMs p50/p99: page row committed → page event received, across all clients
 *   peakRssMb: the server's peak resident memory (VmHWM)
 * Targets: 12 pages < 15 s on 2 cores; SSE delay p99 < 250 ms.
 */
import { createHash, randomUUID } from "node:crypto";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { offlinePlot } from "../workflows/agents/offline/plot";
import type { BookBrief } from "../workflows/brief";
import { BENCH_EVENT_KEY, coreCount, followStream, peakRssMb, startBenchServer, summarise, waitFor } from "./bench-support";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const ART_STYLE = (process.env.BENCH_ART_STYLE ?? "watercolour") as BookBrief["artStyle"];

async function main() {
  const server = await startBenchServer();
  try {
    // A user, an API token and an approved 12-page book, written straight to the database.
    const db = createClient({ url: `file:${join(server.dataDir, "bookbug.db")}`, timeout: 5_000 });
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

    // The followers on the live stream, each noting when every page arrives.
    const received: { page: number; at: number }[][] = Array.from({ length: CLIENTS }, () => []);
    const stop = new AbortController();
    await Promise.all(
      received.map((bucket) =>
        followStream(`${server.url}/api/jobs/${bookId}/stream`, token, ({ type, data, at }) => {
          if (type === "page") bucket.push({ page: (data as { number: number }).number, at });
        }, stop.signal),
      ),
    );

    const startedAt = Date.now();
    const sent = await fetch(`http://127.0.0.1:${server.enginePort}/e/${BENCH_EVENT_KEY}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify([{ name: "book/render.requested", data: { bookId, userId, jobId, plotVersion: 1, plot } }]),
    });
    if (!sent.ok) throw new Error(`event refused: ${sent.status}`);
    await waitFor(async () => (await db.execute({ sql: "select status from books where id = ?", args: [bookId] })).rows[0]?.status === "complete", 120_000, "the book to complete");
    const renderSeconds = (Date.now() - startedAt) / 1000;
    await waitFor(async () => received.every((bucket) => bucket.length >= plot.pages.length + 1), 10_000, "every client to get every page");

    const stored = new Map(
      (await db.execute({ sql: "select page_number, created_at from rendered_pages where book_id = ?", args: [bookId] })).rows.map((row) => [Number(row.page_number), Number(row.created_at)]),
    );
    const delays = received.flat().map(({ page, at }) => at - (stored.get(page) ?? at));
    const peak = peakRssMb(server.pid());
    stop.abort();
    db.close();
    console.log(
      JSON.stringify(
        {
          pages: plot.pages.length,
          artStyle: ART_STYLE,
          renderSeconds: Number(renderSeconds.toFixed(2)),
          sseClients: CLIENTS,
          sseDelayMs: summarise(delays, 0),
          peakRssMb: peak,
          cores: coreCount(),
          targets: { renderSeconds: 15, sseDelayP99Ms: 250 },
        },
        null,
        2,
      ),
    );
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
