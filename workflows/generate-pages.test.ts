import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, count, eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bookJobs, books, creditLedger, failedJobs, notifications, renderedPages, users } from "../db/schema";
import { reviewPlot } from "../app/utils/chat.server";
import { getDb } from "../app/utils/db.server";
import { cancelRender, retryRender } from "../app/utils/renders.server";
import { getAvailableCredits } from "../app/utils/users.server";
import { bookRow, createTestUser, waitForStatus } from "../tests/utils/books";
import { waitFor } from "../tests/utils/wait-for";
import { startWorkflowHarness, type WorkflowHarness } from "../tests/utils/workflow-harness";
import { offlinePlot } from "./agents/offline/plot";
import type { BookBrief } from "./brief";
import { inngest } from "./client";
import { bookRenderRequested } from "./events";
import { getIllustrator, setIllustratorForTests, type Illustrator } from "./illustrator";
import { completeBook } from "./render-book";
import { bookPdfKey, getObjectStore } from "./storage";

let harness: WorkflowHarness;

beforeAll(async () => {
  harness = await startWorkflowHarness({ OBJECTS_DIR: mkdtempSync(join(tmpdir(), "bookbug-objects-")), RENDER_PARALLELISM: "3" });
});
afterAll(async () => {
  await harness.close();
});
afterEach(() => setIllustratorForTests(undefined));

const brief: BookBrief = {
  heroName: "Ada",
  heroAge: 6,
  pronoun: "she",
  looks: { hair: "short blonde hair", clothes: "green hoodie" },
  loves: ["rockets"],
  setting: "outer space",
  companion: { kind: "robot", name: "Bolt" },
  lesson: "trying again",
  tone: "adventurous",
  // Ink scenes rasterise fastest; the benchmark measures the others.
  artStyle: "storybook ink",
  pageCount: 12,
  dedication: "For Ada, who never gives up",
};

/** A book whose plot was approved (credit reserved), handed to the page function. */
async function approvedBook(userId: string, pageCount: 8 | 12 | 16 = 12) {
  const db = await getDb();
  const bookId = randomUUID();
  const jobId = randomUUID();
  const plot = offlinePlot(bookId, { ...brief, pageCount }, 1);
  await db.insert(books).values({ id: bookId, userId, status: "queued", brief: { ...brief, pageCount }, plot, plotVersion: 1, title: plot.title, pageCount });
  await db.insert(bookJobs).values({ id: jobId, bookId, totalPages: pageCount });
  await inngest.send(bookRenderRequested.create({ bookId, userId, jobId, plotVersion: 1, plot }));
  return { bookId, jobId, plot };
}

/** Wraps the real illustrator; `fail(page, call)` decides when to throw. */
function flakyIllustrator(fail: (page: number, call: number) => boolean) {
  const real = getIllustrator();
  const calls = new Map<number, number>();
  const illustrator: Illustrator = {
    name: "flaky",
    async drawScene(request) {
      const call = (calls.get(request.pageNumber) ?? 0) + 1;
      calls.set(request.pageNumber, call);
      if (fail(request.pageNumber, call)) throw new Error(`illustration service hiccup on page ${request.pageNumber}`);
      return real.drawScene(request);
    },
  };
  return { illustrator, calls };
}

async function ledgerFor(userId: string) {
  const db = await getDb();
  return db.select().from(creditLedger).where(eq(creditLedger.userId, userId));
}

async function pageRows(bookId: string) {
  const db = await getDb();
  return db.select().from(renderedPages).where(eq(renderedPages.bookId, bookId));
}

