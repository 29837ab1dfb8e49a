import type { IncomingEvent } from "../engine";

/** What the main thread and the engine's worker thread say to each other. */
export type EngineThreadRequest = { type: "connect" } | { type: "stop" };

export type EngineThreadReply =
  | { type: "listening"; port: number }
  | { type: "connected" }
  | { type: "stopped" }
  | { type: "failed"; code?: string; message: string };

/**
 * Events the web thread hands the engine on their own channel, so a send
 * never waits behind a connect or a stop. Each is answered by its number.
 */
export interface EventsToIngest {
  requestId: number;
  events: IncomingEvent[];
}

export type EventsIngested = { requestId: number; ids: string[] } | { requestId: number; error: string };

/** What the engine's thread and a thread serving more workflows say to each other. */
export type WorkflowThreadRequest = { type: "stop" };

export type WorkflowThreadReply = { type: "listening"; url: string } | { type: "stopped" } | { type: "failed"; message: string };
