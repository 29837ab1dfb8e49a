/** HTTP calls from the engine to an app's serve endpoint. */
import type { EngineEvent, FunctionConfig, Json } from "./interfaces";
import { canonicalJson, signBody } from "./signing";

export interface CallRequest {
  url: string;
  functionId: string;
  stepId: string;
  event: EngineEvent;
  steps: Record<string, unknown>;
  stack: string[];
  runId: string;
  attempt: number;
  maxAttempts: number;
  disableImmediateExecution: boolean;
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

export async function callFunction(req: CallRequest): Promise<CallResponse> {
  const url = new URL(req.url);
  url.searchParams.set("fnId", req.functionId);
  url.searchParams.set("stepId", req.stepId);
  const body = canonicalJson({
    event: req.event,
    events: [req.event],
    steps: req.steps,
    ctx: {
      run_id: req.runId,
      attempt: req.attempt,
      max_attempts: req.maxAttempts,
      disable_immediate_execution: req.disableImmediateExecution,
      use_api: false,
      stack: { stack: req.stack, current: req.stack.length },
    },
    version: 2,
  });
  const res = await fetch(url, {
    method: "POST",
    headers: signedHeaders(body, req.signingKey),
    body,
    signal: AbortSignal.timeout(req.timeoutMs),
  });
  return { status: res.status, headers: res.headers, body: parseBody(await res.text()) };
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
