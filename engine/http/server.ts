/**
 * The dev-server HTTP surface: event ingest, out-of-band sync, the `/v0/` API
 * and the runs page. Plain node `http`, no framework.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Client } from "@libsql/client";
import type { FunctionConfig, IncomingEvent, Logger } from "../interfaces";
import type { CheckpointInput, CheckpointedStep } from "../transitions/checkpoint-steps";
import { hashSigningKey, safeEqual } from "../signing";
import { getRun, listEvents, listRuns } from "./api";
import { RUNS_PAGE } from "./ui";

export interface HttpDeps {
  client: Client;
  eventKey?: string;
  /** When set, out-of-band sync must carry the SDK's bearer token derived from it. */
  signingKey?: string;
  logger: Logger;
  send(events: IncomingEvent[]): Promise<{ ids: string[] }>;
  registerFunctions(app: { url: string; appId: string; functions: FunctionConfig[] }): Promise<{ modified: boolean }>;
  replayRun(runId: string): Promise<{ eventId: string } | undefined>;
  /** "stop" when the call should end now: its run ended, or the engine is stopping. */
  checkpoint(input: CheckpointInput): Promise<"carry-on" | "stop">;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "body too large");
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "invalid JSON body");
  }
}

/**
 * The body of the SDK's `POST /v1/checkpoint/:runId/async`: the steps it ran
 * in a call, for the queue item (`qi_id`) that call belongs to. Only finished
 * `step.run`s come this way; anything else is refused, and the SDK then falls
 * back to answering the call with its steps.
 */
function checkpointInput(runId: string, body: unknown): CheckpointInput {
  const { qi_id: queueItemId, run_id: bodyRunId, steps } = (body ?? {}) as { qi_id?: unknown; run_id?: unknown; steps?: unknown };
  if (bodyRunId !== undefined && bodyRunId !== runId) throw new HttpError(400, "run_id does not match the URL");
  if (typeof queueItemId !== "string" || !/^\d+$/.test(queueItemId)) throw new HttpError(400, "qi_id must be the call's queue item id");
  if (!Array.isArray(steps) || steps.length === 0) throw new HttpError(400, "steps must be a non-empty array");
  return {
    runId,
    queueItemId: Number(queueItemId),
    steps: steps.map((raw: unknown): CheckpointedStep => {
      // timing is a Go interval: a = start, b = duration, in nanoseconds.
      const step = (raw ?? {}) as { id?: unknown; op?: unknown; name?: unknown; displayName?: unknown; data?: unknown; timing?: { a?: unknown } };
      if (typeof step.id !== "string" || step.id === "") throw new HttpError(400, "every step needs an id");
      if (step.op !== "StepRun" && step.op !== "Step") throw new HttpError(400, `cannot checkpoint a ${String(step.op)} op`);
      const name = typeof step.displayName === "string" ? step.displayName : typeof step.name === "string" ? step.name : null;
      const startedAt = typeof step.timing?.a === "number" && Number.isFinite(step.timing.a) ? Math.round(step.timing.a / 1e6) : undefined;
      return { id: step.id, op: step.op, name, data: step.data, ...(startedAt === undefined ? {} : { startedAt }) };
    }),
  };
}

/** A malformed escape in the path is the client's mistake (400), not a server error. */
function decodeSegment(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? "");
  } catch {
    throw new HttpError(400, "malformed URL");
  }
}

function send(res: ServerResponse, status: number, body: unknown, type = "application/json"): void {
  const text = type === "application/json" ? JSON.stringify(body) : String(body);
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function limitParam(url: URL, fallback: number): number {
  const value = Number(url.searchParams.get("limit"));
  return Number.isInteger(value) && value > 0 ? Math.min(value, 1000) : fallback;
}

/** The SDK sends `Authorization: Bearer <hashed signing key>` to the API (registering, checkpointing). */
function sdkAuthorized(req: IncomingMessage, expectedToken: string): boolean {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] !== undefined && safeEqual(match[1], expectedToken);
}

