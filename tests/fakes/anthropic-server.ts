import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake answers next: a tool call, an HTTP error, or a malformed reply. */
export type FakeReply =
  | { kind: "tool"; input: unknown }
  | { kind: "error"; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: "text"; text: string };

export interface RecordedRequest {
  headers: IncomingMessage["headers"];
  body: {
    model: string;
    system?: string;
    tools?: { name: string }[];
    tool_choice?: { type: string; name?: string };
    messages: { role: string; content: string }[];
  };
}

/**
 * A loopback stand-in for the Anthropic Messages API: it records requests and
 * answers from a queue, in the API's real response shapes.
 */
export async function startFakeAnthropic() {
  const replies: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.startsWith("/v1/messages")) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ type: "error", error: { type: "not_found_error", message: "not found" } }));
        return;
      }
      const body = JSON.parse(raw) as RecordedRequest["body"];
      requests.push({ headers: req.headers, body });
      const reply = replies.shift() ?? { kind: "error", status: 500, body: { type: "error", error: { type: "api_error", message: "no reply queued" } } };
      if (reply.kind === "error") {
        res
          .writeHead(reply.status, { "content-type": "application/json", ...reply.headers })
          .end(JSON.stringify(reply.body ?? { type: "error", error: { type: "api_error", message: `status ${reply.status}` } }));
        return;
      }
      const content =
        reply.kind === "tool"
          ? [{ type: "tool_use", id: `toolu_${requests.length}`, name: body.tool_choice?.name ?? "tool", input: reply.input }]
          : [{ type: "text", text: reply.text }];
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: `msg_${requests.length}`,
          type: "message",
          role: "assistant",
          model: body.model,
          content,
          stop_reason: reply.kind === "tool" ? "tool_use" : "end_turn",
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 10 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    queue(...next: FakeReply[]) {
      replies.push(...next);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
