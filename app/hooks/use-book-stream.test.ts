import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  applyPoll,
  followBook,
  initialLiveState,
  mergeSnapshot,
  POLL_MS,
  STREAM_OPEN_TIMEOUT_MS,
  STREAM_RETRY_MS,
  type BookLiveState,
  type BookSnapshot,
  type JobSnapshot,
  type StreamMessage,
  type StreamPlot,
} from "./use-book-stream";

/** Just enough of the browser's EventSource to drive the feed by hand. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static made: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, ((event: { data: string; lastEventId: string }) => void)[]>();
  private lastId = "";
  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }
  addEventListener(type: string, listener: (event: { data: string; lastEventId: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  fail(readyState: number) {
    this.readyState = readyState;
    this.onerror?.();
  }
  emit(type: string, data: unknown, id?: number) {
    if (id !== undefined) this.lastId = String(id);
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data), lastEventId: this.lastId });
  }
}

const BOOK = "book-1";
const plot = (title: string): StreamPlot => ({ title, premise: "A brave day", pages: [{ number: 1, beat: "Maya wakes" }] });
const message = (id: number, content: string): StreamMessage => ({ id, role: "assistant", content, chips: [], phase: "intake", createdAt: "" });

/** The JSON API as the feed sees it, with a record of what it asked. */
function fakeApi() {
  const server = {
    job: { status: "rendering", stage: "illustrating", currentPage: 0, totalPages: 2, lastEventId: 10 } as JobSnapshot,
    messages: [message(1, "Hi!")],
    book: { plot: plot("Maya and the Moon"), pages: [] as { number: number; text: string; imageUrl: string }[] },
    failWith: null as number | null,
    asked: [] as string[],
  };
  // Plain objects rather than Responses: their bodies settle in microtasks, under fake timers too.
  const reply = (status: number, body: unknown) => ({ ok: status < 300, status, json: async () => structuredClone(body) });
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const path = String(input);
    server.asked.push(path);
    if (server.failWith) return reply(server.failWith, {});
    if (path === `/api/jobs/${BOOK}`) return reply(200, { job: server.job });
    if (path === `/api/chat/${BOOK}/history`) return reply(200, { messages: server.messages });
    if (path === `/api/books/${BOOK}`) return reply(200, { book: server.book });
    return reply(500, {});
  });
  const polls = () => server.asked.filter((path) => path === `/api/jobs/${BOOK}`).length;
  return { server, fetch: fetch as unknown as typeof globalThis.fetch, polls };
}

const snapshot = (overrides: Partial<BookSnapshot> = {}): BookSnapshot => ({
  bookId: BOOK,
  messages: [message(1, "Hi!")],
  status: "rendering",
  pages: [],
  stage: null,
  total: 2,
  plot: plot("Maya and the Moon"),
  plotVersion: 1,
  lastEventId: 10,
  ...overrides,
});

