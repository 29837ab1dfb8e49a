import { Inngest } from "inngest";
import { getEnv, workflowMode } from "../app/utils/env.server";
import { loopbackFetch } from "./loopback-fetch";

function createClient() {
  const env = getEnv();
  const mode = workflowMode(env);
  return new Inngest({
    id: "bookbug",
    // The embedded engine signs its calls like Inngest Cloud does, so the SDK
    // runs in cloud mode against it and rejects unsigned calls; only a real
    // `inngest dev` server (which does not sign) gets dev mode.
    isDev: mode === "dev-server",
    baseUrl: mode === "embedded" ? `http://127.0.0.1:${env.ENGINE_PORT}` : env.INNGEST_BASE_URL,
    signingKey: env.INNGEST_SIGNING_KEY,
    eventKey: env.INNGEST_EVENT_KEY,
    // Events to the embedded engine never leave this machine.
    ...(mode === "embedded" ? { fetch: loopbackFetch } : {}),
  });
}

const globalForInngest = globalThis as unknown as { __bookbugInngest?: ReturnType<typeof createClient> };

/** One client per process (Vite reloads modules in development). */
export const inngest = (globalForInngest.__bookbugInngest ??= createClient());
