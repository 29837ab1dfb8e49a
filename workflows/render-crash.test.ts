import { readdirSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "../tests/e2e/app-server";
import { signUpOverHttp } from "../tests/utils/http-signup";
import { waitFor } from "../tests/utils/wait-for";

// The real server process, killed with SIGKILL in the middle of a render.
let server: Awaited<ReturnType<typeof startAppServer>>;
beforeAll(async () => {
  // One page at a time makes the render long enough to die in the middle of.
  server = await startAppServer({ RENDER_PARALLELISM: "1" });
}, 60_000);
afterAll(() => server.stop());

const ANSWERS = ["Ivy", "she is 6 and loves dragons", "long brown hair and a purple dress", "a castle", "her pony Clover", "kindness", "gentle", "watercolour", "8", "no"];

async function api<T>(path: string, token: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${token}`, ...(init.json !== undefined ? { "Content-Type": "application/json" } : {}) },
    body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe("a server killed mid-render", () => {
  it("finishes the book after a restart: no page or object twice, one charge", async () => {
    await signUpOverHttp(server.url, "crash@example.com", "bedtime-stories");
    const { token } = await api<{ token: string }>("/api/auth/token", "", { method: "POST", json: { email: "crash@example.com", password: "bedtime-stories" } });
    const { book } = await api<{ book: { id: string } }>("/api/books", token, { method: "POST" });
    const history = async () => (await api<{ messages: { role: string }[] }>(`/api/chat/${book.id}/history`, token)).messages;
    const assistantCount = async () => (await history()).filter((m) => m.role === "assistant").length;
    await waitFor(async () => ((await assistantCount()) >= 1 ? true : null), { what: "the first question" });
    for (const [index, content] of ANSWERS.entries()) {
      await api(`/api/chat/${book.id}/message`, token, { method: "POST", json: { content, clientMessageId: `a-${index}` } });
      await waitFor(async () => ((await assistantCount()) > index + 1 ? true : null), { what: `a reply to "${content}"` });
    }
    const job = async () => (await api<{ job: { status: string; currentPage: number } }>(`/api/jobs/${book.id}`, token)).job;
    await waitFor(async () => ((await job()).status === "plot_review" ? true : null), { what: "the plot" });
    await api(`/api/chat/${book.id}/approve`, token, { method: "POST", json: { decision: "approve" } });

    await waitFor(async () => ((await job()).currentPage >= 2 ? true : null), { what: "two pages", intervalMs: 20 });
    await server.crash();
    const db = createClient({ url: `file:${join(server.dataDir, "bookbug.db")}`, timeout: 5_000 });
    const atCrash = (await db.execute({ sql: "select status from books where id = ?", args: [book.id] })).rows[0];
    expect(atCrash?.status).toBe("rendering");
    const pagesAtCrash = Number((await db.execute({ sql: "select count(*) as n from rendered_pages where book_id = ?", args: [book.id] })).rows[0]?.n);
    expect(pagesAtCrash).toBeLessThan(9);

    await server.start();
    await waitFor(async () => ((await job()).status === "complete" ? true : null), { what: "the book to complete", timeoutMs: 60_000 });

    const { book: finished } = await api<{ book: { pages: { number: number }[] } }>(`/api/books/${book.id}`, token);
    expect(finished.pages.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const rows = await db.execute({ sql: "select page_number from rendered_pages where book_id = ? order by page_number", args: [book.id] });
    expect(rows.rows.map((r) => Number(r.page_number))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const objects = readdirSync(join(server.dataDir, "objects", "books", book.id, "pages"));
    expect(objects.sort()).toEqual(["00.png", "01.png", "02.png", "03.png", "04.png", "05.png", "06.png", "07.png", "08.png"]);
    const charges = await db.execute({ sql: "select delta from credit_ledger where book_id = ? and delta < 0", args: [book.id] });
    expect(charges.rows.map((r) => Number(r.delta))).toEqual([-1]);
    db.close();
    const { user } = await api<{ user: { credits: number; availableCredits: number } }>("/api/me", token);
    expect(user).toMatchObject({ credits: 2, availableCredits: 2 });
    const pdf = await fetch(`${server.url}/api/books/${book.id}/pdf`, { headers: { Authorization: `Bearer ${token}` } });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
  }, 120_000);
});
