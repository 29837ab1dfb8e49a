import { createClient } from "@libsql/client";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chatMessages } from "../../db/schema";
import { createBook } from "../utils/books.server";
import { getDb } from "../utils/db.server";
import { authAttemptLimiter } from "../utils/rate-limit.server";
import { createUser } from "../utils/users.server";
import { waitForAssistantMessages } from "../../tests/utils/books";
import { startWorkflowHarness, type WorkflowHarness } from "../../tests/utils/workflow-harness";
import { action as tokenAction } from "./api.auth.token";
import { loader as listBooks, action as createBookAction } from "./api.books";
import { loader as getBook, action as deleteBookAction } from "./api.books.$bookId";
import { action as approveAction } from "./api.chat.$bookId.approve";
import { loader as historyLoader } from "./api.chat.$bookId.history";
import { action as messageAction } from "./api.chat.$bookId.message";
import { loader as jobLoader } from "./api.jobs.$bookId";
import { loader as streamLoader } from "./api.jobs.$bookId.stream";

let harness: WorkflowHarness;
const context = { clientIp: "10.1.1.1" };

beforeAll(async () => {
  harness = await startWorkflowHarness();
});
afterAll(async () => {
  await harness.close();
});
beforeEach(() => authAttemptLimiter.reset());

function request(path: string, init: RequestInit & { token?: string; json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  if (init.json !== undefined) headers.set("Content-Type", "application/json");
  return new Request(`http://localhost${path}`, {
    ...init,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
}

async function tokenFor(email: string, password = "password123") {
  const response = await tokenAction({ request: request("/api/auth/token", { method: "POST", json: { email, password } }), params: {}, context });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

async function newAccount() {
  const email = `api-${Math.random().toString(36).slice(2)}@example.com`;
  await createUser({ email, name: "Api", password: "password123" });
  return tokenFor(email);
}

describe("API auth", () => {
  it("answers 401 without credentials and with a bad token", async () => {
    for (const token of [undefined, "bb_not-a-token"]) {
      const response = await listBooks({ request: request("/api/books", { token }), params: {}, context });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "unauthorized", message: expect.stringContaining("Log in") } });
    }
  });

  it("refuses a wrong password and malformed JSON with clear errors", async () => {
    await createUser({ email: "cli@example.com", name: "Cli", password: "password123" });
    const wrong = await tokenAction({ request: request("/api/auth/token", { method: "POST", json: { email: "cli@example.com", password: "nope" } }), params: {}, context });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("invalid_credentials");
    const bad = await tokenAction({ request: request("/api/auth/token", { method: "POST", body: "{not json", headers: { "Content-Type": "application/json" } }), params: {}, context });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: "invalid_json", message: "The request body is not valid JSON." } });
  });

  it("revokes a token with DELETE, after which it no longer works", async () => {
    const token = await newAccount();
    expect((await listBooks({ request: request("/api/books", { token }), params: {}, context })).status).toBe(200);
    const revoked = await tokenAction({ request: request("/api/auth/token", { method: "DELETE", token }), params: {}, context });
    expect(revoked.status).toBe(204);
    expect((await listBooks({ request: request("/api/books", { token }), params: {}, context })).status).toBe(401);
    const anonymous = await tokenAction({ request: request("/api/auth/token", { method: "DELETE" }), params: {}, context });
    expect(anonymous.status).toBe(401);
  });
});

