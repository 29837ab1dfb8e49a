import { expect, signUp, test } from "./fixtures";

// A reply can take a few seconds when a message lands just before the
// workflow starts waiting (see waitForInbox); allow for it.
const REPLY_TIMEOUT = { timeout: 15_000 };

test("design a book by chatting, leave and come back, revise and approve the plot", async ({ page, app, browser }) => {
  await signUp(page, app.url, "Priya");
  await page.getByRole("button", { name: "New book" }).first().click();
  await expect(page).toHaveURL(/\/books\/[\w-]+$/);
  const bookUrl = page.url();

  const log = page.getByRole("log", { name: "Conversation with Bookbug" });
  await expect(log.getByText(/Hi! I'm Bookbug/)).toBeVisible();

  const composer = page.getByLabel("Your answer");
  async function say(text: string) {
    const replies = await page.getByTestId("message-assistant").count();
    await composer.fill(text);
    await composer.press("Enter");
    await expect(page.getByTestId("message-assistant")).toHaveCount(replies + 1, REPLY_TIMEOUT);
  }
  async function tap(chip: string) {
    const replies = await page.getByTestId("message-assistant").count();
    await page.getByRole("group", { name: "Quick replies" }).getByRole("button", { name: chip }).click();
    // The last answer brings two replies (the summary and the plot) close together.
    await expect.poll(() => page.getByTestId("message-assistant").count(), REPLY_TIMEOUT).toBeGreaterThan(replies);
  }

  await say("Maya");
  await expect(log.getByText(/Maya/).last()).toBeVisible();
  await say("she's 5 and loves trains and her cat Miso");
  await say("curly black hair and a yellow raincoat");
  await tap("An enchanted forest");
  await page.screenshot({ path: "tests/e2e/artifacts/chat.png", fullPage: true });

  // Leave, come back in another tab: the whole conversation and the open question are there.
  const other = await browser.newContext({ storageState: await page.context().storageState() });
  const otherPage = await other.newPage();
  await otherPage.goto(bookUrl);
  await expect(otherPage.getByTestId("message-user")).toHaveCount(4);
  await expect(otherPage.getByRole("group", { name: "Quick replies" }).getByRole("button", { name: "Being brave" })).toBeVisible();
  await other.close();

  await tap("Being brave");
  await tap("Funny");
  await tap("Watercolour");
  await tap("8 pages");
  await tap("No dedication");

  await expect(page.getByTestId("book-status")).toHaveText("Plot ready for review", REPLY_TIMEOUT);
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
  await expect(page.locator(".plot__pages li")).toHaveCount(8);
  await expect(page.locator(".plot__pages")).toContainText("Miso");
  await page.screenshot({ path: "tests/e2e/artifacts/plot-review.png", fullPage: true });

  await page.getByRole("button", { name: "Ask for changes" }).click();
  await page.getByLabel("What should change?").fill("make the goose friendlier and add more dinosaurs");
  await page.getByRole("button", { name: "Send changes" }).click();
  await expect(page.getByText("Plot · version 2")).toBeVisible(REPLY_TIMEOUT);
  await expect(page.locator(".plot__pages")).toContainText("dinosaurs");

  await page.getByRole("button", { name: /Approve and illustrate/ }).click();
  await expect(page.getByTestId("book-status")).toHaveText(/Queued for illustration|Being illustrated/, REPLY_TIMEOUT);

  // Pages appear one by one over the live stream, with a progress bar.
  await expect(page.getByRole("progressbar", { name: "Book progress" })).toBeVisible();
  await expect(page.getByTestId("page-thumb").first()).toBeVisible({ timeout: 30_000 });
  const seen = await page.getByTestId("page-thumb").count();
  expect(seen).toBeLessThan(9);
  await page.screenshot({ path: "tests/e2e/artifacts/progress.png", fullPage: true });
  await expect(page.getByRole("heading", { name: "Your book is ready!" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("page-thumb")).toHaveCount(9);
  const firstPicture = page.getByRole("img", { name: "Page 1" });
  await expect(firstPicture).toHaveJSProperty("complete", true);
  expect(await firstPicture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1024);

  // The reader: cover, dedication-free, eight pages; keyboard turns pages.
  await page.getByRole("link", { name: "Read the book" }).click();
  await expect(page.getByTestId("reader-position")).toHaveText("1 / 9");
  await page.screenshot({ path: "tests/e2e/artifacts/reader-cover.png" });
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("reader-position")).toHaveText("2 / 9");
  await expect(page.getByTestId("reader-text")).toContainText("Maya");
  await page.screenshot({ path: "tests/e2e/artifacts/reader.png" });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  const pdfPath = await download.path();
  const { PDFDocument } = await import("pdf-lib");
  const { readFile } = await import("node:fs/promises");
  const pdf = await PDFDocument.load(await readFile(pdfPath));
  expect(pdf.getPageCount()).toBe(9);

  await page.goto(`${app.url}/books`);
  await expect(page.getByTestId("available-credits")).toHaveText("2credits available");
  await expect(page.getByRole("link", { name: /Read/ })).toBeVisible();
  await page.screenshot({ path: "tests/e2e/artifacts/library-gallery.png", fullPage: true });
});

test("the chat works without JavaScript", async ({ browser, page, app }) => {
  await signUp(page, app.url, "Noor");
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await context.newPage();
  await plain.goto(`${app.url}/books`);
  await plain.getByRole("button", { name: "Start your first book" }).click();
  await expect(plain).toHaveURL(/\/books\/[\w-]+$/);
  // Without scripts nothing streams in: each reload shows what has arrived.
  await expect(async () => {
    await plain.reload();
    await expect(plain.getByText(/Hi! I'm Bookbug/)).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await plain.getByLabel("Your answer").fill("Noor's daughter Lina");
  await plain.getByRole("button", { name: "Send" }).click();
  await expect(plain.getByTestId("message-user")).toContainText(["Noor's daughter Lina"]);
  await expect(async () => {
    await plain.reload();
    await expect(plain.getByTestId("message-assistant")).toHaveCount(2, { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await context.close();
});
