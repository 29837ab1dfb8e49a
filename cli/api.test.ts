import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../tests/e2e/app-server";
import { BookbugApi } from "./api";

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/**
 * A server that drops the first `drops` connections, then answers: before
 * answering at all, or (`afterHeaders`) part-way through the body.
 */
async function dropping(drops: number, { afterHeaders = false } = {}) {
  let seen = 0;
  server = createServer((req, res) => {
    seen += 1;
    if (seen <= drops) {
      if (afterHeaders) {
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "12" });
        res.write('{"boo', () => req.socket.destroy());
      } else req.socket.destroy();
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json" }).end('{"books":[]}');
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen: () => seen };
}

describe("BookbugApi", () => {
  it("tries a read again when the connection drops in passing", async () => {
    const { url, seen } = await dropping(1);
    await expect(new BookbugApi(url, "bb_x").request("GET", "/api/books")).resolves.toEqual({ books: [] });
    expect(seen()).toBe(2);
  });

  it("doesn't repeat a write, and says the server is unreachable (exit 6)", async () => {
    const { url, seen } = await dropping(1);
    await expect(new BookbugApi(url, "bb_x").request("POST", "/api/books")).rejects.toMatchObject({ exitCode: 6 });
    expect(seen()).toBe(1);
  });

  it("gives up on reads after three dropped connections", async () => {
    const { url, seen } = await dropping(5);
    await expect(new BookbugApi(url, "bb_x").request("GET", "/api/books")).rejects.toMatchObject({ exitCode: 6 });
    expect(seen()).toBe(3);
  });

  it("tries a read again when the connection drops after the headers", async () => {
    const { url, seen } = await dropping(1, { afterHeaders: true });
    await expect(new BookbugApi(url, "bb_x").request("GET", "/api/books")).resolves.toEqual({ books: [] });
    expect(seen()).toBe(2);
  });

  it("says the server is unreachable (exit 6) when a write's answer is cut off, without repeating it", async () => {
    const { url, seen } = await dropping(1, { afterHeaders: true });
    await expect(new BookbugApi(url, "bb_x").request("POST", "/api/books")).rejects.toMatchObject({ exitCode: 6 });
    expect(seen()).toBe(1);
  });

  it("gives up on a download cut off three times with exit 6", async () => {
    const { url, seen } = await dropping(5, { afterHeaders: true });
    await expect(new BookbugApi(url, "bb_x").download("/api/books/b1/pdf")).rejects.toMatchObject({ exitCode: 6 });
    expect(seen()).toBe(3);
  });

  it("says plainly when nothing is listening", async () => {
    const port = await freePort();
    await expect(new BookbugApi(`http://127.0.0.1:${port}`).request("GET", "/api/me")).rejects.toMatchObject({
      exitCode: 6,
      message: `Can't reach Bookbug at http://127.0.0.1:${port}. Is the server running?`,
    });
  });
});
