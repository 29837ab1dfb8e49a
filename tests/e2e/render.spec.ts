import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { PDFDocument } from "pdf-lib";
import { startAppServer } from "./app-server";
import { expect, signUp, test as base } from "./fixtures";

/**
 * The render, watched from the browser. The illustrator is a loopback
 * stand-in for Claude that the test paces: it holds each drawing until the
 * test releases it (or refuses it), so pages land exactly when the test
 * says. Its replies carry no drawing, so every page gets the offline
 * scene, as a real unusable reply would.
 */
type Mode = "answer" | "hold" | "fail";

async function startPacedIllustrator() {
  const modes = new Map<string, Mode>();
  const held: { hero: string; answer: () => void; refuse: () => void }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const body = JSON.parse(raw || "{}") as { model?: string; messages?: { content: string }[] };
      const prompt = body.messages?.[0]?.content ?? "";
      const hero = /The hero <brief>\n(.*?)\n<\/brief>/.exec(prompt)?.[1] ?? "";
      const answer = () =>
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            id: "msg_paced",
            type: "message",
            role: "assistant",
            model: body.model ?? "claude",
            content: [{ type: "text", text: "(no drawing today)" }],
            stop_reason: "end_turn",
            stop_sequence: null,
            usage: { input_tokens: 1, output_tokens: 1 },
          }),
        );
      const refuse = () =>
        res
          .writeHead(400, { "content-type": "application/json" })
          .end(JSON.stringify({ type: "error", error: { type: "invalid_request_error", message: "refused for the test" } }));
      const mode = modes.get(hero) ?? "answer";
      if (mode === "answer") answer();
      else if (mode === "fail") refuse();
      else held.push({ hero, answer, refuse });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const take = (hero: string) => {
    const index = held.findIndex((request) => request.hero === hero);
    return index < 0 ? undefined : held.splice(index, 1)[0];
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mode(hero: string, mode: Mode) {
      modes.set(hero, mode);
    },
    /** Lets the oldest held drawing for `hero` through. */
    async release(hero: string) {
      await expect.poll(() => held.some((request) => request.hero === hero), { message: `a drawing for ${hero} to be requested` }).toBe(true);
      take(hero)?.answer();
    },
    refuseHeld(hero: string) {
      for (let request = take(hero); request; request = take(hero)) request.refuse();
    },
    answerEverything() {
      modes.clear();
      for (const request of held.splice(0)) request.answer();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Illustrator = Awaited<ReturnType<typeof startPacedIllustrator>>;
type Studio = {
  url: string;
  illustrator: Illustrator;
  /** Each book once its plot is ready for review (designed in the background). */
  book(hero: Hero): Promise<string>;
  storageState: Awaited<ReturnType<BrowserContext["storageState"]>>;
};

const HEROES = ["Maya", "Zara", "Leo", "Ivy"] as const;
type Hero = (typeof HEROES)[number];
const DEDICATION = "For Maya, who is braver than she knows";

function answersFor(hero: Hero) {
  return [
    hero,
    "5 and loves trains",
    "curly black hair and a yellow raincoat",
    "an enchanted forest",
    "a cat called Miso",
    "being brave",
    "funny",
    // Ink scenes rasterise fastest.
    "ink",
    "8",
    hero === "Maya" ? DEDICATION : "no",
  ];
}

// The server may close an idle keep-alive connection just as it is reused,
// which resets that request: reads, and posts that carry an idempotency key,
// are simply sent again.
const AGAIN = { maxRetries: 2 };

async function ok<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<T> {
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

/** Designs a book through the API (the chat itself is chat.spec's business) up to its plot review. */
async function designBook(api: APIRequestContext, url: string, hero: Hero) {
  const { book } = await ok<{ book: { id: string } }>(await api.post(`${url}/api/books`));
  const assistantSaid = async () =>
    (await ok<{ messages: { role: string }[] }>(await api.get(`${url}/api/chat/${book.id}/history`, AGAIN))).messages.filter((m) => m.role === "assistant").length;
  const status = async () => (await ok<{ job: { status: string } }>(await api.get(`${url}/api/jobs/${book.id}`, AGAIN))).job.status;
  // Like an approval, an answer can wait for the next inbox check (see WORKFLOW_TURN).
  const often = { timeout: 75_000, intervals: [100] };
  await expect.poll(assistantSaid, often).toBe(1);
  for (const [index, content] of answersFor(hero).entries()) {
    if ((await status()) !== "intake") break;
    await ok(await api.post(`${url}/api/chat/${book.id}/message`, { data: { content, clientMessageId: `${hero}-${index}` }, ...AGAIN }));
    await expect.poll(assistantSaid, often).toBeGreaterThan(index + 1);
  }
  await expect.poll(status, { ...often, message: `${hero}'s plot` }).toBe("plot_review");
  return book.id;
}

// One server and one family for the whole file: the tests follow one
// library through its life (later ones look at books earlier ones made).
const test = base.extend<object, { studio: Studio }>({
  studio: [
    async ({ browser }, use) => {
      const illustrator = await startPacedIllustrator();
      const server = await startAppServer({
        ILLUSTRATOR: "anthropic",
        ANTHROPIC_API_KEY: "e2e-key",
        ANTHROPIC_BASE_URL: illustrator.url,
        FREE_CREDITS: "10",
      });
      const context = await browser.newContext();
      const page = await context.newPage();
      await signUp(page, server.url, "Robin");
      // The conversations run at once, while the first test uses the first book.
      const designs = new Map(HEROES.map((hero) => [hero, designBook(page.request, server.url, hero)]));
      const settled = Promise.allSettled(designs.values());
      const storageState = await context.storageState();
      await use({ url: server.url, illustrator, book: (hero) => designs.get(hero)!, storageState });
      await settled;
      await context.close();
      // Let held drawings finish, so the server stops without waiting on them.
      illustrator.answerEverything();
      await server.stop();
      await illustrator.close();
    },
    { scope: "worker", timeout: 60_000 },
  ],
});
test.describe.configure({ mode: "serial" });

declare global {
  interface Window {
    __streams: EventSource[];
  }
}

/** Keeps every EventSource the page makes, to see whether any is still open. */
function trackStreams() {
  const Native = window.EventSource;
  window.__streams = [];
  window.EventSource = class extends Native {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      window.__streams.push(this);
    }
  };
}

async function openPage(browser: Browser, studio: Studio, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ storageState: studio.storageState, ...options });
  if (options.javaScriptEnabled !== false) await context.addInitScript(trackStreams);
  return { context, page: await context.newPage() };
}

