import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatMessages } from "../db/schema";
import { createBook } from "../app/utils/books.server";
import { getDb } from "../app/utils/db.server";
import { engineDatabase, getEnv } from "../app/utils/env.server";
import { createUser } from "../app/utils/users.server";
import { deliverWorkflowEventsTo } from "../app/utils/engine-inbox.server";
import { sendWorkflowEvents } from "../app/utils/workflow-events.server";
import { chatMessageSent } from "../workflows/events";
import { migrateEngine } from "../engine";
import { startEmbeddedEngine, startEngineThread, type EngineThread } from "./workflow-engine";

// The engine's thread reads the environment it starts with: one thread of
// workflows is enough here.
process.env.WORKFLOW_THREADS = "1";

let thread: EngineThread;
// The engine keeps its events in its own file beside the app's database.
const engineDb = createClient({ url: engineDatabase(getEnv()).url });

async function storedEvent(id: string) {
  const { rows } = await engineDb.execute({ sql: "SELECT name, data_json FROM engine_events WHERE id = ?", args: [id] });
  return rows[0] ? { name: rows[0].name, data: (JSON.parse(String(rows[0].data_json)) as { data: unknown }).data } : undefined;
}

beforeAll(async () => {
  await getDb(); // the app's tables, as the server migrates them before starting the engine
  const started = await startEngineThread(getEnv());
  if (!started) throw new Error("the test environment runs the embedded engine");
  thread = started;
  await thread.connect();
});

afterAll(async () => {
  deliverWorkflowEventsTo(undefined);
  await thread.stop();
  engineDb.close();
});

describe("events sent to the engine's thread by message", () => {
  it("stores them like POST /e/:key and answers with their ids, keeping the ids it was given", async () => {
    const { ids } = await thread.send([
      { name: "test/hello", data: { n: 1 }, id: "hello-1" },
      { name: "test/hello", data: { n: 2 } },
    ]);
    expect(ids[0]).toBe("hello-1");
    expect(ids[1]).toMatch(/\S/);
    expect(await storedEvent("hello-1")).toEqual({ name: "test/hello", data: { n: 1 } });
    expect(await storedEvent(ids[1]!)).toEqual({ name: "test/hello", data: { n: 2 } });
  });

  it("refuses a batch with a nameless event and stores none of it", async () => {
    await expect(
      thread.send([
        { name: "test/hello", id: "refused-1" },
        { name: "" },
      ]),
    ).rejects.toThrow(/event name is required/);
    expect(await storedEvent("refused-1")).toBeUndefined();
  });

  it("starts a book's conversation when the app creates a book, by message rather than HTTP", async () => {
    const handedOver: string[] = [];
    deliverWorkflowEventsTo((events) => {
      handedOver.push(...events.map((event) => event.name));
      return thread.send(events);
    });
    const user = await createUser({ email: "thread@example.com", name: "Thread", password: "password123" });
    const book = await createBook(user.id);
    const db = await getDb();
    // The create-book run the event started asks its opening question.
    const deadline = Date.now() + 20_000;
    let messages: { role: string }[] = [];
    while (messages.length === 0 && Date.now() < deadline) {
      messages = await db.select({ role: chatMessages.role }).from(chatMessages).where(eq(chatMessages.bookId, book.id)).orderBy(asc(chatMessages.id));
      if (messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(messages[0]?.role).toBe("assistant");
    expect(handedOver).toEqual(["book/create.started"]);
  });

  it("checks a typed event against its schema before sending, so an invalid one never reaches the engine", async () => {
    deliverWorkflowEventsTo((events) => thread.send(events));
    const invalid = chatMessageSent.create({ bookId: "b-1", messageId: "not a number" as unknown as number }, { id: "invalid-1" });
    await expect(sendWorkflowEvents([invalid])).rejects.toThrow(/messageId/);
    expect(await storedEvent("invalid-1")).toBeUndefined();

    await sendWorkflowEvents([chatMessageSent.create({ bookId: "b-1", messageId: 7 }, { id: "valid-1" })]);
    expect(await storedEvent("valid-1")).toEqual({ name: "chat/message.sent", data: { bookId: "b-1", messageId: 7 } });
  });

  it("refuses to send once the thread has stopped", async () => {
    const other = await startEngineThreadOnAnotherPort();
    await other.stop();
    await expect(other.send([{ name: "test/late" }])).rejects.toThrow(/stopped/);
  });
});

/** A second engine thread: the thread reads its port from the environment it starts with. */
async function startEngineThreadOnAnotherPort(): Promise<EngineThread> {
  const port = process.env.ENGINE_PORT;
  process.env.ENGINE_PORT = "0";
  try {
    const started = await startEngineThread(getEnv());
    if (!started) throw new Error("the test environment runs the embedded engine");
    return started;
  } finally {
    process.env.ENGINE_PORT = port;
  }
}

describe("an install whose engine kept its state in the app's database", () => {
  it("moves that state into the engine's own file when the engine starts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bookbug-upgrade-"));
    const appUrl = `file:${join(dir, "bookbug.db")}`;
    const before = createClient({ url: appUrl });
    await migrateEngine(before);
    await before.execute({
      sql: "INSERT INTO engine_events (internal_id, id, name, data_json, ts, received_at) VALUES ('e-1', 'kept-1', 'chat/message.sent', '{\"data\":{}}', 1, 1)",
      args: [],
    });
    before.close();

    const engine = await startEmbeddedEngine({ ...getEnv(), DATABASE_URL: appUrl, ENGINE_PORT: 0 });
    await engine?.stop();

    const own = createClient({ url: `file:${join(dir, "bookbug-engine.db")}` });
    const app = createClient({ url: appUrl });
    try {
      expect((await own.execute("SELECT id FROM engine_events")).rows.map((row) => row.id)).toEqual(["kept-1"]);
      expect((await app.execute("SELECT name FROM sqlite_master WHERE name LIKE 'engine%'")).rows).toEqual([]);
    } finally {
      own.close();
      app.close();
    }
  });
});
