import { readdirSync } from "node:fs";
import { join } from "node:path";
import { test as base, expect, type APIRequestContext } from "@playwright/test";
import { startAppServer } from "./app-server";
import { signUp } from "./fixtures";

// A server of its own: this test kills it.
const test = base.extend<{ crashable: Awaited<ReturnType<typeof startAppServer>> }>({
  crashable: async ({}, use) => {
    // One page at a time makes the render long enough to die in the middle of.
    const server = await startAppServer({ RENDER_PARALLELISM: "1", ANSWER_SETTLE_TIMEOUT: "1s" });
    await use(server);
    await server.stop();
  },
});

const ANSWERS = ["Ivy", "she is 6 and loves dragons", "long brown hair and a purple dress", "a castle", "her pony Clover", "kindness", "gentle", "watercolour", "8", "no"];

async function json<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<T> {
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

test("a kill -9 in the middle of rendering loses nothing, duplicates nothing and charges once", async ({ page, crashable }) => {
  test.setTimeout(120_000);
  await signUp(page, crashable.url, "Crash");
  const api = page.request;
  const { book } = await json<{ book: { id: string } }>(await api.post(`${crashable.url}/api/books`));
  const history = async () => (await json<{ messages: { role: string }[] }>(await api.get(`${crashable.url}/api/chat/${book.id}/history`))).messages;
  await expect.poll(async () => (await history()).length, { timeout: 15_000 }).toBe(1);
  for (const [index, content] of ANSWERS.entries()) {
    await json(await api.post(`${crashable.url}/api/chat/${book.id}/message`, { data: { content, clientMessageId: `a-${index}` } }));
    await expect.poll(async () => (await history()).filter((m) => m.role === "assistant").length, { timeout: 15_000 }).toBeGreaterThan(index + 1);
  }
  const status = async () => (await json<{ job: { status: string; currentPage: number } }>(await api.get(`${crashable.url}/api/jobs/${book.id}`))).job;
  await expect.poll(async () => (await status()).status, { timeout: 15_000 }).toBe("plot_review");
  await json(await api.post(`${crashable.url}/api/chat/${book.id}/approve`, { data: { decision: "approve" } }));

  await expect.poll(async () => (await status()).currentPage, { timeout: 30_000, intervals: [50] }).toBeGreaterThanOrEqual(2);
  const atCrash = await status();
  await crashable.crash();
  expect(atCrash.status).toBe("rendering");
  expect(atCrash.currentPage).toBeLessThan(8);

  await crashable.start();
  await expect.poll(async () => (await status()).status, { timeout: 60_000 }).toBe("complete");

  const { book: finished } = await json<{ book: { pages: { number: number }[] } }>(await api.get(`${crashable.url}/api/books/${book.id}`));
  expect(finished.pages.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  const objects = readdirSync(join(crashable.dataDir, "objects", "books", book.id, "pages"));
  expect(objects.sort()).toEqual(["00.png", "01.png", "02.png", "03.png", "04.png", "05.png", "06.png", "07.png", "08.png"]);
  const { user } = await json<{ user: { credits: number; availableCredits: number } }>(await api.get(`${crashable.url}/api/me`));
  expect(user).toMatchObject({ credits: 2, availableCredits: 2 });
  const pdf = await api.get(`${crashable.url}/api/books/${book.id}/pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
});
