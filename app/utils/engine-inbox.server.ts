import type { IncomingEvent } from "../../engine";

/** Hands events to an engine running in this process; resolves once they are stored. */
export type EngineInbox = (events: IncomingEvent[]) => Promise<unknown>;

// On globalThis because the server and the built app each load their own
// copy of this module (and Vite reloads it in development).
const slot = globalThis as unknown as { __bookbugEngineInbox?: EngineInbox };

/**
 * The embedded engine runs in this process (server/index.ts): the app's
 * events go to it through `inbox` instead of over loopback HTTP. Undefined
 * puts the Inngest client back in charge.
 */
export function deliverWorkflowEventsTo(inbox: EngineInbox | undefined) {
  slot.__bookbugEngineInbox = inbox;
}

export function engineInbox(): EngineInbox | undefined {
  return slot.__bookbugEngineInbox;
}
