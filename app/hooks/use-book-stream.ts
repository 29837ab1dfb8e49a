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

export interface BookLiveState {
  messages: StreamMessage[];
  status: string;
  plot: StreamPlot | null;
  plotVersion: number;
  /** "live" over SSE, "polling" after SSE failed, "connecting" at first. */
  connection: "connecting" | "live" | "polling";
}

interface Initial {
  bookId: string;
  messages: StreamMessage[];
  status: string;
  plot: StreamPlot | null;
  plotVersion: number;
  lastEventId: number;
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
    plot: initial.plot,
    plotVersion: initial.plotVersion,
    connection: "connecting",
  });
  const cursor = useRef(initial.lastEventId);

  // A fresh loader snapshot (after an action) is merged, never replacing newer stream data.
  useEffect(() => {
    setState((current) => ({
      ...current,
      messages: mergeMessages(current.messages, initial.messages),
      status: initial.lastEventId >= cursor.current ? initial.status : current.status,
      plot: initial.plotVersion >= current.plotVersion ? initial.plot : current.plot,
      plotVersion: Math.max(initial.plotVersion, current.plotVersion),
    }));
    cursor.current = Math.max(cursor.current, initial.lastEventId);
  }, [initial.messages, initial.status, initial.plot, initial.plotVersion, initial.lastEventId]);

  useEffect(() => {
    let stopped = false;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let source: EventSource | undefined;
    let failures = 0;

    async function poll() {
      if (stopped) return;
      try {
        const [history, job] = await Promise.all([
          fetch(`/api/chat/${initial.bookId}/history`).then((r) => r.json() as Promise<{ messages?: StreamMessage[] }>),
          fetch(`/api/jobs/${initial.bookId}`).then((r) => r.json() as Promise<{ job?: { status: string } }>),
        ]);
        setState((current) => ({
          ...current,
          messages: history.messages ? mergeMessages(current.messages, history.messages) : current.messages,
          status: job.job?.status ?? current.status,
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
