import { expect, test } from "./fixtures";

test("sign up, see the library, log out, log in, and a wrong password is explained", async ({ page, app }) => {
  const email = `parent-${Date.now()}@example.com`;

  await page.goto(app.url);
  await expect(page.getByRole("heading", { name: "A story where your child is the hero." })).toBeVisible();
  await page.getByRole("link", { name: "Start your first book" }).click();

  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Your name").fill("Maya's mum");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("bedtime-stories");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(`${app.url}/books`);
  await expect(page.getByRole("heading", { name: "Hello, Maya's mum" })).toBeVisible();
  await expect(page.getByTestId("available-credits")).toHaveText("3credits available");
  await expect(page.getByRole("heading", { name: "No books yet" })).toBeVisible();
  await page.screenshot({ path: "tests/e2e/artifacts/library.png", fullPage: true });

  // A restart keeps the session: it lives in the database, not in memory.
  await app.restart();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Hello, Maya's mum" })).toBeVisible();

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(`${app.url}/`);
  await page.goto(`${app.url}/books`);
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fbooks$/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-my-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("That email and password don't match an account.");
  await expect(page.getByLabel("Email")).toHaveValue(email);

  await page.getByLabel("Password").fill("bedtime-stories");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(`${app.url}/books`);
  await expect(page.getByTestId("available-credits")).toHaveText("3credits available");
});

test("forms work without JavaScript and show errors next to their fields", async ({ browser, app }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${app.url}/signup`);
  await page.getByLabel("Your name").fill("No Script");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByText("Enter a password.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Email").fill(`noscript-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("plain-html-works");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Hello, No Script" })).toBeVisible();
  await context.close();
});
