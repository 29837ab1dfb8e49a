import { createRequestHandler } from "@remix-run/express";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { securityHeaders } from "./security-headers";
import { serverTiming } from "./server-timing";

export interface AppOptions {
  mode: "production" | "development";
  logRequests: boolean;
  secureCookies: boolean;
  /** Proxy hops in front of us whose X-Forwarded-For we believe (0 = none). */
  trustProxy: number;
  /**
   * Settles once the workflows can run (the embedded engine has synced this
   * app's functions). Until then requests wait, except the engine's own calls
   * to /api/inngest: an event sent before the sync would start nothing.
   */
  ready?: Promise<void>;
}

/**
 * Pages, scripts and styles are gzipped. Server-Sent Events are not: they
 * must reach the browser as they are written. Nor is JSON: API answers are a
 * few hundred bytes, and Remix writes them as a stream without a length, so
 * the middleware cannot see they are small and would route each one through
 * zlib's thread pool, which measured as half of a message POST's time.
 */
function worthCompressing(req: express.Request, res: express.Response): boolean {
  const type = String(res.getHeader("Content-Type") ?? "");
  if (type.includes("text/event-stream") || type.includes("application/json")) return false;
  return compression.filter(req, res);
}

function isApiPath(path: string): boolean {
  return path.startsWith("/api/");
}

/** Builds the Express app that serves the Remix build (or Vite in development). */
export async function createExpressApp(options: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  // Rate limits key on the client IP. Behind a proxy it comes from
  // X-Forwarded-For, which a client can forge unless a proxy we trust set it.
  app.set("trust proxy", options.trustProxy > 0 ? options.trustProxy : false);
  app.use(serverTiming());
  app.use(securityHeaders({ hsts: options.secureCookies }));
  // API answers are JSON, event streams, PNGs and PDFs, none worth gzipping,
  // so they skip the middleware's per-response hooks altogether.
  const compress = compression({ filter: worthCompressing });
  app.use((req, res, next) => (isApiPath(req.path) ? next() : compress(req, res, next)));
  if (options.logRequests) {
    app.use(morgan(options.mode === "production" ? "short" : "dev", { skip: (req) => req.url === "/healthz" }));
  }
  let isReady = options.ready === undefined;
  void options.ready?.then(() => (isReady = true));
  app.get("/healthz", (_req, res) => {
    if (isReady) res.json({ ok: true });
    else res.status(503).json({ ok: false, starting: true });
  });
  app.use((req, _res, next) => {
    if (isReady || req.path.startsWith("/api/inngest")) return next();
    options.ready!.then(() => next(), next);
  });

  let build: ServerBuild | (() => Promise<ServerBuild>);
  let closeVite: (() => Promise<void>) | undefined;
  if (options.mode === "development") {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    closeVite = () => viteServer.close();
  } else {
    const buildPath = new URL("../build/server/index.js", import.meta.url).href;
    build = (await import(buildPath)) as ServerBuild;
    // Fingerprinted assets can be cached forever; everything else briefly.
    const clientDir = fileURLToPath(new URL("../build/client", import.meta.url));
    app.use("/assets", express.static(`${clientDir}/assets`, { immutable: true, maxAge: "1y" }));
    // No file in the client build sits under /api: skip the disk lookup there.
    const files = express.static(clientDir, { maxAge: "1h" });
    app.use((req, res, next) => (isApiPath(req.path) ? next() : files(req, res, next)));
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: options.mode,
      getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );
  return { app, closeVite };
}
