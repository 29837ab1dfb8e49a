import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { until } from "./test-support/harness";

const dir = mkdtempSync(join(tmpdir(), "engine-crash-"));
const dbUrl = `file:${join(dir, "crash.db")}`;
const countFile = join(dir, "executions.log");
const childScript = fileURLToPath(new URL("./test-support/crash-child.ts", import.meta.url));
const children: ChildProcess[] = [];
let db: Client | undefined;

async function startChild(
  generation: number,
  hangInStep = false
): Promise<{ child: ChildProcess; enginePort: number }> {
  const readyFile = join(dir, `ready-${generation}.json`);
  const child = spawn(process.execPath, ["--import", "tsx", childScript], {
    env: {
      ...process.env,
      CRASH_DB_URL: dbUrl,
      CRASH_COUNT_FILE: countFile,
      CRASH_READY_FILE: readyFile,
      CRASH_HANG_IN_STEP: hangInStep ? "1" : "0",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  children.push(child);
  const ready = await until(
    () => (existsSync(readyFile) ? (JSON.parse(readFileSync(readyFile, "utf8")) as { enginePort: number }) : undefined),
    20_000,
    `child ${generation} ready (${stderr})`
  );
  return { child, enginePort: ready.enginePort };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

function executions(): string[] {
  return existsSync(countFile) ? readFileSync(countFile, "utf8").trim().split("\n").filter(Boolean) : [];
}

async function stepStatus(client: Client, name: string): Promise<string | undefined> {
  const rs = await client.execute({ sql: "SELECT status FROM engine_steps WHERE name = ?", args: [name] });
  return rs.rows[0] ? String(rs.rows[0].status) : undefined;
}

async function post(port: number, body: unknown): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/e/key`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) await killHard(child);
  db?.close();
});

describe("durability across kill -9", () => {
  it("continues a run from its last memoized step after two hard kills", async () => {
    writeFileSync(countFile, "");
    const first = await startChild(1);
    db = createClient({ url: dbUrl, timeout: 5000 });
    const client = db;
    await post(first.enginePort, { name: "crash/start", data: { id: "r1" } });

    // Kill while parked in the sleep, after step "a" was memoized.
    await until(async () => (await stepStatus(client, "nap")) === "sleeping", 20_000, "run parked in sleep");
    const sleepRow = await client.execute("SELECT detail_json FROM engine_steps WHERE name = 'nap'");
    const wakeAt = (JSON.parse(String(sleepRow.rows[0]?.detail_json)) as { wakeAt: number }).wakeAt;
    await killHard(first.child);
    expect(executions()).toEqual(["a"]);

    // Restart only once the timer is due, so it must fire from the database.
    await until(() => Date.now() > wakeAt, 10_000, "sleep deadline passed");
    const second = await startChild(2);
    await until(async () => (await stepStatus(client, "answer")) === "waiting", 20_000, "run parked in wait");
    const waitBefore = await client.execute("SELECT expires_at, index_key, index_value FROM engine_waits");
    expect(waitBefore.rows).toHaveLength(1);
    expect(waitBefore.rows[0]?.index_key).toBe("data.id");
    expect(waitBefore.rows[0]?.index_value).toBe('"r1"');
    await killHard(second.child);
    expect(executions()).toEqual(["a", "b"]);

    const third = await startChild(3);
    const waitAfter = await client.execute("SELECT expires_at FROM engine_waits");
    expect(waitAfter.rows[0]?.expires_at).toBe(waitBefore.rows[0]?.expires_at);
    await post(third.enginePort, { name: "crash/answer", data: { id: "other", text: "not mine" } });
    await post(third.enginePort, { name: "crash/answer", data: { id: "r1", text: "hello" } });
    const run = await until(
      async () => {
        const rs = await client.execute(
          "SELECT status, output_json FROM engine_runs WHERE function_id = 'crash-durable'"
        );
        return rs.rows[0]?.status === "completed" ? rs.rows[0] : undefined;
      },
      20_000,
      "run completed"
    );
    expect(JSON.parse(String(run.output_json))).toEqual({ a: "a-r1", b: "b", c: "c", answer: "hello" });
    // No memoized step ran again.
    expect(executions()).toEqual(["a", "b", "c"]);
    await killHard(third.child);
  }, 90_000);

  it("re-runs only the step that was executing when the process died (at-least-once)", async () => {
    writeFileSync(countFile, "");
    const client = db ?? createClient({ url: dbUrl, timeout: 5000 });
    const first = await startChild(4, true);
    await post(first.enginePort, { name: "crash/in-flight", data: {} });
    await until(() => executions().includes("interrupted"), 20_000, "step in flight");
    await killHard(first.child);
    // The call was claimed when the process died; the restart must release it.
    const locked = await client.execute("SELECT COUNT(*) AS n FROM engine_queue WHERE locked_by IS NOT NULL");
    expect(Number(locked.rows[0]?.n)).toBe(1);
    const second = await startChild(5);
    const run = await until(
      async () => {
        const rs = await client.execute(
          "SELECT status, output_json FROM engine_runs WHERE function_id = 'crash-in-flight'"
        );
        return rs.rows[0]?.status === "completed" ? rs.rows[0] : undefined;
      },
      20_000,
      "in-flight run completed"
    );
    expect(JSON.parse(String(run.output_json))).toBe("recovered");
    expect(executions()).toEqual(["before", "interrupted", "interrupted"]);
    await killHard(second.child);
  }, 60_000);
});
