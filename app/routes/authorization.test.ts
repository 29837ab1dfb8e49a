import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../utils/api-tokens.server";
import { createBook } from "../utils/books.server";
import { issueCsrfToken } from "../utils/csrf.server";
import { startUserSession } from "../utils/session.server";
import { createUser } from "../utils/users.server";
import { startWorkflowHarness, type WorkflowHarness } from "../../tests/utils/workflow-harness";
import * as apiBook from "./api.books.$bookId";
import * as apiPdf from "./api.books.$bookId.pdf";
import * as apiApprove from "./api.chat.$bookId.approve";
import * as apiHistory from "./api.chat.$bookId.history";
import * as apiMessage from "./api.chat.$bookId.message";
import * as apiJob from "./api.jobs.$bookId";
import * as apiCancel from "./api.jobs.$bookId.cancel";
import * as apiRetry from "./api.jobs.$bookId.retry";
import * as apiStream from "./api.jobs.$bookId.stream";
import * as bookPage from "./books.$bookId";
import * as pagePicture from "./books.$bookId_.pages.$file";
import * as reader from "./books.$bookId_.read";

/*
 * Every route that takes a book id, called by its owner's neighbour and by
 * nobody at all. The list is checked against the route files, so a new book
 * route cannot be added without joining this matrix.
 */
type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;
interface RouteCase {
  file: string;
  handler: Handler;
  method: string;
  path: (bookId: string) => string;
  params?: Record<string, string>;
  body?: () => BodyInit;
  contentType?: string;
  /** Pages send a visitor without a session to the login page; the API and pictures answer 401. */
  kind: "api" | "page" | "asset";
}

const json = (value: unknown) => () => JSON.stringify(value);
// Pages' forms carry the visitor's CSRF token (filled in by `call`).
const form = (value: Record<string, string>) => () => new URLSearchParams({ ...value, csrf: csrf.token });
let csrf = { token: "", cookie: "" };

const ROUTES: RouteCase[] = [
  { file: "api.books.$bookId.ts", handler: apiBook.loader as Handler, method: "GET", path: (id) => `/api/books/${id}`, kind: "api" },
  { file: "api.books.$bookId.ts", handler: apiBook.action as Handler, method: "DELETE", path: (id) => `/api/books/${id}`, kind: "api" },
  { file: "api.books.$bookId.pdf.ts", handler: apiPdf.loader as Handler, method: "GET", path: (id) => `/api/books/${id}/pdf`, kind: "api" },
  { file: "api.chat.$bookId.approve.ts", handler: apiApprove.action as Handler, method: "POST", path: (id) => `/api/chat/${id}/approve`, body: json({ decision: "approve" }), contentType: "application/json", kind: "api" },
  { file: "api.chat.$bookId.history.ts", handler: apiHistory.loader as Handler, method: "GET", path: (id) => `/api/chat/${id}/history`, kind: "api" },
  { file: "api.chat.$bookId.message.ts", handler: apiMessage.action as Handler, method: "POST", path: (id) => `/api/chat/${id}/message`, body: json({ content: "hello" }), contentType: "application/json", kind: "api" },
  { file: "api.jobs.$bookId.ts", handler: apiJob.loader as Handler, method: "GET", path: (id) => `/api/jobs/${id}`, kind: "api" },
  { file: "api.jobs.$bookId.cancel.ts", handler: apiCancel.action as Handler, method: "POST", path: (id) => `/api/jobs/${id}/cancel`, kind: "api" },
  { file: "api.jobs.$bookId.retry.ts", handler: apiRetry.action as Handler, method: "POST", path: (id) => `/api/jobs/${id}/retry`, kind: "api" },
  { file: "api.jobs.$bookId.stream.ts", handler: apiStream.loader as Handler, method: "GET", path: (id) => `/api/jobs/${id}/stream`, kind: "api" },
  { file: "books.$bookId.tsx", handler: bookPage.loader as Handler, method: "GET", path: (id) => `/books/${id}`, kind: "page" },
  { file: "books.$bookId.tsx", handler: bookPage.action as Handler, method: "POST", path: (id) => `/books/${id}`, body: form({ intent: "message", content: "hello" }), contentType: "application/x-www-form-urlencoded", kind: "page" },
  { file: "books.$bookId_.read.tsx", handler: reader.loader as Handler, method: "GET", path: (id) => `/books/${id}/read`, kind: "page" },
  { file: "books.$bookId_.pages.$file.ts", handler: pagePicture.loader as Handler, method: "GET", path: (id) => `/books/${id}/pages/1.png`, params: { file: "1.png" }, kind: "asset" },
];

