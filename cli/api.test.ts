import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../tests/e2e/app-server";
import { bookbug } from "../tests/utils/bookbug-cli";
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

describe("bookbug logout", () => {
  /** A config dir logged in to `url`, whose server answers the token's revocation with `status`. */
  async function revokingWith(status: number, body = "") {
    server = createServer((req, res) => {
      if (req.method === "DELETE" && req.url === "/api/auth/token") res.writeHead(status, { "Content-Type": "application/json" }).end(body);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return logIn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  function logIn(url: string) {
    const configDir = mkdtempSync(join(tmpdir(), "bookbug-cli-"));
    writeFileSync(join(configDir, "config.json"), JSON.stringify({ url, token: "bb_old", email: "me@example.com" }));
    return { configDir, url };
  }

  it("takes a token the server already refuses (401) as revoked", async () => {
    const { configDir, url } = await revokingWith(401, '{"error":{"code":"unauthorized","message":"Log in."}}');
    expect(await bookbug(["logout"], { configDir })).toMatchObject({ code: 0, stdout: `Logged out of ${url}.\n`, stderr: "" });
    expect(await bookbug(["logout"], { configDir })).toMatchObject({ code: 0, stdout: "You weren't logged in.\n" });
  });

  it("says the server couldn't be reached only when it couldn't", async () => {
    const away = logIn(`http://127.0.0.1:${await freePort()}`);
    expect(await bookbug(["logout"], { configDir: away.configDir })).toMatchObject({
      code: 0,
      stdout: `Logged out of ${away.url}. (The server couldn't be reached to revoke the token; it expires by itself.)\n`,
    });
    const { configDir, url } = await revokingWith(500, '{"error":{"code":"internal","message":"Something broke."}}');
    expect(await bookbug(["logout"], { configDir })).toMatchObject({
      code: 0,
      stdout: `Logged out of ${url}. (The server didn't revoke the token: Something broke. It expires by itself.)\n`,
    });
  });
});
