import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { books } from "../../db/schema";
import { announceBookEvents, appendBookEvent } from "../../workflows/book-events";
import { createTestUser } from "../../tests/utils/books";
import { createApiToken } from "../utils/api-tokens.server";
import { getDb } from "../utils/db.server";
import { END_LINGER_MS } from "../utils/sse.server";
import { loader } from "./api.jobs.$bookId.stream";

const context = { clientIp: "10.1.1.2" };

async function bookWithEvents(status: "intake" | "rendering" | "complete" | "failed" | "cancelled", events: [string, Record<string, unknown>][]) {
  const userId = await createTestUser();
  const { token } = await createApiToken(userId);
  const db = await getDb();
  const bookId = randomUUID();
  await db.insert(books).values({ id: bookId, userId, status });
  const ids: number[] = [];
  for (const [type, payload] of events) ids.push(await appendBookEvent(db, bookId, type as "status", payload));
  return { bookId, token, ids };
}

function open(bookId: string, token: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const request = new Request(`http://localhost/api/jobs/${bookId}/stream`, {
    headers: { Authorization: `Bearer ${token}`, ...headers },
    signal: controller.signal,
  });
  return { response: loader({ request, params: { bookId }, context }) as Promise<Response>, abort: () => controller.abort() };
}

interface Frame {
  id?: number;
  event: string;
  data: unknown;
}

function parse(text: string): Frame[] {
  return text
    .split("\n\n")
    .filter((frame) => frame.includes("data: "))
    .map((frame) => {
      const field = (name: string) => frame.split("\n").find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      const id = field("id");
      return { ...(id ? { id: Number(id) } : {}), event: field("event") ?? "message", data: JSON.parse(field("data") ?? "null") as unknown };
    });
}

/** Every event up to `end`, after which the client hangs up (as EventSource does). */
async function readToEnd(response: Response): Promise<Frame[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes("event: end\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream closed before its end event:\n${text}`);
    text += decoder.decode(value);
  }
  await reader.cancel();
  return parse(text);
}

const FINISHED_RENDER: [string, Record<string, unknown>][] = [
  ["status", { status: "rendering" }],
  ["page", { number: 1, text: "Maya woke.", imageUrl: "/x/1.png", rendered: 1, total: 1 }],
  ["page", { number: 0, text: "Cover", imageUrl: "/x/0.png", rendered: 1, total: 1 }],
  ["status", { status: "complete" }],
];

describe("the book stream ends once the book is finished", () => {
  it.each(["complete", "failed", "cancelled"] as const)("sends every event of a %s book, then end, and closes", async (status) => {
    const events: [string, Record<string, unknown>][] = [...FINISHED_RENDER.slice(0, -1), ["status", { status }]];
    const { bookId, token, ids } = await bookWithEvents(status, events);
    const frames = await readToEnd(await open(bookId, token).response);
    expect(frames.map((frame) => frame.id)).toEqual([...ids, undefined]);
    expect(frames.at(-1)).toEqual({ event: "end", data: { status } });
  });

  it("gives a client reconnecting with Last-Event-ID only what it missed, then end", async () => {
    const { bookId, token, ids } = await bookWithEvents("complete", FINISHED_RENDER);
    const frames = await readToEnd(await open(bookId, token, { "Last-Event-ID": String(ids[1]) }).response);
    expect(frames.map((frame) => frame.event)).toEqual(["page", "status", "end"]);
    expect(frames.map((frame) => frame.id)).toEqual([ids[2], ids[3], undefined]);
  });

  it("ends at once for a client that already has everything, and closes a stream the client leaves open", async () => {
    const { bookId, token, ids } = await bookWithEvents("complete", FINISHED_RENDER);
    const started = Date.now();
    const text = await (await open(bookId, token, { "Last-Event-ID": String(ids.at(-1)) }).response).text();
    expect(parse(text)).toEqual([{ event: "end", data: { status: "complete" } }]);
    expect(Date.now() - started).toBeLessThan(END_LINGER_MS + 1_000);
  });

  it("keeps a conversation's stream open, then ends when the render it leads to completes", async () => {
    const { bookId, token } = await bookWithEvents("intake", [["message", { message: { id: 1, content: "Hi!" } }]]);
    const stream = open(bookId, token);
    const reader = (await stream.response).body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("Hi!")) text += decoder.decode((await reader.read()).value);

    // intake → plot_review → rendering are not the end; each arrives live.
    const db = await getDb();
    for (const status of ["plot_review", "queued", "rendering"] as const) {
      await db.update(books).set({ status }).where(eq(books.id, bookId));
      await appendBookEvent(db, bookId, "status", { status });
      announceBookEvents(bookId);
      while (!text.includes(`"status":"${status}"`)) text += decoder.decode((await reader.read()).value);
    }
    expect(text).not.toContain("event: end");

    await db.update(books).set({ status: "complete" }).where(eq(books.id, bookId));
    await appendBookEvent(db, bookId, "status", { status: "complete" });
    announceBookEvents(bookId);
    while (!text.includes("event: end\n")) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toMatch(/"status":"complete"\}\n\nevent: end\ndata: \{"status":"complete"\}\n\n$/);
  });

  it("still answers 404 for another user's book", async () => {
    const { bookId } = await bookWithEvents("complete", FINISHED_RENDER);
    const stranger = await createApiToken(await createTestUser());
    expect((await open(bookId, stranger.token).response).status).toBe(404);
  });
});
