import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookJobs, chatMessages, users } from "../db/schema";
import { createBook, deleteBook } from "../app/utils/books.server";
import { postMessage, reviewPlot } from "../app/utils/chat.server";
import { getDb } from "../app/utils/db.server";
import { getAvailableCredits } from "../app/utils/users.server";
import {
  answer,
  bookRow,
  createTestUser,
  FULL_INTERVIEW,
  messagesOf,
  waitForAssistantMessages,
  waitForStatus,
} from "../tests/utils/books";
import { waitFor } from "../tests/utils/wait-for";
import { startWorkflowHarness, type WorkflowHarness } from "../tests/utils/workflow-harness";
import type { Plot } from "./brief";
import { reserveCreditForApproval } from "./plot-review";

let harness: WorkflowHarness;

beforeAll(async () => {
  harness = await startWorkflowHarness();
});
afterAll(async () => {
  await harness.close();
});

async function bookAtPlotReview(credits = 3) {
  const userId = await createTestUser(credits);
  const book = await createBook(userId);
  await waitForAssistantMessages(book.id, 1);
  for (const text of FULL_INTERVIEW) await answer(userId, book.id, text);
  await waitForStatus(book.id, "plot_review");
  return { userId, bookId: book.id };
}

describe("create-book through the engine", () => {
  it("interviews, writes a plot that uses every detail, and hands the approved plot to generate-pages", async () => {
    const { userId, bookId } = await bookAtPlotReview();
    const book = await bookRow(bookId);
    expect(book?.brief).toMatchObject({
      heroName: "Maya",
      heroAge: 5,
      pronoun: "she",
      loves: ["trains"],
      companion: { kind: "cat", name: "Miso" },
      setting: "an enchanted forest",
      lesson: "being brave",
      tone: "funny",
      artStyle: "watercolour",
      pageCount: 8,
      dedication: "For Maya, who is braver than she knows",
    });
    const plot = book?.plot as Plot;
    expect(plot.pages).toHaveLength(8);
    const story = plot.pages.map((page) => page.beat).join(" ");
    for (const detail of ["Maya", "Miso", "trains", "enchanted forest", "yellow raincoat"]) expect(story).toContain(detail);

    // Every user message was answered, in order.
    const conversation = await messagesOf(bookId);
    expect(conversation.filter((m) => m.role === "user").every((m) => m.consumedAt)).toBe(true);
    expect(conversation.map((m) => m.role).slice(0, 4)).toEqual(["assistant", "user", "assistant", "user"]);

    await reviewPlot(userId, bookId, { decision: "approve" });
    await waitForStatus(bookId, "complete");
    expect(await getAvailableCredits(userId)).toBe(2);
    const runs = await waitFor(async () => {
      const found = await harness.runs("generate-pages");
      return found.find((run) => run.event.data.bookId === bookId && run.status === "completed") ?? null;
    }, { what: "generate-pages run" });
    expect(runs.event.data).toMatchObject({ bookId, userId, plotVersion: 1, plot });
    const db = await getDb();
    const job = await db.query.bookJobs.findFirst({ where: eq(bookJobs.bookId, bookId) });
    expect(job).toMatchObject({ stage: "complete", totalPages: 8 });
  });

  it("answers two messages sent back to back, in order, dropping neither", async () => {
    const userId = await createTestUser();
    const book = await createBook(userId);
    await waitForAssistantMessages(book.id, 1);
    const first = await postMessage(userId, book.id, { content: "Leo" });
    const second = await postMessage(userId, book.id, { content: "he is 4 and loves dinosaurs" });
    await waitForAssistantMessages(book.id, 3);
    const rows = await messagesOf(book.id);
    expect(rows.map((row) => [row.role, row.content.slice(0, 12)])).toEqual([
      ["assistant", expect.any(String)],
      ["user", "Leo"],
      ["user", "he is 4 and "],
      ["assistant", expect.any(String)],
      ["assistant", expect.any(String)],
    ]);
    expect(rows.find((r) => r.id === first.id)?.consumedAt).not.toBeNull();
    expect(rows.find((r) => r.id === second.id)?.consumedAt).not.toBeNull();
    expect((await bookRow(book.id))?.brief).toMatchObject({ heroName: "Leo", heroAge: 4, loves: ["dinosaurs"] });
  });

  it("stores a message sent twice with the same clientMessageId once, and answers it once", async () => {
    const userId = await createTestUser();
    const book = await createBook(userId);
    await waitForAssistantMessages(book.id, 1);
    const a = await postMessage(userId, book.id, { content: "Ada", clientMessageId: "tap-1" });
    const b = await postMessage(userId, book.id, { content: "Ada", clientMessageId: "tap-1" });
    expect(b.id).toBe(a.id);
    await waitForAssistantMessages(book.id, 2);
    await answer(userId, book.id, "six");
    const rows = await messagesOf(book.id);
    expect(rows.filter((row) => row.role === "user").map((row) => row.content)).toEqual(["Ada", "six"]);
    expect(rows.filter((row) => row.role === "assistant")).toHaveLength(3);
  });

  it("loops on revisions until the parent approves", async () => {
    const { userId, bookId } = await bookAtPlotReview();
    const first = (await bookRow(bookId))?.plot as Plot;
    await reviewPlot(userId, bookId, { decision: "revise", feedback: "Make it funnier and add more dinosaurs" });
    await waitFor(async () => ((await bookRow(bookId))?.plotVersion === 2 ? true : null), { what: "plot version 2" });
    const revised = (await bookRow(bookId))?.plot as Plot;
    expect(revised.summary).toMatch(/added dinosaurs/);
    expect(revised.pages.map((p) => p.beat).join(" ")).toContain("dinosaurs");
    expect(revised).not.toEqual(first);
    expect((await bookRow(bookId))?.status).toBe("plot_review");
    // The brief the revision implies is saved with it.
    expect((await bookRow(bookId))?.brief).toMatchObject({ tone: "funny", loves: ["trains", "dinosaurs"] });

    // Typing in the chat during review is a revision request too; each builds on the last.
    await postMessage(userId, bookId, { content: "make the goose friendlier" });
    await waitFor(async () => ((await bookRow(bookId))?.plotVersion === 3 ? true : null), { what: "plot version 3" });
    await postMessage(userId, bookId, { content: "make it longer" });
    await waitFor(async () => ((await bookRow(bookId))?.plotVersion === 4 ? true : null), { what: "plot version 4" });
    const longer = await bookRow(bookId);
    const story = (longer?.plot as Plot).pages.map((p) => p.beat).join(" ");
    expect((longer?.plot as Plot).pages).toHaveLength(12);
    expect(longer).toMatchObject({ pageCount: 12, brief: { pageCount: 12, tone: "funny", loves: ["trains", "dinosaurs"] } });
    expect(story).toContain("dinosaur");
    expect(story).toMatch(/friendly goose/);
    await reviewPlot(userId, bookId, { decision: "approve" });
    await waitFor(async () => (["rendering", "complete"].includes((await bookRow(bookId))?.status ?? "") ? true : null), { what: "rendering" });
  });

  it("refuses approval without a credit, clearly, and reserves nothing", async () => {
    const { userId, bookId } = await bookAtPlotReview(0);
    const before = await messagesOf(bookId);
    await expect(reviewPlot(userId, bookId, { decision: "approve" })).rejects.toMatchObject({
      status: 402,
      code: "no_credits",
      message: "You don't have a credit available. Each finished book uses one.",
    });
    expect(await messagesOf(bookId)).toHaveLength(before.length);
    expect((await bookRow(bookId))?.status).toBe("plot_review");
    const db = await getDb();
    expect(await db.query.bookJobs.findFirst({ where: eq(bookJobs.bookId, bookId) })).toBeUndefined();
    expect(await getAvailableCredits(userId)).toBe(0);

    // A credit arrives (e.g. another book failed); approving again works.
    await db.update(users).set({ credits: 1 }).where(eq(users.id, userId));
    await reviewPlot(userId, bookId, { decision: "approve" });
    await waitFor(async () => (["rendering", "complete"].includes((await bookRow(bookId))?.status ?? "") ? true : null), { what: "rendering" });
  });

  it("tells the parent in the chat when the credit is gone by the time the workflow reserves it", async () => {
    const { userId, bookId } = await bookAtPlotReview(1);
    const db = await getDb();
    // The approval passed the API's check, then the credit went to another book.
    const [approval] = await db.insert(chatMessages).values({ bookId, role: "user", content: "Approve this plot ✓", phase: "approve" }).returning();
    await db.update(users).set({ credits: 0 }).where(eq(users.id, userId));
    expect(await reserveCreditForApproval(bookId, approval!.id)).toEqual({ reserved: false, reason: "no_credits" });
    const last = (await messagesOf(bookId)).at(-1);
    expect(last).toMatchObject({ role: "assistant", chips: ["Approve"] });
    expect(last?.content).toContain("you don't have a credit available right now");
    expect(last?.phase).toBe("no_credits");
    expect((await bookRow(bookId))?.status).toBe("plot_review");
    // Replaying the same step changes nothing.
    expect(await reserveCreditForApproval(bookId, approval!.id)).toEqual({ reserved: false, reason: "no_credits" });
    expect((await messagesOf(bookId)).at(-1)?.id).toBe(last?.id);
  });

  it("cancels the conversation when the book is deleted", async () => {
    const userId = await createTestUser();
    const book = await createBook(userId);
    await waitForAssistantMessages(book.id, 1);
    await deleteBook(userId, book.id);
    const run = await waitFor(async () => {
      const found = await harness.runs("create-book");
      return found.find((r) => r.event.data.bookId === book.id && r.status === "cancelled") ?? null;
    }, { what: "cancelled run" });
    expect(run.status).toBe("cancelled");
    const db = await getDb();
    expect(await db.query.chatMessages.findFirst({ where: eq(chatMessages.bookId, book.id) })).toBeUndefined();
  });
});
