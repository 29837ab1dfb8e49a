import { request } from "node:http";

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * `fetch` for the embedded engine on loopback, over node:http (whose default
 * agent keeps connections alive). The Inngest client sends every chat wake-up
 * through its fetch, from the web thread, and undici's fetch costs about twice
 * the CPU of a plain request there. Anything but a plain-http URL with a
 * string body goes to the global fetch.
 */
export function loopbackFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = input instanceof Request ? null : new URL(input);
  const { body } = init;
  if (!url || url.protocol !== "http:" || (body != null && typeof body !== "string")) return fetch(input, init);

  return new Promise<Response>((resolve, reject) => {
    const { signal } = init;
    if (signal?.aborted) return reject(signal.reason);
    const req = request(url, { method: init.method ?? "GET", headers: Object.fromEntries(new Headers(init.headers)) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", fail);
      res.on("end", () => {
        signal?.removeEventListener("abort", onAbort);
        const headers = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        const status = res.statusCode ?? 502;
        resolve(new Response(NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? "", headers }));
      });
    });
    function fail(error: Error) {
      signal?.removeEventListener("abort", onAbort);
      // As fetch does: a network failure is a TypeError with the cause attached.
      reject(new TypeError("fetch failed", { cause: error }));
    }
    function onAbort() {
      req.destroy();
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", fail);
    req.end(body ?? undefined);
  });
}
