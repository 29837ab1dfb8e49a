/**
 * npm run bench:chat — the design conversation on the real server with the
 * offline storyteller, measured as a parent experiences it. Each
 * conversation answers the whole interview over the HTTP API while following
 * its book's SSE stream, and prints JSON:
 *   replyMs p50/p99: POST of an answer sent → Bookbug's reply received on the stream
 *   postMs p50/p99: the POST's own response time, as the client sees it
 *   postServerMs p50/p99: the server's share of it (its Server-Timing header)
 *   serverCpuMsPerAnswer: the server's CPU time per answer, all threads and
 *     the web thread alone (the rest is mostly the workflows' thread)
 *   benchCpuMsPerAnswer: this script's own CPU time per answer: the parents'
 *     side runs on the same cores as the server
 * with 1 conversation, then 50 at once. A parent reads each reply before
 * answering: between BENCH_THINK_MIN_MS and BENCH_THINK_MAX_MS (default 2–6 s,
 * a quick parent) pass between a reply arriving and the next answer.
 * The 50 are run BENCH_ROUNDS times (default 3), each time with new parents,
 * and their samples pooled: one crowd gives 450 answers, whose p99 is the
 * 5th slowest and swings by several ms from run to run.
 * Targets: reply p99 < 100 ms at 50 conversations; POST p99 < 20 ms.
 */
import { createHash, randomUUID } from "node:crypto";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createClient, type Client } from "@libsql/client";
import { FULL_INTERVIEW } from "../tests/utils/full-interview";
import { coreCount, cpuTimeMs, followStream, peakRssMb, startBenchServer, summarise } from "./bench-support";

// A parent reads each reply and answers: between THINK_MIN_MS and THINK_MAX_MS.
const THINK_MIN_MS = Number(process.env.BENCH_THINK_MIN_MS ?? 2_000);
const THINK_MAX_MS = Number(process.env.BENCH_THINK_MAX_MS ?? 6_000);
const CROWD = Number(process.env.BENCH_CONVERSATIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REPLY_TIMEOUT_MS = 60_000;
const ANSWERS = FULL_INTERVIEW;

interface Samples {
  replyMs: number[];
  postMs: number[];
  postServerMs: number[];
}

async function newParent(db: Client): Promise<string> {
  const userId = randomUUID();
  const token = `bb_bench_${randomUUID()}`;
  await db.batch([
    { sql: "insert into users (id, email, name, password_hash, credits) values (?, ?, 'Bench', 'x', 3)", args: [userId, `${userId}@example.com`] },
    {
      sql: "insert into api_tokens (id, user_id, token_hash, name, expires_at) values (?, ?, ?, 'bench', ?)",
      args: [randomUUID(), userId, createHash("sha256").update(token).digest("hex"), Date.now() + 3_600_000],
    },
  ]);
  return token;
}

/** One parent designing one book, start to plot; adds its measurements to `samples`. */
async function converse(baseUrl: string, token: string, samples: Samples): Promise<void> {
  const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const created = await fetch(`${baseUrl}/api/books`, { method: "POST", headers: auth });
  if (created.status !== 201) throw new Error(`book not created: ${created.status}`);
  const { book } = (await created.json()) as { book: { id: string } };

  // Replies arrive on the stream; each answer waits for the next one.
  const replies: number[] = [];
  let wake: (() => void) | null = null;
  const stop = new AbortController();
  await followStream(`${baseUrl}/api/jobs/${book.id}/stream`, token, ({ type, data }) => {
    if (type !== "message" || (data as { message: { role: string } }).message.role !== "assistant") return;
    replies.push(performance.now());
    wake?.();
  }, stop.signal);
  // A reply that never comes is a failure to report, not a reason to hang.
  const nextReply = async (seen: number) => {
    const deadline = Date.now() + REPLY_TIMEOUT_MS;
    while (replies.length <= seen) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`book ${book.id}: no reply on the stream within ${REPLY_TIMEOUT_MS / 1000} s (reply ${seen + 1})`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, left);
      });
    }
    return replies[seen]!;
  };

  try {
    await nextReply(0); // the opening question
    for (const [index, content] of ANSWERS.entries()) {
      await new Promise((resolve) => setTimeout(resolve, THINK_MIN_MS + Math.random() * (THINK_MAX_MS - THINK_MIN_MS)));
      const seen = replies.length;
      const sentAt = performance.now();
      const posted = await fetch(`${baseUrl}/api/chat/${book.id}/message`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ content, clientMessageId: `answer-${index}` }),
      });
      samples.postMs.push(performance.now() - sentAt);
      const serverMs = Number(/app;dur=([\d.]+)/.exec(posted.headers.get("server-timing") ?? "")?.[1]);
      if (Number.isFinite(serverMs)) samples.postServerMs.push(serverMs);
      if (posted.status !== 202) throw new Error(`message refused: ${posted.status} ${await posted.text()}`);
      samples.replyMs.push((await nextReply(seen)) - sentAt);
    }
  } finally {
    stop.abort();
  }
}

