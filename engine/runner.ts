/**
 * The runner: claims due queue items and drives each through the durable
 * transitions. Polls the database and is also woken in-process whenever work
 * is enqueued. Concurrency limits are counted on executing calls only.
 */
import type { Client, Transaction } from "@libsql/client";
import { one, run as exec, withTransaction, writeOne } from "./db";
import { newId } from "./ids";
import {
  RUN_ROW_COLUMNS,
  type ConcurrencySlot,
  type Op,
  type QueueItem,
  type RegisteredFunction,
  type RunRow,
  type TransitionContext,
} from "./interfaces";
import { RunMemoCache } from "./run-memos";
import { callFunction, type CallResponse } from "./sdk-client";
import { applyCallResult, failRunAndNotify } from "./transitions/apply-call-result";
import { fireTimer } from "./transitions/fire-timer";
import { continueInPlace } from "./transitions/continue-in-place";
import { deleteItem, dueItems, nextDueAt, takeItem } from "./transitions/queue";
import { pruneExpired, pruneHistory } from "./transitions/prune-expired";
import { startRun } from "./transitions/start-run";

export interface RunnerOptions {
  client: Client;
  ctx: TransitionContext;
  signingKey?: string;
  checkpointing: boolean;
  pollIntervalMs: number;
  maxInFlight: number;
  callTimeoutMs: number;
  historyRetentionMs: number;
}

const DEFAULT_RETRIES = 3;
const PRUNE_INTERVAL_MS = 3_600_000;
const PRUNE_BATCH = 500;
const MAX_CONSECUTIVE_STEPS = 16;

/** The one step a call finished, when that is all its answer says (the usual sequential case). */
function singleFinishedStep(response: CallResponse): Op | undefined {
  if (response.status !== 206 || !Array.isArray(response.body) || response.body.length !== 1) return undefined;
  const op = response.body[0] as Op;
  return op.op === "StepRun" || op.op === "Step" ? op : undefined;
}

/** A checkpointing call ends its run with a `RunComplete` op instead of a 200. */
function completesRun(response: CallResponse): boolean {
  return response.status === 206 && Array.isArray(response.body) && response.body.some((op: Op) => op.op === "RunComplete");
}

export class Runner {
  private readonly workerId = newId();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly slotUse = new Map<string, number>();
  private readonly runCalls = new Map<string, { discovery: boolean; count: number }>();
  private readonly memos = new RunMemoCache();
  /** Other servers of an app, by the URL it registered with (see addEndpoint). */
  private readonly endpoints = new Map<string, string[]>();
  /** Calls in flight per endpoint URL. */
  private readonly callsAt = new Map<string, number>();
  /** Calls told to stop at a checkpoint because the runner is stopping (queue item ids). */
  private readonly halted = new Set<number>();
  /** Calls in flight that have stored steps through a checkpoint (queue item ids). */
  private readonly checkpointed = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  private running = false;
  private ticking = false;
  private again = false;

  constructor(private readonly opts: RunnerOptions) {}

