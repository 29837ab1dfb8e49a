import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { securityHeaders } from "./security-headers";

export interface AppOptions {
  mode: "production" | "development";
  logRequests: boolean;
  secureCookies: boolean;
}

/** Builds the Express app that serves the Remix build (or Vite in development). */
export async function createExpressApp(options: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  // Behind a proxy the client IP comes from X-Forwarded-For; only trust it
  // when cookies are marked Secure, i.e. a TLS proxy is in front of us.
  app.set("trust proxy", options.secureCookies ? 1 : false);
  app.use(securityHeaders({ hsts: options.secureCookies }));
  app.use(
    compression({
      // Server-Sent Events must reach the browser as they are written.
      filter: (req, res) =>
        !String(res.getHeader("Content-Type") ?? "").includes("text/event-stream") && compression.filter(req, res),
    }),
  );
  if (options.logRequests) {
    app.use(morgan(options.mode === "production" ? "short" : "dev", { skip: (req) => req.url === "/healthz" }));
  }
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
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
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h" }));
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
