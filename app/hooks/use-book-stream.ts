import { useEffect, useRef, useState } from "react";
import type { ApiMessage } from "../../workflows/conversation";

/** A chat message as the stream carries it. */
export type StreamMessage = ApiMessage;

export interface StreamPlot {
  title: string;
  premise: string;
  pages: { number: number; beat: string }[];
  summary?: string;
}

export interface StreamPage {
  number: number;
  text: string;
  imageUrl: string;
}

/** A book in one of these changes no more unless someone retries it. */
export const FINISHED_STATUSES: readonly string[] = ["complete", "failed", "cancelled"];

export function isFinishedStatus(status: string) {
  return FINISHED_STATUSES.includes(status);
}

/** The stream's last word for a finished book: everything was sent. */
export const STREAM_END_EVENT = "end";

/** How often the JSON API is asked while the stream is unavailable. */
export const POLL_MS = 3_000;
/** A stream that has not opened by then (a proxy holding it) counts as unavailable. */
export const STREAM_OPEN_TIMEOUT_MS = 10_000;
/** A stream the browser gave up on is tried again after 3 s, doubling up to 30 s. */
export const STREAM_RETRY_MS = { first: 3_000, max: 30_000 };

export type Connection = "connecting" | "live" | "polling" | "closed";

export interface BookLiveState {
  bookId: string;
  messages: StreamMessage[];
  status: string;
  pages: StreamPage[];
  stage: string | null;
  rendered: number;
  total: number;
  /** When something last changed (to spot a stalled render). */
  lastNewsAt: number;
  plot: StreamPlot | null;
  plotVersion: number;
  /** "live" over SSE, "polling" while SSE is unavailable, "closed" once the book is finished. */
  connection: Connection;
}

export interface BookSnapshot {
  bookId: string;
  messages: StreamMessage[];
  status: string;
  pages: StreamPage[];
  stage: string | null;
  total: number;
  plot: StreamPlot | null;
  plotVersion: number;
  lastEventId: number;
}

/** What `GET /api/jobs/:bookId` answers. */
export interface JobSnapshot {
  status: string;
  stage: string | null;
  currentPage: number;
  totalPages: number;
  lastEventId: number;
}

/** The parts of `GET /api/books/:id` polling uses. */
export interface ApiBookSnapshot {
  plot: StreamPlot | null;
  /** Used when the API provides it; otherwise a changed plot counts as the next version. */
  plotVersion?: number;
  /** The cover once drawn (the API lists story pages only). */
  coverUrl?: string | null;
  pages: StreamPage[];
}

function mergePages(current: StreamPage[], incoming: StreamPage[]) {
  const byNumber = new Map(current.map((page) => [page.number, page]));
  for (const page of incoming) byNumber.set(page.number, page);
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}

function storyPageCount(pages: StreamPage[]) {
  return pages.filter((page) => page.number > 0).length;
}

