import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bookbug } from "../tests/utils/bookbug-cli";
import { waitFor } from "../tests/utils/wait-for";
import { CliError } from "./errors";
import { followStream, type StreamEvent } from "./sse";

// The stream protocol edge cases, against a scripted server: each request
// gets the next handler, and every request is recorded.
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function scriptedServer(handlers: Handler[]) {
  const requests: { lastEventId: string | undefined; url: string }[] = [];
  const server = createServer((req, res) => {
    requests.push({ lastEventId: req.headers["last-event-id"] as string | undefined, url: req.url ?? "" });
    const handler = handlers.shift();
    if (!handler) {
      res.writeHead(500).end();
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push({
    close() {
      server.closeAllConnections();
      server.close();
    },
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/jobs/b1/stream`, requests, server };
}

const sse = (res: ServerResponse) => res.writeHead(200, { "Content-Type": "text/event-stream" });
const send = (res: ServerResponse, id: number, event: string, data: unknown) => res.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
/** A stream that says the book is complete (event `id`) and ends. */
const completes =
  (id: number): Handler =>
  (_req, res) => {
    sse(res);
    send(res, id, "status", { status: "complete" });
    res.end();
  };

/** Follows like the CLI does: done once a terminal status has been seen. */
function follow(url: string, options: { after?: number; giveUpAfterMs?: number; idleTimeoutMs?: number } = {}) {
  const events: StreamEvent[] = [];
  const reconnects: string[] = [];
  let status = "rendering";
  const controller = new AbortController();
  const done = followStream(
    url,
    {},
    (event) => {
      events.push(event);
      if (event.event === "status") status = (event.data as { status: string }).status;
    },
    {
      signal: controller.signal,
      after: options.after,
      isDone: () => ["complete", "failed", "cancelled"].includes(status),
      onReconnect: ({ reason }) => reconnects.push(reason),
      baseDelayMs: 10,
      maxDelayMs: 50,
      giveUpAfterMs: options.giveUpAfterMs ?? 5_000,
      idleTimeoutMs: options.idleTimeoutMs,
    },
  );
  return { done, events, reconnects, abort: () => controller.abort() };
}

describe("followStream", () => {
  it("is done when the server ends the stream cleanly after a terminal status", async () => {
    const { url, requests } = await scriptedServer([
      (_req, res) => {
        sse(res);
        send(res, 7, "page", { number: 1 });
        send(res, 8, "status", { status: "complete" });
        res.end();
      },
    ]);
    const run = follow(url, { after: 6 });
    await run.done;
    expect(run.events.map((event) => [event.id, event.event])).toEqual([
      [7, "page"],
      [8, "status"],
    ]);
    expect(requests).toEqual([{ lastEventId: "6", url: "/api/jobs/b1/stream?after=6" }]);
    expect(run.reconnects).toEqual([]);
  });

  it("is done when the stream closes with an id-less `end` event after the book finished", async () => {
    const { url, requests } = await scriptedServer([
      (_req, res) => {
        sse(res);
        send(res, 9, "status", { status: "failed" });
        res.write('event: end\ndata: {"status":"failed"}\n\n');
        res.end();
      },
    ]);
    const run = follow(url, { after: 8 });
    await run.done;
    expect(run.events.map((event) => [event.id, event.event])).toEqual([
      [9, "status"],
      [0, "end"],
    ]);
    expect(requests).toHaveLength(1);
  });

  it("reconnects with Last-Event-ID after a clean end before the book is finished, without repeats", async () => {
    const { url, requests } = await scriptedServer([
      (_req, res) => {
        sse(res);
        res.write("retry: 20\n\n: ping\n\n");
        send(res, 3, "page", { number: 1 });
        res.end();
      },
      (_req, res) => {
        sse(res);
        // CRLF framing and multi-line data are valid SSE too.
        res.write('id: 4\r\nevent: page\r\ndata: {"number":\r\ndata: 2}\r\n\r\n');
        send(res, 5, "status", { status: "cancelled" });
        res.end();
      },
    ]);
    const run = follow(url);
    await run.done;
    expect(run.events.map((event) => event.id)).toEqual([3, 4, 5]);
    expect(run.events[1]?.data).toEqual({ number: 2 });
    expect(requests.map((request) => request.lastEventId)).toEqual([undefined, "3"]);
    expect(run.reconnects).toEqual(["the server ended the stream"]);
  });

  it("stops with exit 3 when the login has expired by the time it reconnects", async () => {
    const { url } = await scriptedServer([
      (_req, res) => {
        sse(res);
        send(res, 1, "page", { number: 1 });
        res.end();
      },
      (_req, res) => res.writeHead(401, { "Content-Type": "application/json" }).end('{"error":{"code":"unauthorized","message":"Log in."}}'),
    ]);
    const error = await follow(url).done.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ exitCode: 3, message: "Your login has expired. Run `bookbug login`." });
  });

  it("stops with exit 4 when the book is gone", async () => {
    const { url } = await scriptedServer([(_req, res) => res.writeHead(404, { "Content-Type": "application/json" }).end("{}")]);
    await expect(follow(url).done).rejects.toMatchObject({ exitCode: 4, message: "There's no such book (or it isn't yours)." });
  });

  it("retries a server that answers 503 for a while", async () => {
    const { url, requests } = await scriptedServer([
      (_req, res) => res.writeHead(503).end(),
      (_req, res) => res.writeHead(503).end(),
      (_req, res) => {
        sse(res);
        send(res, 2, "status", { status: "failed" });
        res.end();
      },
    ]);
    const run = follow(url);
    await run.done;
    expect(requests).toHaveLength(3);
    expect(run.reconnects).toEqual(["the server answered 503", "the server answered 503"]);
  });

  it("gives up with exit 6 when the server stays unreachable, after backing off", async () => {
    let open: ServerResponse | undefined;
    const { url, server } = await scriptedServer([
      (_req, res) => {
        sse(res);
        send(res, 1, "page", { number: 1 });
        open = res;
      },
    ]);
    const started = Date.now();
    const run = follow(url, { giveUpAfterMs: 300 });
    await waitFor(() => run.events.length === 1, { what: "the first event" });
    // The server goes away mid-stream.
    server.close();
    open?.destroy();
    const error = await run.done.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ exitCode: 6 });
    expect((error as Error).message).toMatch(/^Lost touch with Bookbug at http:\/\/127\.0\.0\.1:\d+ \(the server can't be reached\) and couldn't reconnect for \d+ s\.$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(run.reconnects[0]).toBe("the connection dropped");
    expect(run.reconnects.slice(1).every((reason) => reason === "the server can't be reached")).toBe(true);
    expect(run.reconnects.length).toBeGreaterThan(2);
  });

  it("gives a server that came back the whole budget again when it drops later", async () => {
    const { url, requests } = await scriptedServer([
      (_req, res) => {
        sse(res);
        send(res, 1, "page", { number: 1 });
        setTimeout(() => res.destroy(), 20);
      },
      (_req, res) => {
        // Back, but with nothing to say for longer than the budget: heartbeats only.
        sse(res);
        const heartbeat = setInterval(() => res.write(": ping\n\n"), 50);
        setTimeout(() => {
          clearInterval(heartbeat);
          res.destroy();
        }, 600);
      },
      completes(2),
    ]);
    const run = follow(url, { giveUpAfterMs: 300 });
    await run.done;
    expect(run.events.map((event) => event.id)).toEqual([1, 2]);
    expect(requests.map((request) => request.lastEventId)).toEqual([undefined, "1", "1"]);
    expect(run.reconnects).toEqual(["the connection dropped", "the connection dropped"]);
  });

  it("counts streams that end without sending anything against the budget, instead of retrying forever", async () => {
    const empty: Handler = (_req, res) => {
      sse(res);
      res.end();
    };
    const { url, requests } = await scriptedServer(Array.from({ length: 200 }, () => empty));
    const run = follow(url, { giveUpAfterMs: 300 });
    const error = await run.done.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ exitCode: 6 });
    expect((error as Error).message).toMatch(/\(the server ended the stream without sending anything\) and couldn't reconnect/);
    expect(run.reconnects.length).toBeGreaterThan(1);
    expect(run.reconnects.every((reason) => reason === "the server ended the stream without sending anything")).toBe(true);
    expect(requests.length).toBe(run.reconnects.length + 1);
  });

  it("stops at once (exit 1) when the stream's address answers with something other than events", async () => {
    const { url, requests } = await scriptedServer([(_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end("<h1>Sign in</h1>")]);
    const error = await follow(url).done.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ exitCode: 1 });
    expect((error as Error).message).toMatch(/^http:\/\/127\.0\.0\.1:\d+ answered the live stream with text\/html instead of events\. Is it a Bookbug server\?$/);
    expect(requests).toHaveLength(1);
  });

  it("treats a connection that goes silent (no heartbeat) as dropped", async () => {
    const { url, requests } = await scriptedServer([
      (_req, res) => {
        sse(res);
        send(res, 1, "page", { number: 1 });
        // …and then nothing, not even a comment.
      },
      completes(2),
    ]);
    const run = follow(url, { idleTimeoutMs: 200 });
    await run.done;
    expect(run.events.map((event) => event.id)).toEqual([1, 2]);
    expect(requests[1]?.lastEventId).toBe("1");
    expect(run.reconnects).toEqual(["the connection dropped"]);
  });

  it("lets the handler's own errors through instead of reconnecting", async () => {
    const { url, requests } = await scriptedServer([
      (_req, res) => {
        sse(res);
        send(res, 1, "page", { number: 1 });
      },
    ]);
    const failing = followStream(
      url,
      {},
      () => {
        throw new CliError("handler said no", 7);
      },
      { signal: new AbortController().signal, baseDelayMs: 10 },
    );
    await expect(failing).rejects.toMatchObject({ message: "handler said no", exitCode: 7 });
    expect(requests).toHaveLength(1);
  });

  it("returns as soon as the handler has seen enough, even mid-chunk on an open stream", async () => {
    const { url } = await scriptedServer([
      (_req, res) => {
        sse(res);
        res.write('id: 1\nevent: status\ndata: {"status":"failed"}\n\nevent: end\ndata: {"status":"failed"}\n\n');
        // The connection stays open.
      },
    ]);
    const controller = new AbortController();
    const seen: string[] = [];
    await followStream(
      url,
      {},
      (event) => {
        seen.push(event.event);
        controller.abort();
      },
      { signal: controller.signal },
    );
    expect(seen).toEqual(["status"]);
  });

  it("takes BOOKBUG_RECONNECT_SECONDS set but empty as unset, not as no time at all", async () => {
    const { url, requests } = await scriptedServer([
      (_req, res) => res.writeHead(503).end(),
      completes(1),
    ]);
    const saved = process.env.BOOKBUG_RECONNECT_SECONDS;
    process.env.BOOKBUG_RECONNECT_SECONDS = "";
    try {
      const events: string[] = [];
      await followStream(url, {}, (event) => events.push(event.event), { signal: new AbortController().signal, isDone: () => events.includes("status"), baseDelayMs: 10 });
      expect(events).toEqual(["status"]);
      expect(requests).toHaveLength(2);
    } finally {
      if (saved === undefined) delete process.env.BOOKBUG_RECONNECT_SECONDS;
      else process.env.BOOKBUG_RECONNECT_SECONDS = saved;
    }
  });

  it("returns promptly when aborted while waiting to reconnect", async () => {
    const { url } = await scriptedServer([(_req, res) => res.writeHead(503).end()]);
    const controller = new AbortController();
    const run = followStream(url, {}, () => undefined, {
      signal: controller.signal,
      baseDelayMs: 60_000,
      onReconnect: () => controller.abort(),
    });
    await expect(run).resolves.toBeUndefined();
  });
});

describe("bookbug watch, when the stream only says it's over", () => {
  const BOOK = "0b0b0b0b-1111-4222-8333-444455556666";

  /** Just enough of the API for `watch`: the job, the book, and a stream that only ends. */
  async function apiEndingWith(end: { status: string }, { keepOpen = false } = {}) {
    let streams = 0;
    const server = createServer((req, res) => {
      const json = (body: unknown) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
      if (req.url === `/api/jobs/${BOOK}`) {
        // The book finished between the job being read and the stream opening.
        json({ job: { bookId: BOOK, status: "rendering", stage: "binding", currentPage: 8, totalPages: 8, error: null, lastEventId: 40 } });
      } else if (req.url === `/api/books/${BOOK}`) {
        json({ book: { id: BOOK, status: "rendering", title: "Maya's Moon Express", brief: {}, plot: null, pageCount: 8, pages: [], createdAt: "", updatedAt: "" } });
      } else if (req.url?.startsWith(`/api/jobs/${BOOK}/stream`)) {
        streams += 1;
        res.writeHead(200, { "Content-Type": "text/event-stream" });
        const last = `event: end\ndata: ${JSON.stringify(end)}\n\n`;
        if (keepOpen) res.write(last);
        else res.end(last);
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push({
      close() {
        server.closeAllConnections();
        server.close();
      },
    });
    const configDir = mkdtempSync(join(tmpdir(), "bookbug-cli-"));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    writeFileSync(join(configDir, "config.json"), JSON.stringify({ url, token: "bb_test", email: "me@example.com" }));
    return { configDir, streams: () => streams };
  }

  it("takes the final status from `end`, without reconnecting", async () => {
    const { configDir, streams } = await apiEndingWith({ status: "complete" });
    const run = await bookbug(["watch", BOOK], { configDir });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain(`Done! [████████████████████████] 8/8  Download it with: bookbug download ${BOOK}`);
    expect(streams()).toBe(1);
  });

  it("stops at `end` even when the server leaves the stream open", async () => {
    const { configDir } = await apiEndingWith({ status: "complete" }, { keepOpen: true });
    const run = await bookbug(["watch", BOOK], { configDir });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain(`Done! [████████████████████████] 8/8  Download it with: bookbug download ${BOOK}`);
  });

  it("reports a book deleted while watching as missing (exit 4)", async () => {
    const { configDir } = await apiEndingWith({ status: "deleted" });
    expect(await bookbug(["watch", BOOK], { configDir })).toMatchObject({ code: 4, stderr: "There's no such book (or it isn't yours).\n" });
  });
});