/** `rounds` times, `conversations` new parents at once; the samples of all rounds pooled. */
async function measure(baseUrl: string, db: Client, serverPid: number, conversations: number, rounds = 1) {
  const samples: Samples = { replyMs: [], postMs: [], postServerMs: [] };
  let seconds = 0;
  const cpuBefore = cpuTimeMs(serverPid);
  const benchBefore = process.cpuUsage();
  // Each round's own tails too, so a first round slower than the rest shows.
  const eachRound: { replyP99Ms: number; postP99Ms: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    const tokens = await Promise.all(Array.from({ length: conversations }, () => newParent(db)));
    const started = performance.now();
    const own: Samples = { replyMs: [], postMs: [], postServerMs: [] };
    await Promise.all(tokens.map((token) => converse(baseUrl, token, own)));
    seconds += (performance.now() - started) / 1000;
    eachRound.push({ replyP99Ms: summarise(own.replyMs).p99, postP99Ms: summarise(own.postMs).p99 });
    samples.replyMs.push(...own.replyMs);
    samples.postMs.push(...own.postMs);
    samples.postServerMs.push(...own.postServerMs);
  }
  const cpuAfter = cpuTimeMs(serverPid);
  const benchCpu = process.cpuUsage(benchBefore);
  const perAnswer = (ms: number) => Number((ms / samples.replyMs.length).toFixed(1));
  return {
    conversations,
    rounds,
    answers: samples.replyMs.length,
    seconds: Number(seconds.toFixed(1)),
    replyMs: summarise(samples.replyMs),
    postMs: summarise(samples.postMs),
    postServerMs: summarise(samples.postServerMs),
    ...(rounds > 1 ? { eachRound } : {}),
    serverCpuMsPerAnswer: {
      allThreads: perAnswer(cpuAfter.process - cpuBefore.process),
      webThread: perAnswer(cpuAfter.mainThread - cpuBefore.mainThread),
    },
    benchCpuMsPerAnswer: perAnswer((benchCpu.user + benchCpu.system) / 1000),
  };
}

async function main() {
  const server = await startBenchServer();
  const db = createClient({ url: `file:${join(server.dataDir, "bookbug.db")}`, timeout: 5_000 });
  try {
    await measure(server.url, db, server.pid(), 1); // warm-up: JIT, connections, caches
    const alone = await measure(server.url, db, server.pid(), 1);
    const crowd = await measure(server.url, db, server.pid(), CROWD, ROUNDS);
    console.log(
      JSON.stringify(
        {
          storyteller: "offline",
          thinkTimeMs: { min: THINK_MIN_MS, max: THINK_MAX_MS },
          oneConversation: alone,
          [`${CROWD}Conversations`]: crowd,
          peakRssMb: peakRssMb(server.pid()),
          cores: coreCount(),
          targets: { replyP99Ms: 100, postP99Ms: 20 },
        },
        null,
        2,
      ),
    );
  } finally {
    db.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
