/** HTTP calls from the engine to an app's serve endpoint. */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { FunctionConfig, Json } from "./interfaces";
import { canonicalJson, signBody } from "./signing";

// Step calls are many small requests to one app: keep the connections open.
// (node:http with a keep-alive agent costs far less per call than fetch.)
const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 64 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }) };

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/** POSTs a body and reads the whole answer; rejects on network errors and after `timeoutMs`. */
function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; headers: Headers; text: string }> {
  const secure = url.protocol === "https:";
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: toHeaders(res.headers), text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (error: NodeJS.ErrnoException) => {
      // The app may close an idle kept-alive connection just as we reuse it;
      // nothing reached it, so sending again on a fresh one is safe.
      if (req.reusedSocket && error.code === "ECONNRESET") post(url, headers, body, timeoutMs).then(resolve, reject);
      else reject(error);
    });
    req.end(body);
  });
}

export interface CallRequest {
  url: string;
  functionId: string;
  stepId: string;
  /** The triggering event, as canonical JSON. */
  eventJson: string;
  /** Step id → canonical JSON of its memo. */
  steps: ReadonlyMap<string, string>;
  stack: string[];
  runId: string;
  attempt: number;
  maxAttempts: number;
  disableImmediateExecution: boolean;
  /**
   * The function's and the queue item's ids: with them the SDK may checkpoint
   * the steps it runs and carry on (see transitions/checkpoint-steps.ts).
   */
  checkpoint?: { functionId: string; queueItemId: number };
  signingKey?: string;
  timeoutMs: number;
}

export interface CallResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

function signedHeaders(body: string, signingKey: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signingKey) headers["x-inngest-signature"] = signBody(body, signingKey);
  return headers;
}

function parseBody(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/**
 * The request body in canonical JSON (sorted keys at every level), built from
 * parts already serialized that way: what the SDK re-serializes to check a
 * signature, without re-serializing the whole memo history on every call.
 */
export function callBody(req: CallRequest): string {
  const ctx = canonicalJson({
    run_id: req.runId,
    attempt: req.attempt,
    max_attempts: req.maxAttempts,
    disable_immediate_execution: req.disableImmediateExecution,
    ...(req.checkpoint ? { fn_id: req.checkpoint.functionId, qi_id: String(req.checkpoint.queueItemId) } : {}),
    use_api: false,
    stack: { stack: req.stack, current: req.stack.length },
  });
  const steps = [...req.steps.keys()]
    .sort()
    .map((id) => `${JSON.stringify(id)}:${req.steps.get(id)}`)
    .join(",");
  return `{"ctx":${ctx},"event":${req.eventJson},"events":[${req.eventJson}],"steps":{${steps}},"version":2}`;
}

export async function callFunction(req: CallRequest): Promise<CallResponse> {
  const url = new URL(req.url);
  url.searchParams.set("fnId", req.functionId);
  url.searchParams.set("stepId", req.stepId);
  const body = callBody(req);
  const res = await post(url, signedHeaders(body, req.signingKey), body, req.timeoutMs);
  return { status: res.status, headers: res.headers, body: parseBody(res.text) };
}

export interface SyncResult {
  appId: string;
  functions: FunctionConfig[];
}

/** In-band sync: the app answers the PUT with its function configs. */
export async function syncInBand(serveUrl: string, signingKey: string | undefined): Promise<SyncResult> {
  const url = new URL(serveUrl);
  const body = canonicalJson({ url: serveUrl });
  const res = await fetch(url, {
    method: "PUT",
    headers: { ...signedHeaders(body, signingKey), "x-inngest-sync-kind": "in_band" },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sync of ${serveUrl} failed with ${res.status}: ${text.slice(0, 500)}`);
  const parsed = parseBody(text) as { app_id?: string; functions?: FunctionConfig[] } | null;
  if (!parsed || !Array.isArray(parsed.functions)) {
    throw new Error(`sync of ${serveUrl} did not answer in band: ${text.slice(0, 500)}`);
  }
  return { appId: parsed.app_id ?? "", functions: parsed.functions };
}
