/**
 * npm run bench:send — what one `inngest.send` costs the thread that sends it
 * (a chat message's wake-up, sent from the web thread), with the SDK's own
 * fetch and with the loopback fetch the app uses for the embedded engine.
 * The event API is a stub on loopback in this process, so its share is the
 * same for both. Prints JSON: CPU and wall time per send, in µs.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
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

async function measure(baseUrl: string, fetchImpl?: typeof fetch) {
  const client = new Inngest({ id: "bench-send", baseUrl, eventKey: "bench", isDev: false, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  const send = (i: number) => client.send({ name: "chat/message.sent", data: { bookId: "book-1", messageId: i } });
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

async function main() {
  await new Promise<void>((resolve) => eventApi.listen(0, "127.0.0.1", () => resolve()));
  const baseUrl = `http://127.0.0.1:${(eventApi.address() as AddressInfo).port}`;
  try {
    const sdkFetch = await measure(baseUrl);
    const loopback = await measure(baseUrl, loopbackFetch);
    console.log(JSON.stringify({ sends: SENDS, sdkFetch, loopbackFetch: loopback, note: "CPU includes the stub event API's side, the same for both" }, null, 2));
  } finally {
    eventApi.closeAllConnections();
    eventApi.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
