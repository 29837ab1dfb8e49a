import { serve } from "inngest/remix";
import { getEnv } from "../utils/env.server";
import { inngest } from "../../workflows/client";
import { functions } from "../../workflows/functions";

// The Inngest serve endpoint: the embedded engine (or Inngest Cloud) calls
// the workflows here, and the SDK rejects unsigned calls (see
// server/workflow-engine.ts). The URL it registers is fixed by configuration:
// taken from the Host header, a forged request could point the workflow
// server at someone else's machine.
const env = getEnv();
const appUrl = new URL(env.APP_URL ?? `http://127.0.0.1:${env.PORT}/api/inngest`);
const handler = serve({ client: inngest, functions, serveOrigin: appUrl.origin, servePath: appUrl.pathname });

export { handler as action, handler as loader };
