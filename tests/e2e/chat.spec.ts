import type { Page } from "@playwright/test";
import { expect, signUp, test } from "./fixtures";

// A reply can take a few seconds when a message lands just before the
// workflow starts waiting (see waitForInbox); allow for it.
const REPLY_TIMEOUT = { timeout: 15_000 };

test("design a book by chatting, leave, survive a server restart, log in again, revise and approve", async ({ page, app, browser }) => {
  const email = await signUp(page, app.url, "Priya");
  await page.getByRole("button", { name: "New book" }).first().click();
  await expect(page).toHaveURL(/\/books\/[\w-]+$/);
  const bookUrl = page.url();

  const log = page.getByRole("log", { name: "Conversation with Bookbug" });
  await expect(log.getByText(/Hi! I'm Bookbug/)).toBeVisible();

  const conversation = chatting(page);
  await conversation.say("Maya");
  await expect(log.getByText(/Maya/).last()).toBeVisible();
  await conversation.say("she's 5 and loves trains and her cat Miso");
  await conversation.say("curly black hair and a yellow raincoat");
  await conversation.tap("An enchanted forest");
  await page.screenshot({ path: "tests/e2e/artifacts/chat.png", fullPage: true });
  const openQuestion = await page.getByTestId("message-assistant").last().textContent();

  // They close the page mid-conversation; the server is restarted meanwhile.
  await page.context().close();
  await app.restart();

  // Later, on a fresh browser: log in, find the draft, and carry on.
  const later = await browser.newContext();
  const again = await later.newPage();
  await again.goto(`${app.url}/login`);
  await again.getByLabel("Email").fill(email);
  await again.getByLabel("Password").fill("bedtime-stories");
  await again.getByRole("button", { name: "Log in" }).click();
  await expect(again).toHaveURL(`${app.url}/books`);
  await again.getByRole("link", { name: /Continue/ }).first().click();
  await expect(again).toHaveURL(bookUrl);
  await expect(again.getByTestId("message-user")).toHaveCount(4);
  await expect(again.getByTestId("message-assistant").last()).toHaveText(openQuestion ?? "");
  await expect(again.getByRole("group", { name: "Quick replies" }).getByRole("button", { name: "Being brave" })).toBeVisible();

  const resumed = chatting(again);
  await resumed.tap("Being brave");
  await resumed.say("funny, please");
  await resumed.tap("Watercolour");
  await resumed.tap("8 pages");
  await resumed.say("For Maya, who is braver than she knows");

  await expect(again.getByTestId("book-status")).toHaveText("Plot ready for review", REPLY_TIMEOUT);
  await expect(again.locator(".plot__pages li")).toHaveCount(8);
  await expect(again.locator(".plot__pages")).toContainText("Miso");
  await again.screenshot({ path: "tests/e2e/artifacts/plot-review.png", fullPage: true });

  await again.getByRole("button", { name: "Ask for changes" }).click();
  await again.getByLabel("What should change?").fill("add more dinosaurs");
  await again.getByRole("button", { name: "Send changes" }).click();
  await expect(again.getByText("Plot · version 2")).toBeVisible(REPLY_TIMEOUT);
  await expect(again.locator(".plot__pages")).toContainText("dinosaurs");

  await again.getByRole("button", { name: /Approve and illustrate/ }).click();
  await expect(again.getByTestId("book-status")).toHaveText(/Queued for illustration|Being illustrated|Complete/, REPLY_TIMEOUT);
  await later.close();
});

/** Answers in the chat by typing or by tapping a quick reply, and waits for Bookbug's reply. */
function chatting(page: Page) {
  const composer = page.getByLabel("Your answer");
  return {
    async say(text: string) {
      const replies = await page.getByTestId("message-assistant").count();
      await composer.fill(text);
      await composer.press("Enter");
      await expect.poll(() => page.getByTestId("message-assistant").count(), REPLY_TIMEOUT).toBeGreaterThan(replies);
    },
    async tap(chip: string) {
      const replies = await page.getByTestId("message-assistant").count();
      await page.getByRole("group", { name: "Quick replies" }).getByRole("button", { name: chip }).click();
      // The last answer brings two replies (the summary and the plot) close together.
      await expect.poll(() => page.getByTestId("message-assistant").count(), REPLY_TIMEOUT).toBeGreaterThan(replies);
    },
  };
}

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
  // A quick reply is a plain form button too.
  const chip = plain.getByRole("group", { name: "Quick replies" }).getByRole("button").first();
  const chipText = (await chip.textContent()) ?? "";
  await chip.click();
  await expect(plain.getByTestId("message-user").last()).toContainText(chipText);
  await expect(async () => {
    await plain.reload();
    await expect(plain.getByTestId("message-assistant")).toHaveCount(3, { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await context.close();
});
