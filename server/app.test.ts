import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExpressApp, type AppOptions } from "./app";

/** The app on a free loopback port. */
async function listen(options: Partial<AppOptions> = {}) {
  const { app } = await createExpressApp({ mode: "production", logRequests: false, secureCookies: false, trustProxy: 0, ...options });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

// The production build, as `npm test` builds it before the unit tests.
describe("before the workflows are ready", () => {
  let url = "";
  let close = () => {};
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const received: string[] = [];

  beforeAll(async () => {
    const app = await listen({ ready });
    app.server.on("request", (req: { url?: string }) => received.push(req.url ?? ""));
    ({ url, close } = app);
  });
  afterAll(() => close());

  it("holds page requests until then, says so on /healthz, and lets the engine's calls through", async () => {
    let landed = false;
    const landing = fetch(`${url}/`).then((response) => {
      landed = true;
      return response;
    });
    // The page request has reached the server and is held at the gate.
    while (!received.includes("/")) await new Promise((resolve) => setImmediate(resolve));
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ ok: false, starting: true });
    // A call to the workflow endpoint goes through Remix meanwhile.
    const workflowCall = await fetch(`${url}/api/inngest`, { method: "POST", body: "{}" });
    expect(workflowCall.status).toBe(404);
    expect(landed).toBe(false);

    markReady();
    const page = await landing;
    expect(page.status).toBe(200);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});

describe("response headers", () => {
  let url = "";
  let close = () => {};

  beforeAll(async () => {
    ({ url, close } = await listen());
  });
  afterAll(() => close());

  it("gzips pages but sends JSON answers as they are", async () => {
    const headers = { "Accept-Encoding": "gzip" };
    const page = await fetch(`${url}/`, { headers });
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-encoding")).toBe("gzip");
    const api = await fetch(`${url}/api/me`, { headers });
    expect(api.status).toBe(401);
    expect(api.headers.get("content-type")).toContain("application/json");
    expect(api.headers.get("content-encoding")).toBeNull();
    expect(await api.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("serves the client build's files from disk", async () => {
    const icon = await fetch(`${url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(await icon.text()).toContain("<svg");
  });

  it("says how long the server took, in Server-Timing", async () => {
    const response = await fetch(`${url}/api/me`);
    const timing = response.headers.get("server-timing") ?? "";
    expect(timing).toMatch(/^app;dur=\d+(\.\d)?$/);
    const duration = Number(timing.split("dur=")[1]);
    expect(duration).toBeGreaterThan(0);
  });
});