/** EventSources the page made, those not closed, and those connected. */
const streams = (page: Page) =>
  page.evaluate(() => ({
    made: window.__streams.length,
    open: window.__streams.filter((stream) => stream.readyState !== EventSource.CLOSED).length,
    live: window.__streams.filter((stream) => stream.readyState === EventSource.OPEN).length,
  }));

function progressOf(page: Page) {
  return {
    thumbs: page.getByTestId("page-thumb"),
    stage: page.getByTestId("render-stage"),
    bar: page.getByRole("progressbar", { name: "Book progress" }),
    count: page.getByTestId("render-count"),
  };
}

const percent = (n: number) => String(Math.round((n / 8) * 100));

/** A full-page picture for the artifacts, from the top (the header is sticky). */
async function snap(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `tests/e2e/artifacts/${name}.png`, fullPage: true });
}

const POLL_MS = 3_000;
const STREAM_URL = /\/api\/jobs\/[^/]+\/stream/;

/** Makes the live stream answer 503 (as a proxy that won't stream would) until `up`. */
async function blockStream(page: Page) {
  const stream = { up: false, answers: [] as number[] };
  await page.route(STREAM_URL, (route) =>
    stream.up ? route.continue() : route.fulfill({ status: 503, contentType: "text/plain", body: "Live updates are unavailable" }),
  );
  page.on("response", (response) => {
    if (STREAM_URL.test(response.url())) stream.answers.push(response.status());
  });
  return stream;
}

/** Counts the page's polls of `GET /api/jobs/:bookId`. */
function countPolls(page: Page, bookId: string) {
  const polls = { count: 0 };
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === `/api/jobs/${bookId}`) polls.count += 1;
  });
  return polls;
}

// An approval that lands just as the conversation moves from one wait to
// the next is picked up when the server looks again, within three seconds;
// allow for a busy machine.
const WORKFLOW_TURN = { timeout: 30_000 };