let harness: WorkflowHarness;
let bookId: string;
let strangerToken: string;
let strangerCookie: string;

async function sessionCookieFor(userId: string) {
  const response = await startUserSession(userId, "/books");
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

beforeAll(async () => {
  harness = await startWorkflowHarness();
  const owner = await createUser({ email: "owner@example.com", name: "Owner", password: "password123" });
  const stranger = await createUser({ email: "stranger@example.com", name: "Stranger", password: "password123" });
  bookId = (await createBook(owner.id)).id;
  strangerToken = (await createApiToken(stranger.id)).token;
  strangerCookie = await sessionCookieFor(stranger.id);
  const issued = await issueCsrfToken(new Request("http://localhost/"));
  csrf = { token: issued.token, cookie: (issued.setCookie ?? "").split(";")[0] ?? "" };
});
afterAll(() => harness.close());

/** Calls a route as Remix would; a thrown Response is the answer too. */
async function call(route: RouteCase, headers: Record<string, string>): Promise<Response> {
  const sent = new Headers(headers);
  if (route.contentType) sent.set("Content-Type", route.contentType);
  if (route.kind === "page" && route.body) sent.set("Cookie", [headers.Cookie, csrf.cookie].filter(Boolean).join("; "));
  const init: RequestInit = { method: route.method, headers: sent };
  if (route.body) init.body = route.body();
  const request = new Request(`http://localhost${route.path(bookId)}`, init);
  try {
    const result = await route.handler({ request, params: { bookId, ...route.params }, context: { clientIp: "10.2.2.2" } });
    if (result instanceof Response) return result;
    throw new Error(`${route.method} ${route.file} answered data instead of a refusal`);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

describe("authorization on every book route", () => {
  it("covers every route file that takes a book id", () => {
    const files = readdirSync(new URL(".", import.meta.url)).filter((f) => f.includes("$bookId") && !f.includes(".test."));
    expect([...new Set(ROUTES.map((r) => r.file))].sort()).toEqual(files.sort());
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.file}`, r] as const))("%s: another user's book is missing (404)", async (_name, route) => {
    const callers: Record<string, string>[] = [{ Authorization: `Bearer ${strangerToken}` }, { Cookie: strangerCookie }];
    for (const headers of callers) {
      // Pages authenticate by cookie only; the bearer pass is for the API.
      if (route.kind !== "api" && "Authorization" in headers) continue;
      const response = await call(route, headers);
      expect(response.status, `${route.method} ${route.path("…")}`).toBe(404);
    }
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.file}`, r] as const))("%s: nobody is told to log in", async (_name, route) => {
    const response = await call(route, {});
    if (route.kind === "api") {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
    } else if (route.kind === "asset") {
      expect(response.status).toBe(401);
    } else {
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toMatch(/^\/login/);
    }
  });
});

describe("cookie-authenticated API changes", () => {
  it("refuses a change requested by another site, and accepts the same change from our pages or a token", async () => {
    const owner = await createUser({ email: "csrf-owner@example.com", name: "Owner", password: "password123" });
    const cookie = await sessionCookieFor(owner.id);
    const token = (await createApiToken(owner.id)).token;
    const create = (headers: Record<string, string>) =>
      import("./api.books").then(({ action }) =>
        action({ request: new Request("http://localhost/api/books", { method: "POST", headers: { "Content-Type": "text/plain", ...headers } }), params: {}, context: { clientIp: "10.3.3.3" } }),
      );
    const forged = await create({ Cookie: cookie, Origin: "http://evil.example" });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { code: "cross_site" } });
    expect((await create({ Cookie: cookie, "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await create({ Cookie: cookie, Origin: "http://localhost", "Sec-Fetch-Site": "same-origin" })).status).toBe(201);
    expect((await create({ Authorization: `Bearer ${token}`, Origin: "http://evil.example" })).status).toBe(201);
  });
});
