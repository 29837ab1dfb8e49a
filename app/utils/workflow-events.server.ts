import { inngest } from "../../workflows/client";
import { engineInbox } from "./engine-inbox.server";

/** An event as a typed event's `create()` makes it: checked against its schema by `validate`. */
export interface WorkflowEvent {
  name: string;
  data?: Record<string, unknown>;
  id?: string;
  ts?: number;
  validate?: () => Promise<void>;
}

/**
 * Sends events to the workflows, checked against their schemas first as the
 * Inngest client checks them: if one is invalid, none is sent. Resolves once
 * the engine has stored them. With the embedded engine in this process they
 * go to it by message (server/index.ts); otherwise (Inngest Cloud, tests)
 * through the Inngest client.
 */
export async function sendWorkflowEvents(events: WorkflowEvent[]): Promise<void> {
  const inbox = engineInbox();
  if (!inbox) {
    await inngest.send(events as Parameters<typeof inngest.send>[0]);
    return;
  }
  for (const event of events) await event.validate?.();
  const now = Date.now();
  await inbox(events.map(({ name, data, id, ts }) => ({ name, data: data ?? {}, ...(id ? { id } : {}), ts: ts || now })));
}