describe("books and chat over the API", () => {
  it("creates a book, chats with idempotent messages and reads the history", async () => {
    const token = await newAccount();
    const created = await createBookAction({ request: request("/api/books", { method: "POST", token }), params: {}, context });
    expect(created.status).toBe(201);
    const { book } = (await created.json()) as { book: { id: string; status: string; pages: unknown[] } };
    expect(book).toMatchObject({ status: "intake", pages: [] });
    await waitForAssistantMessages(book.id, 1);

    const send = () =>
      messageAction({
        request: request(`/api/chat/${book.id}/message`, { method: "POST", token, json: { content: "Ruby", clientMessageId: "c-1" } }),
        params: { bookId: book.id },
        context,
      });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(202);
    const firstBody = (await first.json()) as { message: { id: number } };
    expect(((await second.json()) as { message: { id: number } }).message.id).toBe(firstBody.message.id);
    await waitForAssistantMessages(book.id, 2);

    const history = await historyLoader({ request: request(`/api/chat/${book.id}/history`, { token }), params: { bookId: book.id }, context });
    const { messages } = (await history.json()) as { messages: { role: string; content: string }[] };
    expect(messages.map((m) => m.role)).toEqual(["assistant", "user", "assistant"]);
    expect(messages[1]?.content).toBe("Ruby");

    const job = await jobLoader({ request: request(`/api/jobs/${book.id}`, { token }), params: { bookId: book.id }, context });
    expect(((await job.json()) as { job: { status: string } }).job.status).toBe("intake");

    const list = await listBooks({ request: request("/api/books", { token }), params: {}, context });
    expect(((await list.json()) as { books: { id: string }[] }).books.map((b) => b.id)).toEqual([book.id]);
  });

  it("saves a message posted while a workflow holds the write lock, serving others meanwhile, and answers it", async () => {
    const token = await newAccount();
    const { book } = (await (await createBookAction({ request: request("/api/books", { method: "POST", token }), params: {}, context })).json()) as { book: { id: string } };
    await waitForAssistantMessages(book.id, 1);
    const params = { bookId: book.id };
    const history = async () => {
      const response = await historyLoader({ request: request(`/api/chat/${book.id}/history`, { token }), params, context });
      return ((await response.json()) as { messages: { content: string }[] }).messages.map((m) => m.content);
    };

    // Another connection holds SQLite's write lock, as a workflow step's commit does.
    const other = createClient({ url: process.env.DATABASE_URL!, timeout: 5_000 });
    const lock = await other.transaction("write");
    try {
      const posted = messageAction({
        request: request(`/api/chat/${book.id}/message`, { method: "POST", token, json: { content: "Ruby", clientMessageId: "locked-1" } }),
        params,
        context,
      });
      // The thread is not asleep in SQLite: another request is answered, without the message yet.
      expect(await history()).toHaveLength(1);
      await lock.commit();
      expect((await posted).status).toBe(202);
    } finally {
      lock.close();
      other.close();
    }
    await waitForAssistantMessages(book.id, 2);
    expect((await history())[1]).toBe("Ruby");
  });

  it("refuses a message over 2,000 characters and stores nothing", async () => {
    const token = await newAccount();
    const { book } = (await (await createBookAction({ request: request("/api/books", { method: "POST", token }), params: {}, context })).json()) as { book: { id: string } };
    const response = await messageAction({
      request: request(`/api/chat/${book.id}/message`, { method: "POST", token, json: { content: "x".repeat(2_001) } }),
      params: { bookId: book.id },
      context,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_request", message: "content: Messages can be at most 2,000 characters." } });
    const db = await getDb();
    const [row] = await db.select({ n: count() }).from(chatMessages).where(eq(chatMessages.bookId, book.id));
    const assistantOnly = await db.query.chatMessages.findMany({ where: eq(chatMessages.bookId, book.id) });
    expect(assistantOnly.every((m) => m.role === "assistant")).toBe(true);
    expect(row?.n).toBe(assistantOnly.length);
  });

  it("answers 409 when approving a book that has no plot yet", async () => {
    const token = await newAccount();
    const { book } = (await (await createBookAction({ request: request("/api/books", { method: "POST", token }), params: {}, context })).json()) as { book: { id: string } };
    const response = await approveAction({
      request: request(`/api/chat/${book.id}/approve`, { method: "POST", token, json: { decision: "approve" } }),
      params: { bookId: book.id },
      context,
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: "not_in_review", message: "There is no plot to review yet." } });
  });

  it("treats another user's book as missing on every route", async () => {
    const owner = await newAccount();
    const stranger = await newAccount();
    const { book } = (await (await createBookAction({ request: request("/api/books", { method: "POST", token: owner }), params: {}, context })).json()) as { book: { id: string } };
    const params = { bookId: book.id };
    const responses = await Promise.all([
      getBook({ request: request(`/api/books/${book.id}`, { token: stranger }), params, context }),
      deleteBookAction({ request: request(`/api/books/${book.id}`, { method: "DELETE", token: stranger }), params, context }),
      historyLoader({ request: request(`/api/chat/${book.id}/history`, { token: stranger }), params, context }),
      messageAction({ request: request(`/api/chat/${book.id}/message`, { method: "POST", token: stranger, json: { content: "hi" } }), params, context }),
      approveAction({ request: request(`/api/chat/${book.id}/approve`, { method: "POST", token: stranger, json: { decision: "approve" } }), params, context }),
      jobLoader({ request: request(`/api/jobs/${book.id}`, { token: stranger }), params, context }),
      streamLoader({ request: request(`/api/jobs/${book.id}/stream`, { token: stranger }), params, context }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    const ownerView = await getBook({ request: request(`/api/books/${book.id}`, { token: owner }), params, context });
    expect(ownerView.status).toBe(200);
  });

  it("deletes a book with 204, after which it is gone", async () => {
    const token = await newAccount();
    const { book } = (await (await createBookAction({ request: request("/api/books", { method: "POST", token }), params: {}, context })).json()) as { book: { id: string } };
    const params = { bookId: book.id };
    const deleted = await deleteBookAction({ request: request(`/api/books/${book.id}`, { method: "DELETE", token }), params, context });
    expect(deleted.status).toBe(204);
    expect((await getBook({ request: request(`/api/books/${book.id}`, { token }), params, context })).status).toBe(404);
  });
});

describe("the book's event stream", () => {
  async function readEvents(response: Response, until: (text: string) => boolean) {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!until(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    await reader.cancel();
    return text;
  }

  it("streams chat replies with ids and resumes after Last-Event-ID", async () => {
    const token = await newAccount();
    const { book } = (await (await createBookAction({ request: request("/api/books", { method: "POST", token }), params: {}, context })).json()) as { book: { id: string } };
    await waitForAssistantMessages(book.id, 1);
    const params = { bookId: book.id };

    const controller = new AbortController();
    const first = await streamLoader({ request: request(`/api/jobs/${book.id}/stream`, { token, signal: controller.signal }), params, context });
    expect(first.headers.get("Content-Type")).toContain("text/event-stream");
    const opening = await readEvents(first, (text) => text.includes("event: message"));
    controller.abort();
    const firstId = Number(/id: (\d+)/.exec(opening)?.[1]);
    expect(opening).toContain("Hi! I'm Bookbug");

    await messageAction({ request: request(`/api/chat/${book.id}/message`, { method: "POST", token, json: { content: "Oscar" } }), params, context });
    await waitForAssistantMessages(book.id, 2);

    const resumeController = new AbortController();
    const resumed = await streamLoader({
      request: request(`/api/jobs/${book.id}/stream`, { token, signal: resumeController.signal, headers: { "Last-Event-ID": String(firstId) } }),
      params,
      context,
    });
    const later = await readEvents(resumed, (text) => text.includes("Oscar"));
    resumeController.abort();
    expect(later).not.toContain("Hi! I'm Bookbug");
    expect(later).toContain("Oscar");
    const ids = [...later.matchAll(/id: (\d+)/g)].map((m) => Number(m[1]));
    expect(ids.every((id) => id > firstId)).toBe(true);
  });
});

it("createBook starts exactly one conversation run per book", async () => {
  const email = `one-run-${Date.now()}@example.com`;
  const user = await createUser({ email, name: "One", password: "password123" });
  const book = await createBook(user.id);
  await waitForAssistantMessages(book.id, 1);
  const runs = (await harness.runs("create-book")).filter((run) => run.event.data.bookId === book.id);
  expect(runs).toHaveLength(1);
});
