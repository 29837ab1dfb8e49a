/**
 * Crash test: a child process running the engine and a real SDK app (cloud
 * mode, over HTTP, on a libsql file) is SIGKILLed at random moments while 50
 * runs of a 10-step + waitForEvent workflow (with a short sleep) are in
 * flight, and restarted each time. The kill schedule comes from a seeded generator; the seed is printed
 * and `ENGINE_CRASH_SEED=<seed>` replays the same schedule.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomInt } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { until } from "./test-support/harness";

const RUNS = 50;
const STEPS = 10;
const KILLS = 5;
const MAX_IN_FLIGHT = 8;
// Runs whose wait is answered only after the last restart, so waits are parked across kills.
const LATE = 10;
// This kill lands while runs sleep, and the restart waits until a sleep is due.
const SLEEP_KILL = 1;
const FUNCTION_ID = "crash-ten-steps";
const SIGNING_KEY = "signkey-test-5b2d0c7e9a41f3863d7a0e1c2b9f4d6a";
const EVENT_KEY = "crash-event-key";
const seed = Number(process.env.ENGINE_CRASH_SEED) || randomInt(1, 2 ** 31);

const dir = mkdtempSync(join(tmpdir(), "engine-crash-"));
const dbUrl = `file:${join(dir, "crash.db")}`;
const childScript = fileURLToPath(new URL("./test-support/crash-child.ts", import.meta.url));
const live = new Set<ChildProcess>();
let db: Client | undefined;

/** Small seeded PRNG (mulberry32), so a failing kill schedule can be replayed. */
function seeded(value: number): () => number {
  let state = value >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Child {
  proc: ChildProcess;
  port: number;
  exited: Promise<void>;
}

async function startChild(generation: number): Promise<Child> {
  const readyFile = join(dir, `ready-${generation}.json`);
  const proc = spawn(process.execPath, ["--import", "tsx", childScript], {
    env: {
      ...process.env,
      CRASH_DB_URL: dbUrl,
      CRASH_READY_FILE: readyFile,
      CRASH_SIGNING_KEY: SIGNING_KEY,
      CRASH_EVENT_KEY: EVENT_KEY,
      CRASH_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
    },
    // stdin stays open: the child exits when it closes (the test went away).
    stdio: ["pipe", "ignore", "pipe"],
  });
  live.add(proc);
  let stderr = "";
  proc.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) =>
    proc.once("exit", () => {
      live.delete(proc);
      resolve();
    })
  );
  const ready = await Promise.race([
    until(
      () => (existsSync(readyFile) ? (JSON.parse(readFileSync(readyFile, "utf8")) as { enginePort: number }) : undefined),
      30_000,
      `child ${generation} ready`
    ),
    exited.then(() => Promise.reject(new Error(`child ${generation} exited before it was ready: ${stderr}`))),
  ]);
  return { proc, port: ready.enginePort, exited };
}

/** Returns when the child is gone: anything it logged happened before this time. */
async function kill(child: Child): Promise<number> {
  child.proc.kill("SIGKILL");
  await child.exited;
  return Date.now();
}

async function count(client: Client, sql: string, args: (string | number)[] = []): Promise<number> {
  const rs = await client.execute({ sql, args });
  return Number(rs.rows[0]?.n ?? 0);
}

afterAll(async () => {
  for (const proc of live) proc.kill("SIGKILL");
  db?.close();
});

