import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bookbug } from "../tests/utils/bookbug-cli";

const BOOK = "0c0c0c0c-1111-4222-8333-444455556666";
let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

const message = (id: number, role: "user" | "assistant", content: string) => ({ id, role, content, chips: [], phase: "intake", createdAt: "" });

/**
 * Just enough of the API for `resume`, where Bookbug's reply reaches the
 * stream before the answer's own request has returned.
 */
async function replyOutrunsAnswer() {
  let stream: ServerResponse | undefined;
  server = createServer((req, res) => {
    const json = (body: unknown, status = 200) => res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    if (req.url === `/api/jobs/${BOOK}`) json({ job: { bookId: BOOK, status: "intake", stage: null, currentPage: 0, totalPages: 0, error: null, lastEventId: 1 } });
    else if (req.url === `/api/chat/${BOOK}/history`) json({ messages: [message(1, "assistant", "Who is the hero of our story?")] });
    else if (req.url === `/api/books/${BOOK}`) json({ book: { id: BOOK, status: "intake", title: null, brief: {}, plot: null, pageCount: null, pages: [], createdAt: "", updatedAt: "" } });
    else if (req.url?.startsWith(`/api/jobs/${BOOK}/stream`)) {
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.write(": hello\n\n");
      stream = res;
    } else if (req.url === `/api/chat/${BOOK}/message` && req.method === "POST") {
      const reply = { message: message(3, "assistant", "Hello, Zoe! How old is Zoe?") };
      // The reply goes out first; the answer's response only once it's on its way.
      stream!.write(`id: 2\nevent: message\ndata: ${JSON.stringify(reply)}\n\n`, () => json({ message: message(2, "user", "Zoe") }, 202));
    } else json({ error: { code: "not_found", message: "nope" } }, 404);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const configDir = mkdtempSync(join(tmpdir(), "bookbug-cli-"));
  writeFileSync(join(configDir, "config.json"), JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: "bb_test", email: "me@example.com" }));
  return configDir;
}

describe("bookbug resume", () => {
  it("shows a reply that arrives before the answer's request returns, once", async () => {
    const configDir = await replyOutrunsAnswer();
    const run = await bookbug(["resume", BOOK], { configDir, input: "Zoe\n" });
    expect(run).toMatchObject({ code: 130, stderr: `Saved. Carry on later with: bookbug resume ${BOOK}\n` });
    expect(run.stdout).toBe(
      [
        "",
        "Bookbug: Who is the hero of our story?",
        "Your answer: Zoe",
        "",
        "Bookbug: Hello, Zoe! How old is Zoe?",
        "Your answer: ",
        "",
      ].join("\n"),
    );
  });
});
