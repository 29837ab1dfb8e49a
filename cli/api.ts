import { CliError, EXIT, noSuchBook } from "./errors";
import { followStream, type FollowOptions, type StreamEvent } from "./sse";

/** Shapes of the public API (mirrors the README's contract). */
export interface ApiMessage {
  id: number;
  role: "user" | "assistant";
  content: string;
  chips: string[];
  phase: string;
  createdAt: string;
}

export interface ApiPlot {
  title: string;
  premise: string;
  pages: { number: number; beat: string }[];
  summary?: string;
}

export interface ApiBook {
  id: string;
  status: string;
  title: string | null;
  brief: Record<string, unknown>;
  plot: ApiPlot | null;
  pageCount: number | null;
  pages: { number: number; text: string; imageUrl: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface ApiJob {
  bookId: string;
  status: string;
  stage: string | null;
  currentPage: number;
  totalPages: number;
  error: string | null;
  lastEventId: number;
}

/** A book whose conversation is still going (the plot not yet approved). */
export const CONVERSING = ["intake", "plot_review", "paused"];
/** A book whose illustration is over, one way or another. */
export const TERMINAL = ["complete", "failed", "cancelled"];

const STATUS_EXIT: Record<number, number> = { 401: EXIT.auth, 402: EXIT.noCredits, 404: EXIT.notFound, 409: EXIT.conflict, 429: EXIT.conflict };

/** Requests that get no answer at all are as good as an unreachable server. */
const REQUEST_TIMEOUT_MS = 30_000;
const DOWNLOAD_TIMEOUT_MS = 120_000;

/** Network failures that say a connection broke in passing, not that nobody is there. */
const DROPPED = ["ECONNRESET", "EPIPE", "ECONNABORTED", "UND_ERR_SOCKET", "UND_ERR_CLOSED"];

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function networkErrorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  return cause?.code ?? cause?.message;
}

/** A thin client for the Bookbug HTTP API; errors become clear CLI errors. */
export class BookbugApi {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  /**
   * One request, its body read too: a connection that drops or stalls after
   * the headers is as much a network failure as one that never answers.
   */
  private async send<T>(method: string, path: string, init: RequestInit, timeoutMs: number, read: (response: Response) => Promise<T>) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await fetch(new URL(path, this.baseUrl), { method, ...init, signal: AbortSignal.timeout(timeoutMs) });
        return { response, body: await read(response) };
      } catch (error) {
        if ((error as Error | null)?.name === "TimeoutError") {
          throw new CliError(`Bookbug at ${this.baseUrl} didn't answer within ${timeoutMs / 1000} s. Try again in a moment.`, EXIT.unreachable);
        }
        const code = networkErrorCode(error);
        // A connection dropped in passing (say, a kept-alive one the server
        // closed just then) is worth another go for a read; nothing listening isn't.
        if (method === "GET" && attempt < 2 && DROPPED.includes(code ?? "")) {
          await new Promise((resolve) => setTimeout(resolve, 200 * 3 ** attempt));
          continue;
        }
        const detail = code && code !== "ECONNREFUSED" ? ` (${code})` : "";
        throw new CliError(`Can't reach Bookbug at ${this.baseUrl}${detail}. Is the server running?`, EXIT.unreachable);
      }
    }
  }

  private failure(response: Response, payload: unknown, path: string): CliError {
    const message = (payload as { error?: { message?: string } } | null)?.error?.message;
    if (response.status === 401 && path !== "/api/auth/token") {
      return new CliError(`${this.token ? "Your login has expired" : "You're not logged in"}. Run \`bookbug login\`.`, EXIT.auth);
    }
    if (response.status === 404) return noSuchBook();
    // A proxy in front of a stopped or restarting server.
    if ([502, 503, 504].includes(response.status) && !message) {
      return new CliError(`Bookbug at ${this.baseUrl} isn't answering right now (${response.status}). Try again in a moment.`, EXIT.unreachable);
    }
    return new CliError(message ?? `The server answered ${response.status}.`, STATUS_EXIT[response.status] ?? EXIT.failure);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { response, body: text } = await this.send(
      method,
      path,
      {
        headers: {
          ...this.authHeader(),
          ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      },
      REQUEST_TIMEOUT_MS,
      (answer) => answer.text(),
    );
    if (response.status === 204) return undefined as T;
    const payload = parseJson(text);
    if (!response.ok) throw this.failure(response, payload, path);
    return payload as T;
  }

  async download(path: string): Promise<{ bytes: Uint8Array; disposition: string | null }> {
    const { response, body } = await this.send("GET", path, { headers: this.authHeader() }, DOWNLOAD_TIMEOUT_MS, (answer) => answer.arrayBuffer());
    const bytes = new Uint8Array(body);
    if (!response.ok) throw this.failure(response, parseJson(new TextDecoder().decode(bytes)), path);
    return { bytes, disposition: response.headers.get("content-disposition") };
  }

  /** Follows a book's live stream (see followStream) as this user. */
  followBook(bookId: string, onEvent: (event: StreamEvent) => void, options: FollowOptions) {
    return followStream(new URL(`/api/jobs/${bookId}/stream`, this.baseUrl).toString(), this.authHeader(), onEvent, options);
  }

  private authHeader(): Record<string, string> {
    return this.token ? { Authorization: `Bearer ${this.token}` } : {};
  }
}