describe("durability across kill -9", () => {
  it("completes 50 in-flight 10-step + wait runs through random SIGKILLs, each side effect recorded once", async () => {
    const startedAt = Date.now();
    console.log(`[crash] seed ${seed} (ENGINE_CRASH_SEED=${seed} replays this kill schedule)`);
    const schedule = seeded(seed);
    const chance = seeded(seed ^ 0x5bd1e995);
    // One kill point per slice of the progress (step executions) reachable
    // before the late runs are answered, so kills fall early, around the
    // waits and late in every schedule.
    const low = 20;
    const width = (RUNS * STEPS - LATE * (STEPS - 5) - 2 * low) / KILLS;
    const killPoints = Array.from({ length: KILLS }, (_, k) => Math.floor(low + width * k + schedule() * width));
    const killJitterMs = Array.from({ length: KILLS }, () => Math.floor(schedule() * 10));
    const late = new Set<string>();
    while (late.size < LATE) late.add(`k${Math.floor(schedule() * RUNS)}`);

    db = createClient({ url: dbUrl, timeout: 5000 });
    const client = db;
    // WAL, as the application runs its database; the tables are the app's.
    await client.execute("PRAGMA journal_mode = WAL");
    await client.batch(
      [
        `CREATE TABLE crash_side_effects (run_id TEXT NOT NULL, step TEXT NOT NULL, at INTEGER NOT NULL,
           PRIMARY KEY (run_id, step))`,
        `CREATE TABLE crash_executions (seq INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL,
           step TEXT NOT NULL, at INTEGER NOT NULL, pid INTEGER NOT NULL)`,
      ],
      "write"
    );

    const answers: { key: string; generation: number }[] = [];
    const answerFailures: string[] = [];
    const pending = new Set<string>();
    let decoys = 0;

    /**
     * Answers parked runs with the given probability (late runs only in the
     * last generation); the POST is not awaited, so a kill can cut it.
     */
    async function answerParked(port: number, generation: number, probability: number): Promise<void> {
      const rs = await client.execute({
        sql: "SELECT r.event_json FROM engine_waits w JOIN engine_runs r ON r.id = w.run_id WHERE r.function_id = ?",
        args: [FUNCTION_ID],
      });
      const keys = rs.rows
        .map((row) => (JSON.parse(String(row.event_json)) as { data: { key: string } }).data.key)
        .filter((key) => !pending.has(key) && (generation === KILLS || !late.has(key)) && chance() < probability);
      if (keys.length === 0) return;
      const events: unknown[] = keys.map((key) => ({
        name: "crash/answer",
        // The id makes a resend after a kill harmless if the first one was stored.
        id: `answer-${key}`,
        data: { key, token: `token-${key}` },
      }));
      events.push({ name: "crash/answer", data: { key: `nobody-${decoys++}`, token: "decoy" } });
      for (const key of keys) {
        pending.add(key);
        answers.push({ key, generation });
      }
      void fetch(`http://127.0.0.1:${port}/e/${EVENT_KEY}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(events),
        signal: AbortSignal.timeout(10_000),
      })
        .then(async (res) => {
          const body = await res.text();
          if (!res.ok) answerFailures.push(`${res.status} ${body}`);
        })
        // Killed mid-request: if the event was lost, the wait is still parked and is answered again.
        .catch(() => undefined)
        .finally(() => keys.forEach((key) => pending.delete(key)));
    }

    const executedSql = "SELECT COUNT(*) AS n FROM crash_executions";
    // A step that logged its side effect but whose result the engine has not memoized yet.
    const inFlightSql = `SELECT COUNT(*) AS n FROM crash_executions e WHERE NOT EXISTS (
      SELECT 1 FROM engine_steps s WHERE s.run_id = e.run_id AND s.name = e.step AND s.status = 'completed')`;
    const kills: { at: number; progress: number; parkedWaits: number; sleepsDueWhileDown: number }[] = [];

    let child = await startChild(0);
    const start = await fetch(`http://127.0.0.1:${child.port}/e/${EVENT_KEY}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(
        Array.from({ length: RUNS }, (_, i) => ({ name: "crash/start", id: `start-${i}`, data: { key: `k${i}` } }))
      ),
    });
    expect(start.status).toBe(200);

    for (let generation = 0; generation < KILLS; generation++) {
      const target = killPoints[generation] ?? 0;
      const deadline = Date.now() + 30_000;
      // Run until the kill point, answering some parked waits on the way. At
      // the point, kill as soon as a step is mid-execution, or within 200ms
      // anyway (all runs may be sleeping or parked just then).
      let reachedAt: number | undefined;
      for (;;) {
        const executed = await count(client, executedSql);
        if (generation === SLEEP_KILL) {
          if ((await count(client, "SELECT COUNT(*) AS n FROM engine_steps WHERE status = 'sleeping'")) > 0) break;
        } else if (executed >= target) {
          reachedAt ??= Date.now();
          if (Date.now() - reachedAt > 200 || (await count(client, inFlightSql)) > 0) break;
        }
        if (Date.now() > deadline) throw new Error(`no progress to ${target} (at ${executed}) in generation ${generation}`);
        await answerParked(child.port, generation, 0.05);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, killJitterMs[generation] ?? 0));
      const at = await kill(child);
      const waits = await client.execute("SELECT id, run_id, expires_at FROM engine_waits ORDER BY id");
      const sleeps = await client.execute("SELECT detail_json FROM engine_steps WHERE status = 'sleeping'");
      const progress = await count(client, executedSql);
      const wakeTimes = sleeps.rows.map((r) => (JSON.parse(String(r.detail_json)) as { wakeAt: number }).wakeAt);
      if (generation === SLEEP_KILL) {
        // Stay down until a sleep is due, so its timer can only fire from the database.
        const due = Math.min(...wakeTimes);
        await until(() => Date.now() > due, 5_000, "a sleep deadline passed");
      }

      child = await startChild(generation + 1);
      // Sleep timers that fell due while no process was running: they must fire from the database.
      const sleepsDueWhileDown = wakeTimes.filter((wakeAt) => wakeAt <= Date.now()).length;
      kills.push({ at, progress, parkedWaits: waits.rows.length, sleepsDueWhileDown });
      // Every wait parked when the process died is still there, with its original deadline.
      const after = await client.execute("SELECT id, run_id, expires_at FROM engine_waits ORDER BY id");
      const afterById = new Map(after.rows.map((row) => [String(row.id), Number(row.expires_at)]));
      for (const row of waits.rows) expect(afterById.get(String(row.id))).toBe(Number(row.expires_at));
    }

    // Last generation: answer every parked run until all runs have ended.
    await until(
      async () => {
        const open = await count(
          client,
          "SELECT COUNT(*) AS n FROM engine_runs WHERE function_id = ? AND status IN ('queued', 'running')",
          [FUNCTION_ID]
        );
        const total = await count(client, "SELECT COUNT(*) AS n FROM engine_runs WHERE function_id = ?", [FUNCTION_ID]);
        if (total === RUNS && open === 0) return true;
        await answerParked(child.port, KILLS, 1);
        return false;
      },
      40_000,
      "all runs ended"
    );
    await until(() => pending.size === 0, 10_000, "answer requests settled");
    await kill(child);

    // (d) Every run completed; none failed, none was started twice.
    const runs = await client.execute({
      sql: "SELECT id, status, event_json, output_json FROM engine_runs WHERE function_id = ?",
      args: [FUNCTION_ID],
    });
    expect(runs.rows).toHaveLength(RUNS);
    expect(runs.rows.filter((r) => r.status !== "completed").map((r) => [r.id, r.status])).toEqual([]);
    const runIds = new Set(runs.rows.map((r) => String(r.id)));

    // (a) The business side effect: exactly one row per run and step.
    const effects = await client.execute("SELECT run_id, step FROM crash_side_effects");
    expect(effects.rows).toHaveLength(RUNS * STEPS);
    for (const runId of runIds) {
      const steps = effects.rows.filter((r) => r.run_id === runId).map((r) => String(r.step));
      expect(steps.sort()).toEqual(Array.from({ length: STEPS }, (_, i) => `step-${i + 1}`).sort());
    }

    // (b) Re-executions only for steps in flight at a kill; none after a memo.
    const executions = await client.execute("SELECT run_id, step, at, pid FROM crash_executions ORDER BY seq");
    const memos = await client.execute({
      sql: `SELECT s.run_id, s.name, s.status, s.ended_at FROM engine_steps s JOIN engine_runs r ON r.id = s.run_id
            WHERE r.function_id = ? AND s.op = 'StepRun'`,
      args: [FUNCTION_ID],
    });
    const memoAt = new Map(memos.rows.map((m) => [`${String(m.run_id)}/${String(m.name)}`, Number(m.ended_at)]));
    expect(memos.rows.every((m) => m.status === "completed")).toBe(true);
    const byStep = new Map<string, { at: number; pid: number }[]>();
    for (const e of executions.rows) {
      const key = `${String(e.run_id)}/${String(e.step)}`;
      byStep.set(key, [...(byStep.get(key) ?? []), { at: Number(e.at), pid: Number(e.pid) }]);
    }
    expect(byStep.size).toBe(RUNS * STEPS);
    for (const [key, list] of byStep) {
      const memo = memoAt.get(key);
      expect(memo, `memo of ${key}`).toBeDefined();
      for (const e of list) expect(e.at, `${key} executed after its memo`).toBeLessThanOrEqual(memo ?? 0);
      for (let i = 1; i < list.length; i++) {
        const before = list[i - 1];
        const again = list[i];
        // Ran again only because the process running it died in between.
        expect(again?.pid).not.toBe(before?.pid);
        expect(kills.some((k) => (before?.at ?? 0) <= k.at && k.at <= (again?.at ?? 0))).toBe(true);
      }
    }
    const reExecutions = executions.rows.length - RUNS * STEPS;
    expect(reExecutions).toBeLessThanOrEqual(KILLS * MAX_IN_FLIGHT);

    // (c) Each wait resumed with its own answer, never a decoy or another run's.
    const waitMemos = await client.execute({
      sql: `SELECT s.run_id, s.memo_json FROM engine_steps s JOIN engine_runs r ON r.id = s.run_id
            WHERE r.function_id = ? AND s.op = 'WaitForEvent'`,
      args: [FUNCTION_ID],
    });
    const matched = new Map(waitMemos.rows.map((w) => [String(w.run_id), (JSON.parse(String(w.memo_json)) as { data: unknown }).data]));
    for (const run of runs.rows) {
      const key = (JSON.parse(String(run.event_json)) as { data: { key: string } }).data.key;
      expect(JSON.parse(String(run.output_json))).toEqual({ key, token: `token-${key}`, steps: STEPS });
      expect(matched.get(String(run.id))).toMatchObject({ id: `answer-${key}`, name: "crash/answer", data: { key } });
    }
    expect(answerFailures).toEqual([]);
    // Answers went out both before kills and after restarts.
    expect(answers.some((a) => a.generation < KILLS)).toBe(true);
    expect(answers.some((a) => a.generation > 0)).toBe(true);
    // Some kills hit runs parked in their wait (whose survival is checked above),
    // and sleeps fell due while no process ran (their runs completed all the same).
    expect(kills.some((k) => k.parkedWaits > 0)).toBe(true);
    expect(kills[SLEEP_KILL]?.sleepsDueWhileDown).toBeGreaterThan(0);
    // Nothing is left behind.
    expect(await count(client, "SELECT COUNT(*) AS n FROM engine_waits")).toBe(0);
    expect(await count(client, "SELECT COUNT(*) AS n FROM engine_queue WHERE run_id IS NOT NULL")).toBe(0);

    console.log(
      `[crash] ${JSON.stringify({
        seed,
        kills: kills.map(({ progress, parkedWaits, sleepsDueWhileDown }) => ({
          progress,
          parkedWaits,
          sleepsDueWhileDown,
        })),
        executions: executions.rows.length,
        reExecutions,
        answersBeforeLastKill: answers.filter((a) => a.generation < KILLS).length,
        answersAfterARestart: answers.filter((a) => a.generation > 0).length,
        durationMs: Date.now() - startedAt,
      })}`
    );
  }, 120_000);
});
