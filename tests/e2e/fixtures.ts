import { test as base, expect, type Page } from "@playwright/test";
import { startAppServer } from "./app-server";

type AppServer = Awaited<ReturnType<typeof startAppServer>>;

/** One real server (fresh database, free ports) per worker. */
export const test = base.extend<object, { app: AppServer }>({
  app: [
    async ({}, use) => {
      const server = await startAppServer();
      await use(server);
      await server.stop();
    },
    { scope: "worker" },
  ],
});

export { expect };

export async function signUp(page: Page, baseUrl: string, name = "Sam") {
  const email = `${name.toLowerCase().replace(/\W+/g, "")}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("bedtime-stories");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`${baseUrl}/books`);
  return email;
}
