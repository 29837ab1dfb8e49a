/**
 * A Server-Sent Events response whose events carry ids, so a reconnecting
 * EventSource resumes with `Last-Event-ID`. (remix-utils' eventStream cannot
 * write ids.)
 */
export interface SseWriter {
  send(event: { id?: number | string; event?: string; data: unknown }): void;
  comment(text: string): void;
}

export function sseResponse(requestSignal: AbortSignal, run: (writer: SseWriter, signal: AbortSignal) => Promise<void>): Response {
  const encoder = new TextEncoder();
  // Ends the producer when the client disconnects or cancels the body.
  const stop = new AbortController();
  const stopNow = () => stop.abort();
  requestSignal.addEventListener("abort", stopNow);
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const writer: SseWriter = {
        send({ id, event, data }) {
          const json = JSON.stringify(data);
          write(`${id !== undefined ? `id: ${id}\n` : ""}${event ? `event: ${event}\n` : ""}data: ${json}\n\n`);
        },
        comment(text) {
          write(`: ${text}\n\n`);
        },
      };
      const close = () => {
        requestSignal.removeEventListener("abort", stopNow);
        if (!open) return;
        open = false;
        controller.close();
      };
      stop.signal.addEventListener("abort", close);
      // Reconnect quickly after a dropped connection.
      write("retry: 2000\n\n");
      run(writer, stop.signal)
        .catch((error: unknown) => {
          if (!stop.signal.aborted) console.error("event stream failed", error);
        })
        .finally(close);
    },
    cancel() {
      open = false;
      stop.abort();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}

/** The cursor a client resumes from: the Last-Event-ID header, else `?after=`. */
export function resumeCursor(request: Request): number {
  const header = request.headers.get("last-event-id");
  const query = new URL(request.url).searchParams.get("after");
  const value = Number(header ?? query ?? 0);
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}
