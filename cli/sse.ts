export interface StreamEvent {
  id: number;
  event: string;
  data: unknown;
}

/**
 * Follows an SSE endpoint, reconnecting after a dropped connection with
 * `Last-Event-ID` so no event is missed or repeated. Stops when `signal` aborts.
 */
export async function followStream(
  url: string,
  headers: Record<string, string>,
  onEvent: (event: StreamEvent) => void,
  options: { signal: AbortSignal; after?: number; onReconnect?: () => void },
) {
  let lastId = options.after ?? 0;
  while (!options.signal.aborted) {
    try {
      const response = await fetch(`${url}${lastId ? `?after=${lastId}` : ""}`, {
        headers: { ...headers, Accept: "text/event-stream", ...(lastId ? { "Last-Event-ID": String(lastId) } : {}) },
        signal: options.signal,
      });
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      const decoder = new TextDecoder();
      let buffer = "";
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let id = 0;
          let name = "message";
          let data = "";
          for (const line of frame.split("\n")) {
            if (line.startsWith("id: ")) id = Number(line.slice(4));
            else if (line.startsWith("event: ")) name = line.slice(7);
            else if (line.startsWith("data: ")) data += line.slice(6);
          }
          if (!data) continue;
          if (id) lastId = id;
          onEvent({ id, event: name, data: JSON.parse(data) });
        }
      }
    } catch {
      if (options.signal.aborted) return;
    }
    if (options.signal.aborted) return;
    options.onReconnect?.();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
