/**
 * Shared types of the engine: wire shapes spoken with the Inngest SDK and the
 * rows the durable transitions read and write.
 */
import type { Client, Transaction } from "@libsql/client";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An event as stored and as handed to functions. */
export interface EngineEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: Record<string, unknown>;
}

/** What a producer may send to `POST /e/:key` or `engine.send`. */
export interface IncomingEvent {
  name: string;
  data?: Record<string, unknown>;
  id?: string;
  ts?: number;
  user?: Record<string, unknown>;
}

export interface Trigger {
  event?: string;
  expression?: string;
  cron?: string;
}

export interface ConcurrencyOption {
  limit: number;
  key?: string;
  scope?: "fn" | "env" | "account";
}

export interface PeriodLimit {
  limit: number;
  period: string;
  key?: string;
  burst?: number;
}

export interface CancelOption {
  event: string;
  if?: string;
  timeout?: string;
}

/** A function config as the SDK reports it at sync time (the subset we use). */
export interface FunctionConfig {
  id: string;
  name?: string;
  triggers: Trigger[];
  steps: Record<
    string,
    { id: string; name?: string; runtime: { type: string; url: string }; retries?: { attempts?: number } }
  >;
  concurrency?: number | ConcurrencyOption | ConcurrencyOption[];
  throttle?: PeriodLimit;
  rateLimit?: PeriodLimit;
  debounce?: { period: string; key?: string; timeout?: string };
  idempotency?: string;
  cancel?: CancelOption[];
  timeouts?: { start?: string; finish?: string };
}

/** A registered function plus where to call it. */
export interface RegisteredFunction {
  config: FunctionConfig;
  appUrl: string;
}

/** One op of a 206 answer from the SDK. */
export interface Op {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown>;
  data?: unknown;
  error?: unknown;
}

/** A serialized error as the SDK sends and expects it. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  [key: string]: unknown;
}

export type RunStatus = "queued" | "running" | "completed" | "failed" | "cancelled";

export interface RunRow {
  id: string;
  function_id: string;
  status: RunStatus;
  event_json: string;
  output_json: string | null;
  error_json: string | null;
  parent_run_id: string | null;
  parent_step_id: string | null;
  concurrency_json: string;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

/** RunRow's columns by name, so a query's statement can be kept prepared (see libsql-statement-cache.ts). */
export const RUN_ROW_COLUMNS =
  "id, function_id, status, event_json, output_json, error_json, parent_run_id, parent_step_id, concurrency_json, created_at, started_at, ended_at";

export type QueueKind =
  | "call"
  | "sleep_wake"
  | "wait_timeout"
  | "invoke_timeout"
  | "timeout_start"
  | "timeout_finish"
  | "debounce"
  | "cron";

export interface QueueItem {
  id: number;
  kind: QueueKind;
  run_id: string | null;
  step_id: string | null;
  attempt: number;
  run_at: number;
  payload_json: string;
}

/** A concurrency slot a call must hold while it executes. */
export interface ConcurrencySlot {
  key: string;
  limit: number;
}

/** Anything a transition can run SQL on: the client or an open transaction. */
export type Executor = Pick<Client, "execute"> | Pick<Transaction, "execute">;

export interface Logger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export interface EngineOptions {
  /** A `@libsql/client` client; the engine's tables live next to the app's. */
  client: Client;
  /** When set, every call to the app is signed so the SDK can run in cloud mode. */
  signingKey?: string;
  /** When set, `POST /e/:key` rejects other keys. */
  eventKey?: string;
  /** Multiplies retry backoff delays (1 = Inngest's 15s, 30s, 1m ...). */
  retryBackoffScale?: number;
  /** How often queue workers poll the database when nothing woke them. */
  pollIntervalMs?: number;
  /** Maximum calls to apps in flight at once. */
  maxInFlight?: number;
  /** Per-call HTTP timeout. */
  callTimeoutMs?: number;
  /**
   * Lets the SDK run a step and carry on in the same call, posting the step's
   * result to `/v1/checkpoint/:runId/async` (the app's client must reach the
   * engine's HTTP surface, as it does to send events). Default true.
   */
  checkpointing?: boolean;
  /** Finished runs (with their steps) and events older than this are deleted, hourly. Default 7. */
  historyRetentionDays?: number;
  logger?: Logger;
}

/** Lookup of registered functions, kept in memory and backed by engine_functions. */
export interface FunctionLookup {
  get(id: string): RegisteredFunction | undefined;
  triggeredBy(eventName: string): RegisteredFunction[];
}

/** Which index keys parked waits use per event name (per shape, not per wait). */
export interface WaitKeyLookup {
  keysFor(db: Executor, eventName: string): Promise<Set<string>>;
  /** Whether rows for this event name may have expressions that could not be indexed. */
  hasUnindexed(db: Executor, eventName: string): Promise<boolean>;
  /** A row was added with this index key (null: not indexable). */
  add(eventName: string, key: string | null): void;
}

/** What every durable transition needs besides the transaction. */
export interface TransitionContext {
  functions: FunctionLookup;
  waitKeys: WaitKeyLookup;
  cancelKeys: WaitKeyLookup;
  backoffScale: number;
  logger: Logger;
}