test("approve the plot, watch the pages arrive one by one, read the book and download its PDF", async ({ browser, studio }) => {
  // Includes waiting for the book's conversation, which runs in the background.
  test.setTimeout(180_000);
  const { illustrator } = studio;
  const books = { Maya: await studio.book("Maya") };
  illustrator.mode("Maya", "hold");
  const { context, page } = await openPage(browser, studio);
  await page.goto(`${studio.url}/books/${books.Maya}`);
  await expect(page.getByTestId("book-status")).toHaveText("Plot ready for review");
  await page.getByRole("button", { name: /Approve and illustrate/ }).click();
  await expect(page.getByTestId("book-status")).toHaveText(/Queued for illustration|Being illustrated/, WORKFLOW_TURN);

  const { thumbs, stage, bar, count } = progressOf(page);
  await expect(stage).toHaveText(/Getting the paints ready…|Illustrating page 1 of 8/);
  await expect(bar).toHaveAttribute("aria-valuenow", "0");
  await expect(thumbs).toHaveCount(0);

  // Every other drawing is held, so each release lands exactly one page.
  for (let n = 1; n <= 8; n += 1) {
    await illustrator.release("Maya");
    await expect(thumbs).toHaveCount(n);
    await expect(count).toHaveText(`${n} of 8 pages illustrated`);
    await expect(bar).toHaveAttribute("aria-valuenow", percent(n));
    if (n < 8) await expect(stage).toHaveText(`Illustrating page ${n + 1} of 8`);
    if (n === 3) await snap(page, "render-progress");
  }
  await expect(stage).toHaveText("Painting the cover…");
  expect(await streams(page)).toEqual({ made: 1, open: 1, live: 1 });
  await illustrator.release("Maya");

  await expect(page.getByRole("heading", { name: "Your book is ready!" })).toBeVisible({ timeout: 15_000 });
  await expect(thumbs).toHaveCount(9);
  await expect(page.getByRole("img", { name: "The cover" })).toBeVisible();
  // Finished: the page closed its stream (and the server ended it).
  await expect.poll(async () => (await streams(page)).open).toBe(0);
  await snap(page, "render-complete");

  // The reader: cover, dedication, then the pages, turned with the arrow keys.
  await page.getByRole("link", { name: "Read the book" }).click();
  const position = page.getByTestId("reader-position");
  await expect(position).toHaveText("1 / 10");
  await expect(page.getByRole("article", { name: "Cover" })).toBeVisible();
  await page.screenshot({ path: "tests/e2e/artifacts/render-reader-cover.png" });
  await page.keyboard.press("ArrowRight");
  await expect(position).toHaveText("2 / 10");
  await expect(page.getByRole("article", { name: "Dedication" })).toHaveText(DEDICATION);
  await page.screenshot({ path: "tests/e2e/artifacts/render-reader-dedication.png" });
  await page.keyboard.press("ArrowRight");
  await expect(position).toHaveText("3 / 10");
  await expect(page.getByRole("article", { name: "Page 1" })).toBeVisible();
  await expect(page.getByTestId("reader-text")).toContainText("Maya");
  await page.screenshot({ path: "tests/e2e/artifacts/render-reader.png" });
  for (let turn = 0; turn < 9; turn += 1) await page.keyboard.press("ArrowRight");
  await expect(position).toHaveText("10 / 10");
  await expect(page.getByRole("article", { name: "Page 8" })).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("article", { name: "Page 7" })).toBeVisible();

  // The PDF: cover, dedication and eight pages.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  const pdf = await PDFDocument.load(await readFile(await download.path()));
  expect(pdf.getPageCount()).toBe(10);
  await context.close();
});

