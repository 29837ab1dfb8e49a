import { randomUUID } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookJobs, books } from "../db/schema";
import { getDb } from "../app/utils/db.server";
import { startS3Server } from "../tests/fakes/s3-server";
import { createTestUser, waitForStatus } from "../tests/utils/books";
import { startWorkflowHarness, type WorkflowHarness } from "../tests/utils/workflow-harness";
import { offlinePlot } from "./agents/offline/plot";
import type { BookBrief } from "./brief";
import { inngest } from "./client";
import { bookRenderRequested } from "./events";
import { bookPdfKey, getObjectStore, pageImageKey } from "./storage";

// The production storage path, configured only by environment: a whole
// render through the engine into the R2 stand-in.
let s3: Awaited<ReturnType<typeof startS3Server>>;
let harness: WorkflowHarness;
beforeAll(async () => {
  s3 = await startS3Server();
  harness = await startWorkflowHarness({
    STORAGE: "r2",
    R2_ENDPOINT: s3.endpoint,
    R2_BUCKET: s3.bucket,
    R2_ACCESS_KEY_ID: s3.accessKeyId,
    R2_SECRET_ACCESS_KEY: s3.secretAccessKey,
  });
});
afterAll(async () => {
  await harness.close();
  await s3.close();
});

const brief: BookBrief = {
  heroName: "Kofi",
  heroAge: 4,
  pronoun: "he",
  looks: { hair: "short black hair", clothes: "red wellies" },
  loves: ["boats"],
  setting: "under the sea",
  companion: { kind: "turtle", name: "Shelly" },
  lesson: "making friends",
  tone: "gentle",
  artStyle: "paper collage",
  pageCount: 8,
  dedication: "For Kofi",
};

describe("rendering with R2 storage", () => {
  it("stores every page, the cover and the PDF in the bucket", async () => {
    expect(getObjectStore().kind).toBe("s3");
    const userId = await createTestUser(3);
    const db = await getDb();
    const bookId = randomUUID();
    const jobId = randomUUID();
    const plot = offlinePlot(bookId, brief, 1);
    await db.insert(books).values({ id: bookId, userId, status: "queued", brief, plot, plotVersion: 1, title: plot.title, pageCount: 8 });
    await db.insert(bookJobs).values({ id: jobId, bookId, totalPages: 8 });
    await inngest.send(bookRenderRequested.create({ bookId, userId, jobId, plotVersion: 1, plot }));
    await waitForStatus(bookId, "complete");

    const keys = await getObjectStore().list(`books/${bookId}/`);
    expect(keys).toContain(bookPdfKey(bookId));
    for (let page = 0; page <= 8; page++) expect(keys).toContain(pageImageKey(bookId, page));
    const pdf = await PDFDocument.load((await getObjectStore().get(bookPdfKey(bookId)))!.body);
    expect(pdf.getPageCount()).toBe(10);
    expect(s3.refusals).toEqual([]);
  });
});
