import { CliError, EXIT, noSuchBook } from "./errors";

export interface StreamEvent {
  id: number;
  event: string;
  data: unknown;
}

export interface FollowOptions {
  signal: AbortSignal;
  /** Resume after this event id (the job's `lastEventId`). */
  after?: number;
  /** True once the caller has seen all it needs: a clean end of the stream then means done. */
  isDone?: () => boolean;
  /** Called before each reconnection attempt, with why the last connection ended. */
  onReconnect?: (info: { reason: string }) => void;
  /** Called when a connection is (re)established. */
  onConnect?: () => void;
  /** How long to keep trying an unreachable server before giving up. */
  giveUpAfterMs?: number;
  /** A connection that sends nothing (not even the server's heartbeat) for this long is presumed dead. */
  idleTimeoutMs?: number;
  /** The first reconnection delay; it doubles per failed attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** How long to keep reconnecting: `BOOKBUG_RECONNECT_SECONDS`, else a minute. */
function reconnectBudgetMs() {
  const raw = process.env.BOOKBUG_RECONNECT_SECONDS?.trim();
  // Set but empty is unset, not zero (which would give up at the first drop).
  const seconds = raw ? Number(raw) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 60_000;
}

class ConnectionLost extends Error {}

/**
 * Follows an SSE endpoint until `signal` aborts or, after a terminal event
 * (`isDone`), the server ends the stream. Dropped connections, server errors
 * and clean ends before that are resumed with `Last-Event-ID`, so no event
 * is missed or repeated, backing off while the server is away. An expired
 * login (401) or a missing book (404) stops with its exit code; a server
 * unreachable for `giveUpAfterMs` stops with EXIT.unreachable.
 */
export async function followStream(url: string, headers: Record<string, string>, onEvent: (event: StreamEvent) => void, options: FollowOptions) {
  const giveUpAfterMs = options.giveUpAfterMs ?? reconnectBudgetMs();
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  let lastId = options.after ?? 0;
  let serverRetryMs = baseDelayMs;
  let failures = 0;
  let troubleSince: number | null = null;

  while (!options.signal.aborted) {
    let reason: string;
    let cleanEnd = false;
    const connection = new AbortController();
    const signal = AbortSignal.any([options.signal, connection.signal]);
    let idle: NodeJS.Timeout | undefined;
    const stillAlive = () => {
      clearTimeout(idle);
      idle = setTimeout(() => connection.abort(), idleTimeoutMs);
    };
    try {
      stillAlive();
      let response: Response;
      try {
        response = await fetch(`${url}${lastId ? `?after=${lastId}` : ""}`, {
          headers: { ...headers, Accept: "text/event-stream", ...(lastId ? { "Last-Event-ID": String(lastId) } : {}) },
          signal,
        });
      } catch {
        throw new ConnectionLost("the server can't be reached");
      }
      if (response.status === 401) throw new CliError("Your login has expired. Run `bookbug login`.", EXIT.auth);
      if (response.status === 404) throw noSuchBook();
      if (!response.ok || !response.body) {
        // Gateways and restarts answer 5xx (or 429) for a while; anything else won't change by retrying.
        if (response.status >= 500 || response.status === 429) throw new ConnectionLost(`the server answered ${response.status}`);
        const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new CliError(payload?.error?.message ?? `The live stream answered ${response.status}.`, EXIT.failure);
      }
      // Anything else (a proxy's login page, say) would look like a stream that ends at once, forever.
      const type = response.headers.get("content-type") ?? "";
      if (!type.startsWith("text/event-stream")) {
        throw new CliError(`${new URL(url).origin} answered the live stream with ${type || "something"} instead of events. Is it a Bookbug server?`, EXIT.failure);
      }
      options.onConnect?.();
      let heard = false;
      let delivered = false;
      const frames = readFrames(response.body, () => {
        stillAlive();
        // The server is back (a heartbeat will do): a later drop gets the whole
        // budget again. `failures` waits for an event, so a server that keeps
        // dropping connections still gets more and more time between tries.
        troubleSince = null;
      });
      for (;;) {
        let next: IteratorResult<Frame>;
        try {
          // Raced with the abort: a body read doesn't always settle when its fetch is aborted.
          next = await untilAborted(frames.next(), signal);
        } catch {
          throw new ConnectionLost("the connection dropped");
        }
        if (next.done) break;
        heard = true;
        const frame = next.value;
        if (frame.retry !== undefined) serverRetryMs = frame.retry;
        if (frame.id !== undefined) lastId = frame.id;
        if (frame.data === undefined) continue;
        let data: unknown;
        try {
          data = JSON.parse(frame.data);
        } catch {
          continue;
        }
        if (!delivered) {
          delivered = true;
          failures = 0;
          troubleSince = null;
        }
        // The handler's own errors (a CliError, say) are the caller's, not the network's.
        onEvent({ id: frame.id ?? 0, event: frame.event ?? "message", data });
        // The handler may have seen all it needs.
        if (options.signal.aborted) return;
      }
      if (options.isDone?.()) return;
      // Not even the server's opening `retry:`: no sign the server is really there.
      if (!heard) throw new ConnectionLost("the server ended the stream without sending anything");
      cleanEnd = true;
      reason = "the server ended the stream";
      // Not a failure: the server restarts or rotates connections; come back when it asks.
      troubleSince = null;
    } catch (error) {
      if (!(error instanceof ConnectionLost)) throw error;
      if (options.signal.aborted) return;
      reason = error.message;
    } finally {
      clearTimeout(idle);
      connection.abort();
    }
    if (options.signal.aborted) return;

    const now = Date.now();
    if (!cleanEnd) {
      troubleSince ??= now;
      if (now - troubleSince >= giveUpAfterMs) {
        throw new CliError(
          `Lost touch with Bookbug at ${new URL(url).origin} (${reason}) and couldn't reconnect for ${Math.max(1, Math.round(giveUpAfterMs / 1000))} s.`,
          EXIT.unreachable,
        );
      }
    }
    const backoff = cleanEnd && failures === 0 ? serverRetryMs : Math.min(maxDelayMs, baseDelayMs * 2 ** failures);
    if (!cleanEnd) failures += 1;
    options.onReconnect?.({ reason });
    // Jitter spreads many clients reconnecting after the same restart.
    const delay = backoff * (0.8 + Math.random() * 0.4);
    const remaining = troubleSince === null ? delay : Math.max(0, Math.min(delay, troubleSince + giveUpAfterMs - now));
    await sleep(remaining, options.signal);
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

interface Frame {
  id?: number;
  event?: string;
  data?: string;
  retry?: number;
}

/** SSE framing (per the spec): fields until a blank line; comments (heartbeats) only keep the connection alive. */
async function* readFrames(body: ReadableStream<Uint8Array>, onBytes: () => void): AsyncGenerator<Frame> {
  const decoder = new TextDecoder();
  let buffer = "";
  let frame: Frame = {};
  let data: string[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    onBytes();
    buffer += decoder.decode(chunk, { stream: true });
    let match: RegExpExecArray | null;
    const newline = /\r\n|\r|\n/g;
    let start = 0;
    // A lone "\r" at the end may be the first half of "\r\n": wait for more.
    while ((match = newline.exec(buffer)) && !(match[0] === "\r" && match.index === buffer.length - 1)) {
      const line = buffer.slice(start, match.index);
      start = match.index + match[0].length;
      if (line === "") {
        if (data.length) frame.data = data.join("\n");
        if (frame.data !== undefined || frame.retry !== undefined || frame.id !== undefined) yield frame;
        frame = {};
        data = [];
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "data") data.push(value);
      else if (field === "event") frame.event = value;
      else if (field === "id" && /^\d+$/.test(value)) frame.id = Number(value);
      else if (field === "retry" && /^\d+$/.test(value)) frame.retry = Number(value);
    }
    buffer = buffer.slice(start);
  }
}