test("without the live stream, the page polls, shows a stall, and goes back to the stream when it returns", async ({ browser, studio }) => {
  test.setTimeout(180_000);
  const { illustrator } = studio;
  const zara = await studio.book("Zara");
  illustrator.mode("Zara", "hold");
  const { context, page } = await openPage(browser, studio);
  // The page's timers run when the test says (time also flows as usual).
  await page.clock.install();
  const stream = await blockStream(page);
  const polls = countPolls(page, zara);

  await page.goto(`${studio.url}/books/${zara}`);
  await expect(page.getByTestId("book-status")).toHaveText("Plot ready for review");
  // A 503 closes an EventSource for good: the page polls at once instead.
  await expect.poll(() => polls.count).toBeGreaterThanOrEqual(1);
  await page.getByRole("button", { name: /Approve and illustrate/ }).click();
  await expect(page.getByTestId("book-status")).toHaveText(/Queued for illustration|Being illustrated/, WORKFLOW_TURN);

  const { thumbs, stage, bar, count } = progressOf(page);
  // The next poll brings the page (once it is stored: another tick if not yet).
  const pollUntil = (assertion: () => Promise<void>) =>
    expect(async () => {
      await page.clock.runFor(POLL_MS);
      await assertion();
    }).toPass({ timeout: 15_000 });
  for (let n = 1; n <= 2; n += 1) {
    await illustrator.release("Zara");
    const before = polls.count;
    await pollUntil(() => expect(thumbs).toHaveCount(n, { timeout: 1_000 }));
    expect(polls.count).toBeGreaterThan(before);
    await expect(count).toHaveText(`${n} of 8 pages illustrated`);
    await expect(bar).toHaveAttribute("aria-valuenow", percent(n));
    await expect(stage).toHaveText(`Illustrating page ${n + 1} of 8`);
  }
  expect(stream.answers.length).toBeGreaterThanOrEqual(1);
  expect(stream.answers.every((status) => status === 503)).toBe(true);
  // The parent is told the page is checking rather than streaming.
  await expect(page.getByTestId("render-connection")).toBeVisible();

  // Polls that bring nothing new are no news: five quiet minutes show the stall message.
  const stall = page.getByText("This is taking longer than usual");
  await expect(stall).toBeHidden();
  await page.clock.fastForward("05:05");
  await expect(stall).toBeVisible();
  await snap(page, "render-polling-stalled");
  await illustrator.release("Zara");
  await pollUntil(() => expect(thumbs).toHaveCount(3, { timeout: 1_000 }));
  await expect(stall).toBeHidden();

  // The stream is back: the page returns to it and stops polling.
  stream.up = true;
  const live = page.waitForResponse((response) => STREAM_URL.test(response.url()) && response.status() === 200);
  await page.clock.runFor(30_000);
  await live;
  await expect.poll(async () => (await streams(page)).live).toBe(1);
  await expect(page.getByTestId("render-connection")).toBeHidden();
  const pollsWhenLive = polls.count;
  await page.clock.runFor(30_000);
  expect(polls.count).toBe(pollsWhenLive);
  // Zara's book stays at three pages: the library test shows it being illustrated.
  await context.close();
});

