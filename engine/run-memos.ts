/**
 * The memoized steps of recently executed runs, kept in memory between calls.
 * Every call sends a run's whole memo history; reading and parsing all of it
 * from the database each time makes a long run cost O(steps²). Memos are
 * append-only per run (each gets the next `memo_seq`), so the cache asks the
 * database only for rows newer than the last one it holds: the database stays
 * the source of truth, and a restart simply starts with an empty cache.
 */
import type { Client } from "@libsql/client";
import { all } from "./db";
import type { RunRow } from "./interfaces";
import { canonicalJson } from "./signing";

/**
 * A run's call payload parts, already in the canonical JSON the request body
 * (and its signature) is made of, so each memo is serialized once, not once
 * per later call.
 */
interface RunMemos {
  eventJson: string;
  /** Step id → canonical JSON of its memo. */
  steps: Map<string, string>;
  stack: string[];
  lastSeq: number;
}

export class RunMemoCache {
  private readonly runs = new Map<string, RunMemos>();

  constructor(private readonly maxRuns = 1_000) {}

  /** The run's event and every memo so far, in memoization order. */
  async load(client: Client, run: RunRow): Promise<Readonly<RunMemos>> {
    const runId = run.id;
    let cached = this.runs.get(runId);
    if (cached) this.runs.delete(runId); // re-inserted below: most recently used last
    cached ??= { eventJson: canonicalJson(JSON.parse(run.event_json)), steps: new Map(), stack: [], lastSeq: 0 };
    const fresh = await all<{ step_id: string; memo_json: string; memo_seq: number }>(
      client,
      `SELECT step_id, memo_json, memo_seq FROM engine_steps
       WHERE run_id = ? AND status IN ('completed', 'failed') AND memo_seq > ? ORDER BY memo_seq`,
      [runId, cached.lastSeq]
    );
    for (const memo of fresh) {
      if (!cached.steps.has(memo.step_id)) cached.stack.push(memo.step_id);
      cached.steps.set(memo.step_id, canonicalJson(JSON.parse(memo.memo_json)));
      cached.lastSeq = Number(memo.memo_seq);
    }
    this.runs.set(runId, cached);
    if (this.runs.size > this.maxRuns) {
      const oldest = this.runs.keys().next().value;
      if (oldest !== undefined) this.runs.delete(oldest);
    }
    return cached;
  }

  forget(runId: string): void {
    this.runs.delete(runId);
  }
}