function mergeMessages(current: StreamMessage[], incoming: StreamMessage[]) {
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export function initialLiveState(snapshot: BookSnapshot, now = Date.now()): BookLiveState {
  return {
    bookId: snapshot.bookId,
    messages: snapshot.messages,
    status: snapshot.status,
    pages: snapshot.pages,
    stage: snapshot.stage,
    rendered: storyPageCount(snapshot.pages),
    total: snapshot.total,
    lastNewsAt: now,
    plot: snapshot.plot,
    plotVersion: snapshot.plotVersion,
    connection: isFinishedStatus(snapshot.status) ? "closed" : "connecting",
  };
}

/** A fresh loader snapshot (after an action) is merged, never replacing newer live data. */
export function mergeSnapshot(state: BookLiveState, snapshot: BookSnapshot, cursor: number): BookLiveState {
  const newer = snapshot.lastEventId >= cursor;
  return {
    ...state,
    pages: mergePages(state.pages, snapshot.pages),
    rendered: Math.max(state.rendered, storyPageCount(snapshot.pages)),
    total: snapshot.total || state.total,
    messages: mergeMessages(state.messages, snapshot.messages),
    status: newer ? snapshot.status : state.status,
    stage: newer ? snapshot.stage : state.stage,
    plot: snapshot.plotVersion >= state.plotVersion ? snapshot.plot : state.plot,
    plotVersion: Math.max(snapshot.plotVersion, state.plotVersion),
  };
}

/** One event from the stream; every event is news. */
export function applyStreamEvent(state: BookLiveState, type: string, data: unknown, now: number): BookLiveState {
  const next = { ...state, lastNewsAt: now };
  switch (type) {
    case "message": {
      const { message } = data as { message: StreamMessage };
      return { ...next, messages: mergeMessages(state.messages, [message]) };
    }
    case "status":
      return { ...next, status: (data as { status: string }).status };
    case "stage":
      return { ...next, stage: (data as { stage: string }).stage };
    case "page": {
      const page = data as StreamPage & { rendered: number; total: number };
      return {
        ...next,
        pages: mergePages(state.pages, [{ number: page.number, text: page.text, imageUrl: page.imageUrl }]),
        rendered: Math.max(state.rendered, page.rendered),
        total: page.total,
        stage: page.number === 0 ? "cover" : "illustrating",
      };
    }
    case "plot": {
      const { plot, version } = data as { plot: StreamPlot; version: number };
      return version >= state.plotVersion ? { ...next, plot, plotVersion: version } : next;
    }
    default:
      return next;
  }
}

/**
 * What a poll found after the job's event cursor moved: rebuilds everything
 * the stream would have delivered (messages, plot, status, stage, pages).
 */
export function applyPoll(
  state: BookLiveState,
  found: { job: JobSnapshot; messages: StreamMessage[]; book: ApiBookSnapshot },
  now: number,
): BookLiveState {
  const { job, messages, book } = found;
  const plotChanged = book.plot !== null && JSON.stringify(book.plot) !== JSON.stringify(state.plot);
  const plotVersion = book.plotVersion ?? (plotChanged ? state.plotVersion + 1 : state.plotVersion);
  let pages = mergePages(state.pages, book.pages);
  // The JSON API lists story pages only and gives the cover apart; without
  // it, the cover is known to be drawn once binding starts.
  const coverDrawn = book.coverUrl !== undefined ? book.coverUrl !== null : job.stage === "binding" || job.status === "complete";
  if (book.plot && coverDrawn && !pages.some((page) => page.number === 0)) {
    const imageUrl = book.coverUrl ?? `/books/${state.bookId}/pages/0.png`;
    pages = mergePages(pages, [{ number: 0, text: book.plot.title, imageUrl }]);
  }
  const takePlot = plotChanged && plotVersion >= state.plotVersion;
  return {
    ...state,
    messages: mergeMessages(state.messages, messages),
    status: job.status,
    stage: job.stage,
    pages,
    rendered: Math.max(job.currentPage, storyPageCount(pages)),
    total: job.totalPages || state.total,
    plot: takePlot ? book.plot : state.plot,
    plotVersion: takePlot ? plotVersion : state.plotVersion,
    lastNewsAt: now,
  };
}

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export interface FollowOptions {
  bookId: string;
  /** The id of the newest event already reflected in the state; advanced as news arrives. */
  cursor: { current: number };
  update: (change: (state: BookLiveState) => BookLiveState) => void;
  /** The book is finished (or gone): nothing more will come. */
  onFinished: () => void;
  /** Absent where the browser has none: then it polls. */
  EventSource?: typeof EventSource;
  fetch?: typeof fetch;
  now?: () => number;
}

const STREAM_EVENTS = ["message", "status", "stage", "page", "plot"] as const;

/**
 * Follows a book: the SSE stream (which resumes itself with Last-Event-ID)
 * while it works; polling `/api/jobs/:bookId` every 3 s whenever it doesn't,
 * trying the stream again meanwhile; everything stops once the book is
 * finished. Returns a function that stops it all.
 */
export function followBook(options: FollowOptions): () => void {
  const { bookId, cursor, update, onFinished } = options;
  const EventSourceImpl = options.EventSource;
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  let stopped = false;
  let source: EventSource | undefined;
  let polling = false;
  // Bumped whenever polling stops, so an answer that lands afterwards is dropped.
  let pollRound = 0;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = STREAM_RETRY_MS.first;

  const setConnection = (connection: Connection) => update((state) => (state.connection === connection ? state : { ...state, connection }));

  async function getJson<T>(path: string): Promise<T> {
    const response = await fetchImpl(path, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new HttpError(response.status);
    return (await response.json()) as T;
  }

  function stopPolling() {
    polling = false;
    pollRound += 1;
    clearTimeout(pollTimer);
  }

  function stop() {
    stopped = true;
    stopPolling();
    clearTimeout(retryTimer);
    clearTimeout(openTimer);
    source?.close();
    source = undefined;
  }

  function finish() {
    if (stopped) return;
    stop();
    setConnection("closed");
    onFinished();
  }

  function startPolling() {
    if (polling || stopped) return;
    polling = true;
    setConnection("polling");
    void poll(pollRound);
  }

  async function poll(round: number) {
    try {
      const { job } = await getJson<{ job: JobSnapshot }>(`/api/jobs/${bookId}`);
      if (round !== pollRound) return;
      // The cursor was read before the details below, so they hold at least
      // everything up to it. An unchanged cursor means no news: nothing to
      // fetch, and the stall clock keeps running.
      if (job.lastEventId > cursor.current) {
        const [history, found] = await Promise.all([
          getJson<{ messages: StreamMessage[] }>(`/api/chat/${bookId}/history`),
          getJson<{ book: ApiBookSnapshot }>(`/api/books/${bookId}`),
        ]);
        if (round !== pollRound) return;
        update((state) => applyPoll(state, { job, messages: history.messages, book: found.book }, now()));
        cursor.current = Math.max(cursor.current, job.lastEventId);
      }
      if (isFinishedStatus(job.status)) return finish();
    } catch (error) {
      if (round !== pollRound) return;
      // Logged out or the book is gone: there is nothing left to follow.
      if (error instanceof HttpError && [401, 403, 404].includes(error.status)) return finish();
      // Otherwise offline for a moment: try again on the next tick.
    }
    pollTimer = setTimeout(() => void poll(round), POLL_MS);
  }

  function openStream() {
    if (stopped || !EventSourceImpl) return;
    const stream = new EventSourceImpl(`/api/jobs/${bookId}/stream?after=${cursor.current}`);
    source = stream;
    openTimer = setTimeout(startPolling, STREAM_OPEN_TIMEOUT_MS);
    stream.onopen = () => {
      if (source !== stream) return;
      clearTimeout(openTimer);
      retryMs = STREAM_RETRY_MS.first;
      stopPolling();
      setConnection("live");
    };
    stream.onerror = () => {
      if (source !== stream) return;
      clearTimeout(openTimer);
      startPolling();
      if (stream.readyState === EventSourceImpl.CLOSED) {
        // The browser gave up for good (an HTTP error such as 503): try a
        // new stream later, polling meanwhile.
        stream.close();
        source = undefined;
        retryTimer = setTimeout(openStream, retryMs);
        retryMs = Math.min(retryMs * 2, STREAM_RETRY_MS.max);
      }
      // Otherwise the browser is reconnecting by itself; onopen ends the polling.
    };
    for (const type of STREAM_EVENTS) {
      stream.addEventListener(type, (event: MessageEvent<string>) => {
        if (source !== stream) return;
        const id = Number(event.lastEventId);
        // Already reflected (a browser reconnect replays from its own last id
        // even when polling has moved on).
        if (Number.isSafeInteger(id) && id > 0 && id <= cursor.current) return;
        if (Number.isSafeInteger(id) && id > cursor.current) cursor.current = id;
        const data = JSON.parse(event.data) as unknown;
        update((state) => applyStreamEvent(state, type, data, now()));
      });
    }
    stream.addEventListener(STREAM_END_EVENT, () => {
      if (source === stream) finish();
    });
  }

  setConnection("connecting");
  if (EventSourceImpl) openStream();
  else startPolling();
  return stop;
}

/**
 * The book's live state: the loader's snapshot, then news from the stream
 * (or from polling while the stream is unavailable) until the book is
 * finished. A retry (a fresh snapshot with an unfinished status) follows it
 * again.
 */
export function useBookStream(initial: BookSnapshot) {
  const [state, setState] = useState<BookLiveState>(() => initialLiveState(initial));
  const cursor = useRef(initial.lastEventId);
  const shownBook = useRef(initial.bookId);
  // The book being followed, or null once it is finished.
  const [followed, setFollowed] = useState<string | null>(isFinishedStatus(initial.status) ? null : initial.bookId);

  useEffect(() => {
    const snapshot: BookSnapshot = {
      bookId: initial.bookId,
      messages: initial.messages,
      status: initial.status,
      pages: initial.pages,
      stage: initial.stage,
      total: initial.total,
      plot: initial.plot,
      plotVersion: initial.plotVersion,
      lastEventId: initial.lastEventId,
    };
    const before = cursor.current;
    const sameBook = shownBook.current === snapshot.bookId;
    if (sameBook) {
      setState((current) => mergeSnapshot(current, snapshot, before));
      cursor.current = Math.max(before, snapshot.lastEventId);
    } else {
      // Another book in the same page component (e.g. opened from a notification).
      shownBook.current = snapshot.bookId;
      cursor.current = snapshot.lastEventId;
      setState(initialLiveState(snapshot));
    }
    // A snapshot at least as new as what we have decides whether to follow:
    // a retry makes a finished book live again.
    if (!sameBook || snapshot.lastEventId >= before) setFollowed(isFinishedStatus(snapshot.status) ? null : snapshot.bookId);
  }, [initial.bookId, initial.messages, initial.status, initial.plot, initial.plotVersion, initial.lastEventId, initial.pages, initial.stage, initial.total]);

  useEffect(() => {
    if (followed !== initial.bookId) return;
    const bookId = initial.bookId;
    return followBook({
      bookId,
      cursor,
      update: (change) => setState((current) => (current.bookId === bookId ? change(current) : current)),
      onFinished: () => setFollowed((current) => (current === bookId ? null : current)),
      EventSource: typeof EventSource === "undefined" ? undefined : EventSource,
    });
  }, [followed, initial.bookId]);

  // Until the effect above catches up with a new book, show that book's snapshot.
  return state.bookId === initial.bookId ? state : initialLiveState(initial);
}
