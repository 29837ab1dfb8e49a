import { Inngest } from "inngest";
import { getEnv } from "../app/utils/env.server";

function createClient() {
  const env = getEnv();
  const port = env.ENGINE_PORT;
  return new Inngest({
    id: "bookbug",
    // Dev mode talks to the embedded engine (or `inngest dev`); cloud mode
    // requires signed requests and an event key.
    isDev: env.INNGEST_DEV,
    baseUrl: env.INNGEST_BASE_URL ?? (env.INNGEST_DEV ? `http://127.0.0.1:${port}` : undefined),
    signingKey: env.INNGEST_SIGNING_KEY,
    eventKey: env.INNGEST_EVENT_KEY,
  });
}

const globalForInngest = globalThis as unknown as { __bookbugInngest?: ReturnType<typeof createClient> };

/** One client per process (Vite reloads modules in development). */
export const inngest = (globalForInngest.__bookbugInngest ??= createClient());
