import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "../tests/e2e/app-server";
import { bookbug, bookbugJson, holdRendering, INTERVIEW_ANSWERS, loggedInUser, startBookbug } from "../tests/utils/bookbug-cli";
import { waitFor } from "../tests/utils/wait-for";
import type { ApiBook } from "./api";

// Real retry backoff (15 s before a failed page is tried again), so a book
// whose uploads are held stays `rendering` for minutes: long enough to cancel
// it, or to restart the server under a running `bookbug watch`, deterministically.
let server: Awaited<ReturnType<typeof startAppServer>>;

beforeAll(async () => {
  server = await startAppServer({ ENGINE_BACKOFF_SCALE: "1" });
}, 60_000);
afterAll(() => server.stop());

interface Me {
  credits: number;
  availableCredits: number;
}

/** A book designed through the CLI and approved while its uploads are held. */
async function heldRender(name: string) {
  const user = await loggedInUser(server.url, name);
  const made = await bookbug(["new"], { configDir: user.configDir, input: `${INTERVIEW_ANSWERS.join("\n")}\n` });
  expect(made.code).toBe(130);
  const id = /^New book ([0-9a-f-]{36})/m.exec(made.stdout)![1]!;
  const hold = holdRendering(server.dataDir, id);
  const approved = await bookbug(["approve", id], { configDir: user.configDir });
  expect(approved.code, approved.stderr).toBe(0);
  await waitFor(async () => (await bookbugJson<ApiBook>(["show", id], { configDir: user.configDir })).status === "rendering", { what: "rendering" });
  return { ...user, id, hold };
}

describe("bookbug cancel, retry and watch while things go wrong", () => {
  it("cancels a render (credit released) and retries the stopped book, charged once", async () => {
    const { configDir, id, hold } = await heldRender("canceller");
    expect(await bookbugJson<Me>(["whoami"], { configDir })).toMatchObject({ credits: 3, availableCredits: 2 });

    const cancelled = await bookbug(["cancel", id], { configDir });
    expect(cancelled).toMatchObject({
      code: 0,
      stdout: `Stopped. Nothing was charged and the credit is free again. Start it again with: bookbug retry ${id}\n`,
    });
    expect(await bookbugJson<ApiBook>(["show", id], { configDir })).toMatchObject({ status: "cancelled" });
    expect(await bookbugJson<Me>(["whoami"], { configDir })).toMatchObject({ credits: 3, availableCredits: 3 });
    const stopped = await bookbug(["watch", id], { configDir });
    expect(stopped).toMatchObject({ code: 1, stderr: `Illustration was stopped. Nothing was charged; start it again with: bookbug retry ${id}\n` });
    expect(await bookbug(["cancel", id], { configDir })).toMatchObject({ code: 7 });

    hold.release();
    // Held again until the watch is following, so it can't start after the book is done.
    const again = holdRendering(server.dataDir, id);
    expect((await bookbug(["retry", id], { configDir })).code).toBe(0);
    const watching = startBookbug(["watch", id, "--json"], { configDir });
    await watching.until(/^\{"event":"job".*"status":"(queued|rendering)"/m);
    again.release();
    const watched = await watching.ended;
    expect(watched.code, watched.stderr).toBe(0);
    const events = watched.stdout.trim().split("\n").map((line) => JSON.parse(line) as { event: string; id?: number; status?: string; number?: number });
    expect(events[0]).toMatchObject({ event: "job", bookId: id });
    expect(events.at(-1)).toMatchObject({ event: "status", status: "complete" });
    const pages = events.filter((event) => event.event === "page").map((event) => event.number);
    expect(new Set(pages).size).toBe(pages.length);
    // Event ids only go forward: nothing repeated.
    const ids = events.slice(1).map((event) => event.id!);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(await bookbugJson<Me>(["whoami"], { configDir })).toMatchObject({ credits: 2, availableCredits: 2 });
  }, 180_000);

  it("keeps watching across a server restart, and stops on an expired login (3) or a server gone for good (6)", async () => {
    const { configDir, email, id } = await heldRender("watcher");

    // The server dies under the watch and comes back: it reconnects and sees the book stopped.
    const first = startBookbug(["watch", id], { configDir });
    await first.until(/^Watching/m);
    await server.crash();
    await server.start();
    expect((await bookbug(["cancel", id], { configDir })).code).toBe(0);
    expect(await first.ended).toMatchObject({ code: 1, stderr: `Illustration was stopped. Nothing was charged; start it again with: bookbug retry ${id}\n` });

    // The login expires while watching: the next reconnection is refused for good.
    expect((await bookbug(["retry", id], { configDir })).code).toBe(0);
    const second = startBookbug(["watch", id], { configDir });
    await second.until(/^Watching/m);
    const db = createClient({ url: `file:${join(server.dataDir, "bookbug.db")}`, timeout: 5_000 });
    await db.execute({ sql: "update api_tokens set expires_at = 0 where user_id = (select id from users where email = ?)", args: [email] });
    db.close();
    await server.crash();
    await server.start();
    expect(await second.ended).toMatchObject({ code: 3, stderr: "Your login has expired. Run `bookbug login`.\n" });

    // The server goes away and stays away: a clear message once the reconnection budget is spent.
    expect((await bookbug(["login"], { configDir })).code).toBe(0);
    const third = startBookbug(["watch", id], { configDir, env: { BOOKBUG_RECONNECT_SECONDS: "2" } });
    await third.until(/^Watching/m);
    await server.crash();
    const gone = await third.ended;
    await server.start();
    expect(gone.code).toBe(6);
    expect(gone.stderr).toMatch(
      new RegExp(`^Lost touch with Bookbug at ${server.url.replace(/\./g, "\\.")} \\(.+\\) and couldn't reconnect for 2 s\\. The illustrations carry on without you; follow them again with: bookbug watch ${id}\\n$`),
    );
    expect((await bookbug(["cancel", id], { configDir })).code).toBe(0);
  }, 180_000);
});