test("the library shows each book's state, notifies, and retries a failed book for free, with or without scripts", async ({ browser, studio }) => {
  test.setTimeout(180_000);
  const { illustrator, url } = studio;
  const ids = await Promise.all(HEROES.map((hero) => studio.book(hero)));
  const books = Object.fromEntries(HEROES.map((hero, index) => [hero, ids[index]!])) as Record<Hero, string>;
  const { context, page } = await openPage(browser, studio);
  await page.clock.install();
  const api = page.request;
  const job = async (id: string) => (await ok<{ job: { status: string; currentPage: number } }>(await api.get(`${url}/api/jobs/${id}`, AGAIN))).job;

  // Leo's drawings are refused: the render fails.
  illustrator.mode("Leo", "fail");
  await ok(await api.post(`${url}/api/chat/${books.Leo}/approve`, { data: { decision: "approve", clientMessageId: "leo-approve" }, ...AGAIN }));
  await expect.poll(async () => (await job(books.Leo)).status, WORKFLOW_TURN).toBe("failed");

  await page.goto(`${url}/books`);
  const card = (hero: Hero) => page.getByRole("listitem").filter({ has: page.locator(`a[href="/books/${books[hero]}"]`) });
  await expect(card("Maya").locator(".badge")).toHaveText("Complete");
  await expect(card("Zara").locator(".badge")).toHaveText("Illustrating");
  await expect(card("Zara").getByRole("progressbar", { name: "Illustration progress" })).toHaveAttribute("aria-valuenow", "3");
  await expect(card("Ivy").locator(".badge")).toHaveText("Awaiting approval");
  await expect(card("Leo").locator(".badge")).toHaveText("Failed");
  await expect(card("Leo").getByRole("button", { name: /^Retry/ })).toBeVisible();
  await expect(card("Maya").locator("img")).toHaveJSProperty("complete", true);
  await snap(page, "library-states");

  // The header tells the family what happened while they were away. Maya's
  // book was read as soon as it was ready, so only Leo's news is unread.
  const bell = page.getByTestId("notifications");
  await expect(bell.getByTestId("notification-count")).toHaveText("1");
  const marked = page.waitForResponse((response) => new URL(response.url()).pathname === "/notifications" && response.request().method() === "POST");
  await bell.locator("summary").click();
  const notes = bell.getByTestId("notification");
  await expect(notes).toHaveText(["Leo's book couldn't be finished — retry for free", "Maya's book is ready — read it"].map((text) => new RegExp(text)));
  await page.screenshot({ path: "tests/e2e/artifacts/notifications.png" });
  // Seen: opening the list marked them read.
  await expect(bell.getByTestId("notification-count")).toBeHidden();
  expect((await marked).ok()).toBe(true);
  await page.reload();
  await expect(page.getByTestId("notification-count")).toBeHidden();
  await page.getByTestId("notifications").locator("summary").click();
  await page.getByRole("link", { name: "Maya's book is ready — read it" }).click();
  await expect(page).toHaveURL(`${url}/books/${books.Maya}/read`);

  // Retry without scripts: a plain form post, and the book is queued again for free.
  illustrator.mode("Leo", "hold");
  const credits = (await ok<{ user: { credits: number } }>(await api.get(`${url}/api/me`, AGAIN))).user.credits;
  const plain = await openPage(browser, studio, { javaScriptEnabled: false });
  await plain.page.goto(`${url}/books`);
  const leoCard = plain.page.getByRole("listitem").filter({ has: plain.page.locator(`a[href="/books/${books.Leo}"]`) });
  await leoCard.getByRole("button", { name: /^Retry/ }).click();
  await expect(plain.page).toHaveURL(`${url}/books`);
  await expect(leoCard.locator(".badge")).toHaveText(/Queued|Illustrating/);
  await expect(leoCard.getByRole("progressbar", { name: "Illustration progress" })).toBeVisible();
  await plain.context.close();

  // One page gets through, then it fails again.
  await illustrator.release("Leo");
  await expect.poll(async () => (await job(books.Leo)).currentPage).toBe(1);
  illustrator.mode("Leo", "fail");
  illustrator.refuseHeld("Leo");
  await expect.poll(async () => (await job(books.Leo)).status, WORKFLOW_TURN).toBe("failed");

  // The book page's own Retry follows the book again: here with the stream
  // unavailable, so by polling, which stops once the book is complete.
  const stream = await blockStream(page);
  const polls = countPolls(page, books.Leo);
  await page.goto(`${url}/books/${books.Leo}`);
  await expect(page.getByRole("heading", { name: "Illustration hit a snag" })).toBeVisible();
  await expect(progressOf(page).thumbs).toHaveCount(1);
  // A finished book is not followed.
  expect((await streams(page)).made).toBe(0);
  expect(polls.count).toBe(0);
  illustrator.mode("Leo", "answer");
  await page.getByRole("button", { name: "Retry for free" }).click();
  await expect(page.getByRole("heading", { name: "Your book is ready!" })).toBeVisible({ timeout: 30_000 });
  await expect(progressOf(page).thumbs).toHaveCount(9);
  expect((await streams(page)).made).toBeGreaterThanOrEqual(1);
  expect(stream.answers.every((status) => status === 503)).toBe(true);
  expect(polls.count).toBeGreaterThanOrEqual(1);
  // Finished: a minute on, nothing polls and no stream is tried again.
  await expect.poll(async () => (await streams(page)).open).toBe(0);
  const after = { polls: polls.count, streams: (await streams(page)).made };
  await page.clock.runFor(60_000);
  expect({ polls: polls.count, streams: (await streams(page)).made }).toEqual(after);

  // Retries are free: Leo's book is charged once, when it completes.
  expect((await ok<{ user: { credits: number } }>(await api.get(`${url}/api/me`, AGAIN))).user.credits).toBe(credits - 1);
  await context.close();
});
