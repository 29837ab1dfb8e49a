/** Shared by the benchmark scripts: the real server, and percentiles. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { startAppServer } from "../tests/e2e/app-server";

/** The event key benchmarks give the server, so they can send events to its engine. */
export const BENCH_EVENT_KEY = "bench-event-key";

/** The production build (built if missing) served on free ports with a throwaway database. */
export async function startBenchServer(env: Record<string, string> = {}) {
  if (!existsSync("build/server/index.js")) {
    const built = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit" });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  return startAppServer({ INNGEST_EVENT_KEY: BENCH_EVENT_KEY, ...env });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export function summarise(samples: number[], digits = 1) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Number(n.toFixed(digits));
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
    samples: sorted.length,
  };
}

/** Peak resident memory of a process, in MB (Linux VmHWM). */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/**
 * CPU time a process has used so far, in ms: all its threads, and its main
 * (web) thread alone. Linux /proc, which counts in ticks of 10 ms.
 */
export function cpuTimeMs(pid: number): { process: number; mainThread: number } {
  const ticks = (stat: string) => {
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime
  };
  return {
    process: ticks(readFileSync(`/proc/${pid}/stat`, "utf8")),
    mainThread: ticks(readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8")),
  };
}

export const coreCount = () => cpus().length;

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Follows a book's SSE stream and hands each complete event to `onEvent`
 * with the moment its bytes arrived. Resolves once the stream is open.
 */
export async function followStream(
  url: string,
  token: string,
  onEvent: (event: { type: string; data: unknown; at: number }) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal });
  if (!response.ok || !response.body) throw new Error(`stream refused: ${response.status}`);
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
          const type = /^event: (.+)$/m.exec(frame)?.[1];
          const data = /^data: (.+)$/m.exec(frame)?.[1];
          if (type && data) onEvent({ type, data: JSON.parse(data) as unknown, at });
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
}