/** Runs a feed against a state held here, as the hook would. */
function startFeed(options: { api: ReturnType<typeof fakeApi>; initial?: BookSnapshot; eventSource?: boolean }) {
  const initial = options.initial ?? snapshot();
  let state: BookLiveState = initialLiveState(initial, 0);
  const cursor = { current: initial.lastEventId };
  const finished = vi.fn();
  const stop = followBook({
    bookId: BOOK,
    cursor,
    update: (change) => (state = change(state)),
    onFinished: finished,
    EventSource: options.eventSource === false ? undefined : (FakeEventSource as unknown as typeof EventSource),
    fetch: options.api.fetch,
    now: () => Date.now(),
  });
  return { state: () => state, cursor, finished, stop, streams: FakeEventSource.made };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  FakeEventSource.made = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe("followBook: the stream, and polling when it is unavailable", () => {
  it("polls at once when the browser closes the stream after an HTTP error, every 3 s after, and goes back to the stream", async () => {
    const api = fakeApi();
    const feed = startFeed({ api });
    expect(feed.streams[0]?.url).toBe(`/api/jobs/${BOOK}/stream?after=10`);

    // A 503 closes an EventSource for good after a single error.
    api.server.job = { ...api.server.job, currentPage: 1, lastEventId: 12 };
    api.server.book.pages = [{ number: 1, text: "Maya woke.", imageUrl: `/books/${BOOK}/pages/1.png` }];
    feed.streams[0]!.fail(FakeEventSource.CLOSED);
    await vi.advanceTimersByTimeAsync(0);
    expect(api.polls()).toBe(1);
    expect(feed.state().connection).toBe("polling");
    expect(feed.state().pages.map((page) => page.number)).toEqual([1]);
    expect(feed.state().rendered).toBe(1);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(api.polls()).toBe(2);

    // Meanwhile a new stream is tried, from the cursor polling reached.
    expect(feed.streams).toHaveLength(2);
    expect(feed.streams[1]?.url).toBe(`/api/jobs/${BOOK}/stream?after=12`);
    feed.streams[1]!.open();
    expect(feed.state().connection).toBe("live");
    const pollsWhenLive = api.polls();
    await vi.advanceTimersByTimeAsync(POLL_MS * 5);
    expect(api.polls()).toBe(pollsWhenLive);
    feed.stop();
  });

  it("tries the stream again with a growing pause while it keeps failing", async () => {
    const api = fakeApi();
    const feed = startFeed({ api });
    feed.streams[0]!.fail(FakeEventSource.CLOSED);
    await vi.advanceTimersByTimeAsync(STREAM_RETRY_MS.first);
    expect(feed.streams).toHaveLength(2);
    feed.streams[1]!.fail(FakeEventSource.CLOSED);
    await vi.advanceTimersByTimeAsync(STREAM_RETRY_MS.first);
    expect(feed.streams).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(STREAM_RETRY_MS.first);
    expect(feed.streams).toHaveLength(3);
    // Polling went on throughout, every 3 s.
    expect(api.polls()).toBe(1 + (STREAM_RETRY_MS.first * 3) / POLL_MS);
    feed.stop();
  });

  it("polls while the browser reconnects by itself, stops when it reopens, and skips events polling already showed", async () => {
    const api = fakeApi();
    const feed = startFeed({ api });
    const stream = feed.streams[0]!;
    stream.open();
    api.server.job = { ...api.server.job, status: "rendering", lastEventId: 15 };
    api.server.messages = [message(1, "Hi!"), message(14, "Polled")];
    stream.fail(FakeEventSource.CONNECTING);
    await vi.advanceTimersByTimeAsync(0);
    expect(api.polls()).toBe(1);
    expect(feed.cursor.current).toBe(15);

    // The browser's reconnect resumes from its own last id, older than ours.
    stream.open();
    stream.emit("message", { message: message(14, "Replayed") }, 14);
    expect(feed.state().messages.find((m) => m.id === 14)?.content).toBe("Polled");
    stream.emit("message", { message: message(16, "New") }, 16);
    expect(feed.state().messages.map((m) => m.id)).toEqual([1, 14, 16]);
    expect(feed.cursor.current).toBe(16);
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(api.polls()).toBe(1);
    feed.stop();
  });

  it("polls meanwhile when a stream does not open at all", async () => {
    const api = fakeApi();
    const feed = startFeed({ api });
    await vi.advanceTimersByTimeAsync(STREAM_OPEN_TIMEOUT_MS);
    expect(api.polls()).toBe(1);
    feed.streams[0]!.open();
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(api.polls()).toBe(1);
    feed.stop();
  });

  it("polls where there is no EventSource", async () => {
    const api = fakeApi();
    const feed = startFeed({ api, eventSource: false });
    await vi.advanceTimersByTimeAsync(POLL_MS * 2);
    expect(api.polls()).toBe(3);
    expect(feed.state().connection).toBe("polling");
    feed.stop();
  });
});

describe("followBook: stopping on a finished book", () => {
  it("closes the stream on its end event and never polls or reconnects", async () => {
    const api = fakeApi();
    const feed = startFeed({ api });
    const stream = feed.streams[0]!;
    stream.open();
    stream.emit("page", { number: 1, text: "Maya woke.", imageUrl: "/p/1.png", rendered: 1, total: 1 }, 11);
    stream.emit("status", { status: "complete" }, 12);
    stream.emit("end", { status: "complete" });
    expect(stream.readyState).toBe(FakeEventSource.CLOSED);
    expect(feed.finished).toHaveBeenCalledTimes(1);
    expect(feed.state()).toMatchObject({ status: "complete", connection: "closed" });
    await vi.advanceTimersByTimeAsync(STREAM_RETRY_MS.max * 2);
    expect(api.polls()).toBe(0);
    expect(feed.streams).toHaveLength(1);
  });

  it("keeps following through a replayed failure that was retried since; only the end stops it", () => {
    const api = fakeApi();
    const feed = startFeed({ api });
    const stream = feed.streams[0]!;
    stream.open();
    stream.emit("status", { status: "failed" }, 11);
    stream.emit("status", { status: "queued" }, 12);
    expect(stream.readyState).toBe(FakeEventSource.OPEN);
    expect(feed.finished).not.toHaveBeenCalled();
    expect(feed.state().status).toBe("queued");
    feed.stop();
  });

  it.each(["complete", "failed", "cancelled"])("stops polling once the job is %s", async (status) => {
    const api = fakeApi();
    const feed = startFeed({ api });
    feed.streams[0]!.fail(FakeEventSource.CLOSED);
    await vi.advanceTimersByTimeAsync(0);
    api.server.job = { ...api.server.job, status, lastEventId: 20 };
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(api.polls()).toBe(2);
    expect(feed.finished).toHaveBeenCalledTimes(1);
    expect(feed.state()).toMatchObject({ status, connection: "closed" });
    const streams = feed.streams.length;
    expect(feed.streams.every((stream) => stream.readyState === FakeEventSource.CLOSED)).toBe(true);
    await vi.advanceTimersByTimeAsync(STREAM_RETRY_MS.max * 2);
    expect(api.polls()).toBe(2);
    expect(feed.streams).toHaveLength(streams);
  });

  it.each(["intake", "plot_review", "paused"])("keeps following a book in %s (the chat uses the same stream)", async (status) => {
    const api = fakeApi();
    api.server.job = { ...api.server.job, status, lastEventId: 10 };
    const feed = startFeed({ api, initial: snapshot({ status }) });
    feed.streams[0]!.fail(FakeEventSource.CLOSED);
    await vi.advanceTimersByTimeAsync(POLL_MS * 2);
    expect(api.polls()).toBe(3);
    expect(feed.finished).not.toHaveBeenCalled();
    feed.stop();
  });

  it("stops when the book is gone", async () => {
    const api = fakeApi();
    api.server.failWith = 404;
    const feed = startFeed({ api, eventSource: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.finished).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(api.polls()).toBe(1);
  });

  it("rides out a server error and polls again", async () => {
    const api = fakeApi();
    api.server.failWith = 503;
    const feed = startFeed({ api, eventSource: false });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    api.server.failWith = null;
    api.server.job = { ...api.server.job, lastEventId: 11, currentPage: 1 };
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(api.polls()).toBe(3);
    expect(feed.state().rendered).toBe(1);
    expect(feed.finished).not.toHaveBeenCalled();
    feed.stop();
  });
});

describe("polling counts only real progress as news", () => {
  it("leaves the stall clock alone when nothing changed, and resets it when something did", async () => {
    const api = fakeApi();
    const feed = startFeed({ api, eventSource: false });
    await vi.advanceTimersByTimeAsync(0);
    const since = feed.state().lastNewsAt;
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    expect(api.polls()).toBeGreaterThan(100);
    expect(feed.state().lastNewsAt).toBe(since);
    // Nothing changed, so only the job was asked.
    expect(api.server.asked.every((path) => path === `/api/jobs/${BOOK}`)).toBe(true);

    api.server.job = { ...api.server.job, currentPage: 1, lastEventId: 11 };
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(feed.state().lastNewsAt).toBe(Date.now());
    feed.stop();
  });
});

describe("applyPoll rebuilds what the stream would have delivered", () => {
  const job = (overrides: Partial<JobSnapshot>): JobSnapshot => ({ status: "intake", stage: null, currentPage: 0, totalPages: 0, lastEventId: 20, ...overrides });

  it("brings the first plot, its review status and the messages", () => {
    const state = initialLiveState(snapshot({ status: "intake", plot: null, plotVersion: 0, total: 0 }), 0);
    const next = applyPoll(state, { job: job({ status: "plot_review", totalPages: 8 }), messages: [message(1, "Hi!"), message(5, "Here's the plot")], book: { plot: plot("Maya and the Moon"), pages: [] } }, 50);
    expect(next).toMatchObject({ status: "plot_review", plot: plot("Maya and the Moon"), plotVersion: 1, total: 8, lastNewsAt: 50 });
    expect(next.messages.map((m) => m.id)).toEqual([1, 5]);
  });

  it("replaces a revised plot with the next version, and keeps an unchanged one", () => {
    const state = initialLiveState(snapshot({ status: "plot_review", plot: plot("Maya and the Moon"), plotVersion: 1 }), 0);
    const same = applyPoll(state, { job: job({ status: "plot_review" }), messages: [], book: { plot: plot("Maya and the Moon"), pages: [] } }, 1);
    expect(same.plotVersion).toBe(1);
    const revised = applyPoll(state, { job: job({ status: "plot_review" }), messages: [], book: { plot: plot("Maya and the Friendly Dragon"), pages: [] } }, 1);
    expect(revised).toMatchObject({ plot: plot("Maya and the Friendly Dragon"), plotVersion: 2 });
    const versioned = applyPoll(state, { job: job({ status: "plot_review" }), messages: [], book: { plot: plot("Maya again"), plotVersion: 4, pages: [] } }, 1);
    expect(versioned.plotVersion).toBe(4);
  });

  it("brings pages, stage and progress, and the cover once the book is being bound", () => {
    const state = initialLiveState(snapshot({ status: "rendering" }), 0);
    const pages = [1, 2].map((number) => ({ number, text: `Page ${number}`, imageUrl: `/books/${BOOK}/pages/${number}.png` }));
    const illustrating = applyPoll(state, { job: job({ status: "rendering", stage: "illustrating", currentPage: 2, totalPages: 2 }), messages: [], book: { plot: plot("T"), pages } }, 1);
    expect(illustrating).toMatchObject({ stage: "illustrating", rendered: 2, total: 2 });
    expect(illustrating.pages.map((page) => page.number)).toEqual([1, 2]);
    const done = applyPoll(illustrating, { job: job({ status: "complete", stage: "complete", currentPage: 2, totalPages: 2 }), messages: [], book: { plot: plot("T"), pages } }, 2);
    expect(done.status).toBe("complete");
    expect(done.pages.map((page) => page.number)).toEqual([0, 1, 2]);
    expect(done.pages[0]?.imageUrl).toBe(`/books/${BOOK}/pages/0.png`);
  });
});

describe("mergeSnapshot", () => {
  it("takes a newer loader snapshot's status and stage, and never an older one's", () => {
    const state = { ...initialLiveState(snapshot({ status: "failed" }), 0), stage: "failed" };
    expect(mergeSnapshot(state, snapshot({ status: "queued", stage: "queued", lastEventId: 12 }), 11)).toMatchObject({ status: "queued", stage: "queued" });
    expect(mergeSnapshot(state, snapshot({ status: "rendering", lastEventId: 9 }), 11)).toMatchObject({ status: "failed", stage: "failed" });
  });
});