  async start(): Promise<void> {
    if (this.running) return;
    // One engine owns the tables: anything locked now was in flight when a
    // previous process died, so it runs again (at-least-once).
    await withTransaction(this.opts.client, (tx) =>
      exec(tx, "UPDATE engine_queue SET locked_by = NULL WHERE locked_by IS NOT NULL")
    );
    this.running = true;
    await this.prune();
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_INTERVAL_MS);
    this.pruneTimer.unref();
    this.wake();
  }

  private async prune(): Promise<void> {
    try {
      await withTransaction(this.opts.client, (tx) => pruneExpired(tx));
      // History goes in batches, each its own short transaction.
      for (let round = 0; round < 100 && this.running; round++) {
        const deleted = await withTransaction(this.opts.client, (tx) =>
          pruneHistory(tx, this.opts.historyRetentionMs, PRUNE_BATCH)
        );
        if (deleted === 0) break;
      }
    } catch (err) {
      this.opts.ctx.logger.warn("pruning expired rows failed", { err: String(err) });
    }
  }

  /** Stops claiming work and waits for in-flight calls to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.inFlight.size > 0 || this.ticking) {
      await Promise.allSettled([...this.inFlight]);
      if (this.ticking) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  wake(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    void this.tick();
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    try {
      do {
        this.again = false;
        if (!this.running) break;
        await this.claimDue();
      } while (this.again && this.running);
    } catch (err) {
      this.opts.ctx.logger.error("runner tick failed", { err: String(err) });
    } finally {
      this.ticking = false;
      await this.scheduleNext().catch(() => undefined);
    }
  }

  private async scheduleNext(): Promise<void> {
    if (!this.running) return;
    // Timers fall due while calls are in flight too (a sleep, a wait's timeout,
    // a retry's backoff): always wake for the earliest due item.
    const next = await nextDueAt(this.opts.client);
    const now = Date.now();
    const delay =
      next !== undefined && next > now ? Math.min(this.opts.pollIntervalMs, next - now) : this.opts.pollIntervalMs;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), delay);
  }

  /**
   * A run's discovery call (no stepId) runs alone: two replays of the same run
   * at once could both execute the next step. Planned parallel calls may overlap.
   */
  private runExclusive(item: QueueItem): boolean {
    if (item.kind !== "call" || !item.run_id) return true;
    const busy = this.runCalls.get(item.run_id);
    if (!busy) return true;
    return item.step_id !== null && !busy.discovery;
  }

  private async claimDue(): Promise<void> {
    const { client } = this.opts;
    const pageSize = 200;
    // Items held back by concurrency limits stay due; page past them (bounded).
    for (let page = 0; page < 10; page++) {
      if (!this.running || this.inFlight.size >= this.opts.maxInFlight) return;
      const items = await dueItems(client, Date.now(), pageSize, page * pageSize);
      let claimedAny = false;
      for (const item of items) {
        if (!this.running || this.inFlight.size >= this.opts.maxInFlight) return;
        if (!this.runExclusive(item)) continue;
        const slots: ConcurrencySlot[] = item.concurrency_json ? (JSON.parse(item.concurrency_json) as ConcurrencySlot[]) : [];
        if (slots.some((s) => (this.slotUse.get(s.key) ?? 0) >= s.limit)) continue;
        const claimed = await writeOne(client, "UPDATE engine_queue SET locked_by = ? WHERE id = ? AND locked_by IS NULL", [
          this.workerId,
          item.id,
        ]);
        if (!claimed) continue;
        claimedAny = true;
        this.dispatch(item, slots);
      }
      if (items.length < pageSize || claimedAny) return;
    }
  }

  private dispatch(item: QueueItem, slots: ConcurrencySlot[]): void {
    for (const s of slots) this.slotUse.set(s.key, (this.slotUse.get(s.key) ?? 0) + 1);
    const runId = item.kind === "call" ? item.run_id : null;
    if (runId) {
      const busy = this.runCalls.get(runId) ?? { discovery: false, count: 0 };
      this.runCalls.set(runId, { discovery: busy.discovery || item.step_id === null, count: busy.count + 1 });
    }
    const work = this.process(item)
      .catch((err: unknown) => this.opts.ctx.logger.error("queue item failed", { kind: item.kind, err: String(err) }))
      .finally(() => {
        for (const s of slots) this.slotUse.set(s.key, (this.slotUse.get(s.key) ?? 1) - 1);
        if (runId) {
          const busy = this.runCalls.get(runId);
          if (busy && busy.count > 1) {
            // A discovery call runs alone, so the remaining calls are planned ones.
            this.runCalls.set(runId, { discovery: false, count: busy.count - 1 });
          } else this.runCalls.delete(runId);
        }
        this.inFlight.delete(work);
        this.wake();
      });
    this.inFlight.add(work);
  }

  private transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return withTransaction(this.opts.client, work).finally(() => this.wake());
  }

  private async process(item: QueueItem): Promise<void> {
    if (item.kind === "call") return this.executeCall(item);
    await this.transaction((tx) => fireTimer(tx, this.opts.ctx, item));
  }

  /**
   * Executes a call, and then the run's following steps on the same claimed
   * queue item while each call answers with exactly one finished step (the
   * common sequential case): the row is rescheduled in place in the same
   * transaction that memoizes the step, so no new row has to be found and
   * claimed. After MAX_CONSECUTIVE_STEPS the item goes back to the queue so
   * one long run cannot keep a worker from the others.
   */
  private async executeCall(first: QueueItem): Promise<void> {
    let item: QueueItem | undefined = first;
    for (let consecutive = 1; item; consecutive++) {
      item = await this.executeOneCall(item, consecutive < MAX_CONSECUTIVE_STEPS);
      if (item && !this.running) {
        // Stopping: the item stays due for whoever starts next.
        await writeOne(this.opts.client, "UPDATE engine_queue SET locked_by = NULL WHERE id = ?", [item.id]);
        return;
      }
    }
  }

  private async executeOneCall(item: QueueItem, mayContinue: boolean): Promise<QueueItem | undefined> {
    const { client, ctx } = this.opts;
    const runId = item.run_id ?? "";
    // Read every time, in the fast path too: a run cancelled, timed out or
    // failed meanwhile must not run another step.
    const runRow = await one<RunRow>(client, `SELECT ${RUN_ROW_COLUMNS} FROM engine_runs WHERE id = ?`, [runId]);
    if (!runRow || (runRow.status !== "queued" && runRow.status !== "running")) {
      await this.transaction((tx) => deleteItem(tx, item.id));
      return undefined;
    }
    const fn = ctx.functions.get(runRow.function_id);
    if (!fn) {
      await this.transaction(async (tx) => {
        await deleteItem(tx, item.id);
        await failRunAndNotify(tx, ctx, runId, {
          name: "Error",
          message: `Function "${runRow.function_id}" is not registered`,
        });
      });
      return undefined;
    }
    if (runRow.status === "queued") await this.transaction((tx) => startRun(tx, runId, fn.config));
    // Only memos newer than the cached ones are read (in the fast path, the one just written).
    const memos = await this.memos.load(client, runRow);
    const maxAttempts = this.maxAttempts(fn);
    const payload = JSON.parse(item.payload_json) as { planned?: boolean };
    let response: CallResponse;
    const startedAt = Date.now();
    const url = this.endpointFor(fn.appUrl);
    this.callsAt.set(url, (this.callsAt.get(url) ?? 0) + 1);
    try {
      response = await callFunction({
        url,
        functionId: fn.config.id,
        stepId: item.step_id ?? "step",
        eventJson: memos.eventJson,
        steps: memos.steps,
        stack: memos.stack,
        runId,
        attempt: item.attempt,
        maxAttempts,
        disableImmediateExecution: payload.planned === true,
        ...(this.opts.checkpointing ? { checkpoint: { functionId: fn.config.id, queueItemId: item.id } } : {}),
        ...(this.opts.signingKey ? { signingKey: this.opts.signingKey } : {}),
        timeoutMs: this.opts.callTimeoutMs,
      });
    } catch (err) {
      response = {
        status: 599,
        headers: new Headers(),
        body: { name: "Error", message: `call failed: ${String(err)}` },
      };
    } finally {
      this.callsAt.set(url, (this.callsAt.get(url) ?? 1) - 1);
    }
    // Steps this call saved itself: answering with one of them again is the
    // SDK falling back after its checkpoint's answer was lost, not a duplicate.
    const ownCheckpoint = this.checkpointed.delete(item.id);
    if (this.halted.delete(item.id)) {
      // Told to stop at a checkpoint: the answer is the SDK giving up, not a result. Its steps are saved.
      await writeOne(client, "UPDATE engine_queue SET locked_by = NULL WHERE id = ?", [item.id]);
      return undefined;
    }
    const finished = mayContinue && this.running && item.step_id === null ? singleFinishedStep(response) : undefined;
    let next: QueueItem | undefined;
    if (finished) {
      const now = Date.now();
      const name = finished.displayName ?? finished.name ?? null;
      const step = { runId, stepId: finished.id, op: finished.op, name, startedAt, countsAttempt: true, memo: { data: finished.data ?? null } };
      // Nothing new is queued on this path (the item stays claimed), so the runner need not be woken.
      const outcome = await continueInPlace(client, item, step, now, ownCheckpoint);
      if (outcome !== "continued") this.wake();
      if (outcome === "continued") next = { ...item, step_id: null, attempt: 0, run_at: now, payload_json: "{}" };
    } else {
      await this.transaction(async (tx) => {
        // A run that ended meanwhile (cancelled, timed out) took its queue items with it.
        if (!(await takeItem(tx, item.id))) return;
        await applyCallResult(tx, ctx, { item, run: runRow, fn, maxAttempts, result: { ...response, startedAt }, ownCheckpoint });
      });
    }
    if (response.status === 200 || completesRun(response)) this.memos.forget(runId);
    return next;
  }

  /** Another server of the app registered at `appUrl`, serving the same functions. */
  addEndpoint(appUrl: string, url: string): void {
    const others = this.endpoints.get(appUrl) ?? [];
    if (url !== appUrl && !others.includes(url)) this.endpoints.set(appUrl, [...others, url]);
  }

  /** The app's server with the fewest calls in flight; the registered one when that is a tie. */
  private endpointFor(appUrl: string): string {
    let best = appUrl;
    let fewest = this.callsAt.get(appUrl) ?? 0;
    for (const url of this.endpoints.get(appUrl) ?? []) {
      const calls = this.callsAt.get(url) ?? 0;
      if (calls < fewest) {
        best = url;
        fewest = calls;
      }
    }
    return best;
  }

  /**
   * Notes that a call stored steps through a checkpoint, and says whether it
   * may run on. Not once the runner is stopping: the call then ends with an
   * error that is not the run's (see executeOneCall), and its item is due
   * again for the next start.
   */
  checkpointStored(queueItemId: number): boolean {
    this.checkpointed.add(queueItemId);
    if (this.running) return true;
    this.halted.add(queueItemId);
    return false;
  }

  private maxAttempts(fn: RegisteredFunction): number {
    const attempts = fn.config.steps.step?.retries?.attempts;
    return (typeof attempts === "number" ? attempts : DEFAULT_RETRIES) + 1;
  }
}
