import { useEffect, useRef, useState } from "react";

export interface StreamMessage {
  id: number;
  role: "user" | "assistant";
  content: string;
  chips: string[];
  phase: string;
  createdAt: string;
}

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

export interface BookLiveState {
  messages: StreamMessage[];
  status: string;
  pages: StreamPage[];
  stage: string | null;
  rendered: number;
  total: number;
  /** When the stream last brought news (to spot a stalled render). */
  lastNewsAt: number;
  plot: StreamPlot | null;
  plotVersion: number;
  /** "live" over SSE, "polling" after SSE failed, "connecting" at first. */
  connection: "connecting" | "live" | "polling";
}

interface Initial {
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

const POLL_MS = 3_000;

/**
 * The book's live state: the loader's snapshot, then events from the SSE
 * stream (which resumes itself with Last-Event-ID), falling back to polling
 * the JSON API every 3 s when the stream keeps failing.
 */
export function useBookStream(initial: Initial) {
  const [state, setState] = useState<BookLiveState>({
    messages: initial.messages,
    status: initial.status,
    pages: initial.pages,
    stage: initial.stage,
    rendered: storyPageCount(initial.pages),
    total: initial.total,
    lastNewsAt: Date.now(),
    plot: initial.plot,
    plotVersion: initial.plotVersion,
    connection: "connecting",
  });
  const cursor = useRef(initial.lastEventId);

  // A fresh loader snapshot (after an action) is merged, never replacing newer stream data.
  useEffect(() => {
    setState((current) => ({
      ...current,
      pages: mergePages(current.pages, initial.pages),
      rendered: Math.max(current.rendered, storyPageCount(initial.pages)),
      total: initial.total || current.total,
      messages: mergeMessages(current.messages, initial.messages),
      status: initial.lastEventId >= cursor.current ? initial.status : current.status,
      plot: initial.plotVersion >= current.plotVersion ? initial.plot : current.plot,
      plotVersion: Math.max(initial.plotVersion, current.plotVersion),
    }));
    cursor.current = Math.max(cursor.current, initial.lastEventId);
  }, [initial.messages, initial.status, initial.plot, initial.plotVersion, initial.lastEventId, initial.pages, initial.total]);

  useEffect(() => {
    let stopped = false;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let source: EventSource | undefined;
    let failures = 0;

    async function poll() {
      if (stopped) return;
      try {
        const [history, job, book] = await Promise.all([
          fetch(`/api/chat/${initial.bookId}/history`).then((r) => r.json() as Promise<{ messages?: StreamMessage[] }>),
          fetch(`/api/jobs/${initial.bookId}`).then(
            (r) => r.json() as Promise<{ job?: { status: string; stage: string | null; currentPage: number; totalPages: number } }>,
          ),
          fetch(`/api/books/${initial.bookId}`).then((r) => r.json() as Promise<{ book?: { pages: StreamPage[] } }>),
        ]);
        setState((current) => ({
          ...current,
          messages: history.messages ? mergeMessages(current.messages, history.messages) : current.messages,
          status: job.job?.status ?? current.status,
          stage: job.job?.stage ?? current.stage,
          rendered: job.job?.currentPage ?? current.rendered,
          total: job.job?.totalPages || current.total,
          pages: book.book ? mergePages(current.pages, book.book.pages) : current.pages,
          lastNewsAt: Date.now(),
          connection: "polling",
        }));
      } catch {
        // Offline for a moment: try again on the next tick.
      }
      pollTimer = setTimeout(poll, POLL_MS);
    }

    if (typeof EventSource === "undefined") {
      void poll();
      return () => {
        stopped = true;
        clearTimeout(pollTimer);
      };
    }

    source = new EventSource(`/api/jobs/${initial.bookId}/stream?after=${cursor.current}`);
    source.onopen = () => {
      failures = 0;
      setState((current) => ({ ...current, connection: "live" }));
    };
    source.onerror = () => {
      failures += 1;
      // EventSource reconnects by itself (sending Last-Event-ID); after
      // repeated failures we stop relying on it and poll instead.
      if (failures >= 3 && source) {
        source.close();
        source = undefined;
        void poll();
      }
    };
    const track = (event: MessageEvent) => {
      const id = Number(event.lastEventId);
      if (id > cursor.current) cursor.current = id;
      setState((current) => ({ ...current, lastNewsAt: Date.now() }));
    };
    source.addEventListener("message", (event) => {
      track(event);
      const { message } = JSON.parse(event.data) as { message: StreamMessage };
      setState((current) => ({ ...current, messages: mergeMessages(current.messages, [message]) }));
    });
    source.addEventListener("status", (event) => {
      track(event);
      const { status } = JSON.parse(event.data) as { status: string };
      setState((current) => ({ ...current, status }));
    });
    source.addEventListener("page", (event) => {
      track(event);
      const page = JSON.parse(event.data) as StreamPage & { rendered: number; total: number };
      setState((current) => ({
        ...current,
        pages: mergePages(current.pages, [{ number: page.number, text: page.text, imageUrl: page.imageUrl }]),
        rendered: Math.max(current.rendered, page.rendered),
        total: page.total,
        stage: page.number === 0 ? "cover" : "illustrating",
      }));
    });
    source.addEventListener("stage", (event) => {
      track(event);
      const { stage } = JSON.parse(event.data) as { stage: string };
      setState((current) => ({ ...current, stage }));
    });
    source.addEventListener("plot", (event) => {
      track(event);
      const { plot, version } = JSON.parse(event.data) as { plot: StreamPlot; version: number };
      setState((current) => (version >= current.plotVersion ? { ...current, plot, plotVersion: version } : current));
    });
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(pollTimer);
    };
  }, [initial.bookId]);

  return state;
}
