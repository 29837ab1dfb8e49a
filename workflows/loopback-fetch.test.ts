import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loopbackFetch } from "./loopback-fetch";

let server: Server;
let origin = "";
let connections = 0;
let last: { method?: string; url?: string; headers: IncomingMessage["headers"]; body: string } | null = null;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      last = { method: req.method, url: req.url, headers: req.headers, body };
      if (req.url === "/empty") return void res.writeHead(204).end();
      if (req.url === "/slow") return; // never answers
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      res.writeHead(201, "Made", { "content-type": "application/json", "x-seen": req.headers["x-key"] ?? "" });
      res.end(JSON.stringify({ ok: true, echo: body }));
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("loopbackFetch", () => {
  it("sends the method, headers and body, and answers like fetch", async () => {
    const response = await loopbackFetch(`${origin}/e/key`, {
      method: "POST",
      headers: new Headers({ "content-type": "application/json", "x-key": "k1" }),
      body: '[{"name":"a/b"}]',
    });
    expect(last).toMatchObject({ method: "POST", url: "/e/key", body: '[{"name":"a/b"}]' });
    expect(last?.headers).toMatchObject({ "content-type": "application/json", "x-key": "k1" });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe("Made");
    expect(response.ok).toBe(true);
    expect(response.headers.get("x-seen")).toBe("k1");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await response.json()).toEqual({ ok: true, echo: '[{"name":"a/b"}]' });
  });

  it("keeps the connection for the next request", async () => {
    await (await loopbackFetch(`${origin}/one`, { headers: { "x-key": "1" } })).text();
    const before = connections;
    for (let i = 0; i < 3; i++) await (await loopbackFetch(`${origin}/again`, { method: "POST", body: String(i) })).text();
    expect(connections).toBe(before);
  });

  it("gives an empty body for a 204", async () => {
    const response = await loopbackFetch(`${origin}/empty`, { method: "POST", body: "x" });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
  });

  it("fails like fetch when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", () => resolve()));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await loopbackFetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError & { cause: { code?: string } }).cause.code).toBe("ECONNREFUSED");
  });

  it("stops waiting when aborted", async () => {
    const controller = new AbortController();
    const pending = loopbackFetch(`${origin}/slow`, { signal: controller.signal });
    controller.abort(new Error("gave up"));
    await expect(pending).rejects.toThrow("gave up");
  });

  it("leaves other URLs to the global fetch", async () => {
    const response = await loopbackFetch("data:text/plain,hello");
    expect(await response.text()).toBe("hello");
  });
});
