import { serve } from "inngest/remix";
import { apiError } from "../utils/api.server";
import { getEnv, workflowMode } from "../utils/env.server";
import { inngest } from "../../workflows/client";
import { functions } from "../../workflows/functions";

// The Inngest serve endpoint for Inngest Cloud or an `inngest dev` server;
// the SDK rejects unsigned calls in cloud mode. The URL it registers is fixed
// by configuration: taken from the Host header, a forged request could point
// the workflow server at someone else's machine.
const env = getEnv();
const appUrl = new URL(env.APP_URL ?? `http://127.0.0.1:${env.PORT}/api/inngest`);
const handler = serve({ client: inngest, functions, serveOrigin: appUrl.origin, servePath: appUrl.pathname });

// The embedded engine calls the workflows on its own thread
// (server/workflow-functions-server.ts); a sync sent here would only move
// that work onto the web server's thread, so nothing is served here.
const notServedHere = async () => apiError(404, "not_found", "Workflows are served to the embedded engine directly, not here.");
const endpoint = workflowMode(env) === "embedded" ? notServedHere : handler;

export { endpoint as action, endpoint as loader };
