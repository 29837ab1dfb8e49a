/**
 * Events handed from the web thread to the engine's thread over a
 * MessagePort: the sending side numbers each batch and settles its promise
 * when the engine's side answers with the stored ids or the reason it
 * refused them.
 */
import type { MessagePort } from "node:worker_threads";
import type { IncomingEvent } from "../engine";
import type { EventsIngested, EventsToIngest } from "./engine-thread-messages";

export interface EventSender {
  send(events: IncomingEvent[]): Promise<{ ids: string[] }>;
  /** Rejects every send in flight and any later one with `reason`. */
  close(reason: Error): void;
}

export function eventSender(port: MessagePort): EventSender {
  const waiting = new Map<number, { resolve: (ids: string[]) => void; reject: (error: Error) => void }>();
  let lastRequestId = 0;
  let closed: Error | undefined;
  port.on("message", (answer: EventsIngested) => {
    const sent = waiting.get(answer.requestId);
    waiting.delete(answer.requestId);
    if ("error" in answer) sent?.reject(new Error(answer.error));
    else sent?.resolve(answer.ids);
  });
  // Whoever runs the other end keeps the process alive; the channel need not.
  port.unref();
  return {
    send(events) {
      if (closed) return Promise.reject(closed);
      const requestId = ++lastRequestId;
      const stored = new Promise<string[]>((resolve, reject) => waiting.set(requestId, { resolve, reject }));
      port.postMessage({ requestId, events } satisfies EventsToIngest);
      return stored.then((ids) => ({ ids }));
    },
    close(reason) {
      closed = reason;
      for (const sent of waiting.values()) sent.reject(reason);
      waiting.clear();
      port.close();
    },
  };
}

/** The engine's side: stores each batch with `ingest` and answers it. */
export function answerEvents(port: MessagePort, ingest: (events: IncomingEvent[]) => Promise<{ ids: string[] }>): void {
  port.on("message", ({ requestId, events }: EventsToIngest) => {
    ingest(events).then(
      ({ ids }) => port.postMessage({ requestId, ids } satisfies EventsIngested),
      (error: unknown) => port.postMessage({ requestId, error: String((error as Error | undefined)?.message ?? error) } satisfies EventsIngested),
    );
  });
}
