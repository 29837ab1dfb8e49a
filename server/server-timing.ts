import type { RequestHandler } from "express";

/**
 * `Server-Timing: app;dur=<ms>` on every response: the time from the request
 * reaching Express to its headers being written. Browser dev tools and
 * `bench:chat` read it, which tells the server's share of a slow response
 * from the network's and the client's.
 */
export function serverTiming(): RequestHandler {
  return (_req, res, next) => {
    const start = performance.now();
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof res.writeHead>) {
      if (!this.headersSent) this.setHeader("Server-Timing", `app;dur=${(performance.now() - start).toFixed(1)}`);
      return writeHead.apply(this, args);
    } as typeof res.writeHead;
    next();
  };
}
