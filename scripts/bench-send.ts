/**
 * npm run bench:send — what sending one event costs (a chat message's
 * wake-up, sent from the web thread):
 *   sdkFetch, loopbackFetch: `inngest.send` to a stub of the event API on
 *     loopback, with the SDK's own fetch and with the app's loopback fetch;
 *   engineChannel: `sendWorkflowEvents` as the server sends to its embedded
 *     engine, by message over a MessagePort to a stub that answers with ids.
 * Every stub runs in this process, so its side is counted in each figure.
 * Prints JSON: CPU and wall time per send, in µs.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { MessageChannel } from "node:worker_threads";
import { Inngest } from "inngest";
import { deliverWorkflowEventsTo } from "../app/utils/engine-inbox.server";
import { sendWorkflowEvents } from "../app/utils/workflow-events.server";
import { answerEvents, eventSender } from "../server/engine-event-channel";
import { chatMessageSent } from "../workflows/events";
import { loopbackFetch } from "../workflows/loopback-fetch";

const WARM_UP = 300;
const SENDS = Number(process.env.BENCH_SENDS ?? 3_000);

const eventApi = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    const count = (JSON.parse(body) as unknown[]).length;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ids: Array.from({ length: count }, (_, i) => `event-${i}`), status: 200 }));
  });
});

async function measure(send: (i: number) => Promise<unknown>) {
  for (let i = 0; i < WARM_UP; i++) await send(i);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < SENDS; i++) await send(i);
  const used = process.cpuUsage(cpu);
  return {
    cpuUsPerSend: Math.round((used.user + used.system) / SENDS),
    wallUsPerSend: Math.round(((performance.now() - started) * 1000) / SENDS),
  };
}

function sdkSend(baseUrl: string, fetchImpl?: typeof fetch) {
  const client = new Inngest({ id: "bench-send", baseUrl, eventKey: "bench", isDev: false, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  return (i: number) => client.send(chatMessageSent.create({ bookId: "book-1", messageId: i }));
}

/** The server's path to its engine, with a stub in place of the engine's thread. */
function channelSend() {
  const { port1, port2 } = new MessageChannel();
  answerEvents(port2, async (events) => ({ ids: events.map((_, i) => `event-${i}`) }));
  port2.unref();
  const sender = eventSender(port1);
  deliverWorkflowEventsTo((events) => sender.send(events));
  return (i: number) => sendWorkflowEvents([chatMessageSent.create({ bookId: "book-1", messageId: i })]);
}

async function main() {
  await new Promise<void>((resolve) => eventApi.listen(0, "127.0.0.1", () => resolve()));
  const baseUrl = `http://127.0.0.1:${(eventApi.address() as AddressInfo).port}`;
  try {
    const sdkFetch = await measure(sdkSend(baseUrl));
    const loopback = await measure(sdkSend(baseUrl, loopbackFetch));
    const engineChannel = await measure(channelSend());
    console.log(JSON.stringify({ sends: SENDS, sdkFetch, loopbackFetch: loopback, engineChannel, note: "CPU includes the stub's side in each" }, null, 2));
  } finally {
    eventApi.closeAllConnections();
    eventApi.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
