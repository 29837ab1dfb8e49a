import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookJobs, books, creditLedger, failedJobs } from "../../db/schema";
import { outcomeOf } from "../../tests/utils/action-result";
import { bookRow, createTestUser, waitForStatus } from "../../tests/utils/books";
import { cookieHeader, formPost } from "../../tests/utils/form-request";
import { startWorkflowHarness, type WorkflowHarness } from "../../tests/utils/workflow-harness";
import { offlinePlot } from "../../workflows/agents/offline/plot";
import type { BookBrief } from "../../workflows/brief";
import { getDb } from "../utils/db.server";
import { startUserSession } from "../utils/session.server";
import { action } from "./books._index";

let harness: WorkflowHarness;

beforeAll(async () => {
  harness = await startWorkflowHarness({ OBJECTS_DIR: mkdtempSync(join(tmpdir(), "bookbug-objects-")), RENDER_PARALLELISM: "4" });
});
afterAll(async () => {
  await harness.close();
});

const context = { clientIp: "10.3.0.1" };
// Ink scenes rasterise fastest.
const brief: BookBrief = { heroName: "Ada", heroAge: 6, pronoun: "she", setting: "outer space", tone: "adventurous", artStyle: "storybook ink", pageCount: 8 };

/** A book whose render failed for good: dead-letter row, reservation released. */
async function failedBook(userId: string, status: "failed" | "complete" = "failed") {
  const db = await getDb();
  const bookId = randomUUID();
  const plot = offlinePlot(bookId, brief, 1);
  await db.insert(books).values({ id: bookId, userId, status, brief, plot, plotVersion: 1, title: plot.title, pageCount: 8 });
  await db.insert(bookJobs).values({ id: randomUUID(), bookId, stage: "failed", totalPages: 8, error: "We couldn't finish illustrating this book." });
  await db.insert(failedJobs).values({ id: `failed:${randomUUID()}`, bookId, userId, functionId: "generate-pages", runId: null, event: {}, error: { message: "boom" } });
  return bookId;
}

async function retryFromLibrary(userId: string, bookId: string, options: { csrf?: boolean } = {}) {
  const cookie = cookieHeader((await startUserSession(userId, "/")).headers.get("Set-Cookie"));
  const request = await formPost("/books", { intent: "retry", bookId }, { cookie, csrf: options.csrf });
  try {
    return outcomeOf<{ bookId: string; error: string }>(await action({ request, params: {}, context }));
  } catch (thrown) {
    if (thrown instanceof Response) return outcomeOf<{ bookId: string; error: string }>(thrown);
    throw thrown;
  }
}

describe("the library's Retry", () => {
  it("retries a failed book for free with a plain form post, then goes back to the gallery", async () => {
    const userId = await createTestUser(1);
    const bookId = await failedBook(userId);
    const outcome = await retryFromLibrary(userId, bookId);
    expect(outcome.status).toBe(303);
    expect(outcome.headers.get("Location")).toBe("/books");
    expect(["queued", "rendering", "complete"]).toContain((await bookRow(bookId))?.status);

    await waitForStatus(bookId, "complete");
    const db = await getDb();
    expect(await db.select().from(creditLedger).where(eq(creditLedger.bookId, bookId))).toHaveLength(1);
    const [deadLetter] = await db.select().from(failedJobs).where(eq(failedJobs.bookId, bookId));
    expect(deadLetter?.retriedAt).toBeInstanceOf(Date);
  });

  it("refuses a form without the CSRF token and changes nothing", async () => {
    const userId = await createTestUser();
    const bookId = await failedBook(userId);
    const outcome = await retryFromLibrary(userId, bookId, { csrf: false });
    expect(outcome.status).toBe(403);
    expect((await bookRow(bookId))?.status).toBe("failed");
  });

  it("explains why a book that did not fail cannot be retried", async () => {
    const userId = await createTestUser();
    const bookId = await failedBook(userId, "complete");
    const outcome = await retryFromLibrary(userId, bookId);
    expect(outcome.status).toBe(409);
    expect(outcome.data).toEqual({ bookId, error: "Only a book whose illustration failed or was stopped can be retried." });
  });

  it("treats another user's book as missing", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const bookId = await failedBook(owner);
    expect((await retryFromLibrary(stranger, bookId)).status).toBe(404);
    expect((await bookRow(bookId))?.status).toBe("failed");
  });

  it("says so when no credit is free", async () => {
    const userId = await createTestUser(0);
    const bookId = await failedBook(userId);
    const outcome = await retryFromLibrary(userId, bookId);
    expect(outcome.status).toBe(402);
    expect(outcome.data?.error).toMatch(/credit/);
    expect((await bookRow(bookId))?.status).toBe("failed");
  });
});