export function createRequestHandler(deps: HttpDeps) {
  const sdkToken = deps.signingKey ? hashSigningKey(deps.signingKey) : undefined;
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://engine.local");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const method = req.method ?? "GET";

    const ingest = /^\/e\/([^/]+)$/.exec(path);
    if (ingest && method === "POST") {
      const key = decodeSegment(ingest[1]);
      if (deps.eventKey && !safeEqual(key, deps.eventKey)) throw new HttpError(401, "event key not found");
      const body = await readJson(req);
      const events = (Array.isArray(body) ? body : [body]) as IncomingEvent[];
      if (events.some((e) => !e || typeof e !== "object" || typeof e.name !== "string" || e.name === "")) {
        throw new HttpError(400, "every event needs a name");
      }
      const { ids } = await deps.send(events);
      return send(res, 200, { ids, status: 200 });
    }

    if (path === "/fn/register" && method === "POST") {
      // Anyone who can reach the port could otherwise point function calls at their own URL.
      if (sdkToken && !sdkAuthorized(req, sdkToken)) {
        throw new HttpError(401, "missing or invalid signing key in Authorization header");
      }
      const body = (await readJson(req)) as { url?: string; appName?: string; functions?: FunctionConfig[] } | null;
      if (!body?.url || !Array.isArray(body.functions)) throw new HttpError(400, "url and functions are required");
      const { modified } = await deps.registerFunctions({
        url: body.url,
        appId: body.appName ?? "",
        functions: body.functions,
      });
      return send(res, 200, { ok: true, modified });
    }

    const checkpoint = /^\/v1\/checkpoint\/([^/]+)\/async$/.exec(path);
    if (checkpoint && method === "POST") {
      // Only the app may record step results; the same token as for registering.
      if (sdkToken && !sdkAuthorized(req, sdkToken)) throw new HttpError(401, "missing or invalid signing key in Authorization header");
      const input = checkpointInput(decodeSegment(checkpoint[1]), await readJson(req));
      // 409 makes the SDK end the call instead of running more steps.
      if ((await deps.checkpoint(input)) === "stop") throw new HttpError(409, "this call is to stop: its run has ended or the engine is stopping");
      return send(res, 200, { ok: true });
    }

    if (path === "/dev" && method === "GET") return send(res, 200, { version: "embedded", functions: [] });

    if (path === "/v0/events" && method === "GET") {
      return send(res, 200, { data: await listEvents(deps.client, limitParam(url, 50)) });
    }
    if (path === "/v0/runs" && method === "GET") {
      const status = url.searchParams.get("status") ?? undefined;
      const functionId = url.searchParams.get("function_id") ?? undefined;
      return send(res, 200, {
        data: await listRuns(deps.client, {
          limit: limitParam(url, 100),
          ...(status ? { status } : {}),
          ...(functionId ? { functionId } : {}),
        }),
      });
    }
    const runMatch = /^\/v0\/runs\/([^/]+)(\/replay)?$/.exec(path);
    if (runMatch) {
      const runId = decodeSegment(runMatch[1]);
      if (runMatch[2] && method === "POST") {
        const replayed = await deps.replayRun(runId);
        if (!replayed) throw new HttpError(404, "run not found");
        return send(res, 200, { data: replayed });
      }
      if (!runMatch[2] && method === "GET") {
        const run = await getRun(deps.client, runId);
        if (!run) throw new HttpError(404, "run not found");
        return send(res, 200, { data: run });
      }
    }
    if (path === "/" && method === "GET") return send(res, 200, RUNS_PAGE, "text/html; charset=utf-8");
    throw new HttpError(404, "not found");
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) deps.logger.error("engine http error", { err: String(err) });
      if (!res.headersSent) send(res, status, { error: err instanceof Error ? err.message : String(err), status });
      else res.end();
    });
  };
}
