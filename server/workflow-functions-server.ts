import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "inngest/node";
import { inngest } from "../workflows/client";
import { functions } from "../workflows/functions";

export interface FunctionsServer {
  /** Where the engine calls the workflows: http://127.0.0.1:<port>/api/inngest */
  url: string;
  close(): Promise<void>;
}

const SERVE_PATH = "/api/inngest";

/**
 * The app's workflows served on a loopback port for the embedded engine, in
 * the engine's thread: steps (the storyteller, the illustrator, their
 * database writes) then run beside the engine instead of between the web
 * server's requests. Signed calls only, as at the app's own /api/inngest.
 */
export async function startFunctionsServer(): Promise<FunctionsServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const handler = serve({ client: inngest, functions, serveOrigin: origin, servePath: SERVE_PATH });
  server.on("request", (req, res) => {
    if (new URL(req.url ?? "/", origin).pathname === SERVE_PATH) return void handler(req, res);
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
  });
  return {
    url: `${origin}${SERVE_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