describe("generate-pages through the engine", () => {
  it("renders a 12-page book with cover and PDF, charging one credit", async () => {
    const userId = await createTestUser(3);
    const { bookId } = await approvedBook(userId);
    expect(await getAvailableCredits(userId)).toBe(2);
    await waitForStatus(bookId, "complete");

    const rows = await pageRows(bookId);
    expect(rows.map((r) => r.pageNumber).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(rows.find((r) => r.pageNumber === 1)?.text).toContain("Ada");
    const objects = await getObjectStore().list(`books/${bookId}/`);
    expect(objects).toHaveLength(14);
    const pdf = await PDFDocument.load((await getObjectStore().get(bookPdfKey(bookId)))!.body);
    // Cover, dedication, twelve story pages.
    expect(pdf.getPageCount()).toBe(14);

    expect((await ledgerFor(userId)).filter((row) => row.delta < 0)).toEqual([expect.objectContaining({ delta: -1, idempotencyKey: `charge:${bookId}` })]);
    const db = await getDb();
    expect((await db.query.users.findFirst({ where: eq(users.id, userId) }))?.credits).toBe(2);
    expect(await getAvailableCredits(userId)).toBe(2);
    expect(await db.query.notifications.findFirst({ where: eq(notifications.bookId, bookId) })).toMatchObject({ kind: "book_complete" });
    const job = await db.query.bookJobs.findFirst({ where: eq(bookJobs.bookId, bookId) });
    expect(job).toMatchObject({ stage: "complete", currentPage: 12, totalPages: 12 });
  });

  it("retries a provider that fails twice, then charges exactly once", async () => {
    const { illustrator, calls } = flakyIllustrator((page, call) => page === 3 && call <= 2);
    setIllustratorForTests(illustrator);
    const userId = await createTestUser(3);
    const { bookId } = await approvedBook(userId, 8);
    await waitForStatus(bookId, "complete");
    expect(calls.get(3)).toBe(3);
    expect((await ledgerFor(userId)).filter((row) => row.delta < 0)).toHaveLength(1);
    expect(await pageRows(bookId)).toHaveLength(9);
  });

  it("dead-letters a render that always fails, releases the credit, and retries for free", async () => {
    let broken = true;
    const { illustrator, calls } = flakyIllustrator((page) => broken && page === 5);
    setIllustratorForTests(illustrator);
    const userId = await createTestUser(1);
    const { bookId } = await approvedBook(userId, 8);
    expect(await getAvailableCredits(userId)).toBe(0);

    await waitForStatus(bookId, "failed");
    const db = await getDb();
    const deadLetter = await waitFor(() => db.query.failedJobs.findFirst({ where: eq(failedJobs.bookId, bookId) }), { what: "dead-letter row" });
    expect(deadLetter.functionId).toBe("bookbug-generate-pages");
    expect(deadLetter.event).toMatchObject({ name: "book/render.requested", data: { bookId, userId } });
    expect(JSON.stringify(deadLetter.error)).toContain("illustration service hiccup on page 5");
    expect(await getAvailableCredits(userId)).toBe(1);
    expect((await ledgerFor(userId)).filter((row) => row.delta < 0)).toHaveLength(0);
    const job = await db.query.bookJobs.findFirst({ where: eq(bookJobs.bookId, bookId) });
    expect(job?.error).toBe("We couldn't finish illustrating this book. Nothing was charged — press Retry to try again for free.");
    const drawnBefore = new Map(calls);

    broken = false;
    await retryRender(userId, bookId);
    await waitForStatus(bookId, "complete");
    // Pages drawn before the failure were kept, not drawn again.
    for (const [page, before] of drawnBefore) if (page !== 5) expect(calls.get(page)).toBe(before);
    expect((await ledgerFor(userId)).filter((row) => row.delta < 0)).toHaveLength(1);
    expect((await db.query.users.findFirst({ where: eq(users.id, userId) }))?.credits).toBe(0);
    const [pages] = await db.select({ n: count() }).from(renderedPages).where(eq(renderedPages.bookId, bookId));
    expect(pages?.n).toBe(9);
    expect((await db.query.failedJobs.findFirst({ where: eq(failedJobs.bookId, bookId) }))?.retriedAt).not.toBeNull();
  });

  it("stops rendering on cancel and releases the reservation", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const atGate = new Promise<void>((resolve) => (reached = resolve));
    const real = getIllustrator();
    setIllustratorForTests({
      name: "gated",
      async drawScene(request) {
        if (request.pageNumber === 4) {
          reached();
          await gate;
        }
        return real.drawScene(request);
      },
    });
    const userId = await createTestUser(2);
    const { bookId } = await approvedBook(userId, 8);
    await atGate;
    await cancelRender(userId, bookId);
    expect(await getAvailableCredits(userId)).toBe(2);
    const run = await waitFor(async () => {
      const runs = await harness.runs("generate-pages");
      return runs.find((r) => r.event.data.bookId === bookId && r.status === "cancelled") ?? null;
    }, { what: "cancelled render run" });
    release();
    expect(run.status).toBe("cancelled");
    expect((await bookRow(bookId))?.status).toBe("cancelled");
    expect((await ledgerFor(userId)).filter((row) => row.delta < 0)).toHaveLength(0);
  });

  it("leaves a book cancelled in the last moment of rendering cancelled and uncharged", async () => {
    const userId = await createTestUser(3);
    const db = await getDb();
    const bookId = randomUUID();
    const jobId = randomUUID();
    await db.insert(books).values({ id: bookId, userId, status: "cancelled", brief, plotVersion: 1, pageCount: 8 });
    await db.insert(bookJobs).values({ id: jobId, bookId, totalPages: 8 });
    // The final step runs after the parent pressed Stop.
    expect(await completeBook(bookId, jobId)).toEqual({ charged: false });
    expect((await bookRow(bookId))?.status).toBe("cancelled");
    expect(await ledgerFor(userId)).toEqual([]);
    expect((await db.query.users.findFirst({ where: eq(users.id, userId) }))?.credits).toBe(3);
  });

  it("refuses a sixth concurrent render with a clear error", async () => {
    const userId = await createTestUser(10);
    const db = await getDb();
    for (let i = 0; i < 5; i++) {
      await db.insert(books).values({ id: randomUUID(), userId, status: "rendering", brief: {} });
    }
    const plot = offlinePlot("x", brief, 1);
    const bookId = randomUUID();
    await db.insert(books).values({ id: bookId, userId, status: "plot_review", brief, plot, plotVersion: 1 });
    await expect(reviewPlot(userId, bookId, { decision: "approve" })).rejects.toMatchObject({
      status: 429,
      code: "too_many_renders",
      message: "You already have 5 books being illustrated. Try again when one finishes.",
    });
    expect(await db.query.books.findFirst({ where: and(eq(books.id, bookId)) })).toMatchObject({ status: "plot_review" });
  });
});
