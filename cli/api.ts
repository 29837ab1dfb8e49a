import { CliError, EXIT } from "./errors";

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

const STATUS_EXIT: Record<number, number> = { 401: EXIT.auth, 402: EXIT.noCredits, 404: EXIT.notFound, 409: EXIT.conflict, 429: EXIT.conflict };

/** A thin client for the Bookbug HTTP API; errors become clear CLI errors. */
export class BookbugApi {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
          ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch {
      throw new CliError(`Can't reach Bookbug at ${this.baseUrl}. Is the server running?`, EXIT.unreachable);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let payload: unknown = null;
    try {
      payload = text ? JSON.parse(text) : null;
    } catch {
      payload = null;
    }
    if (!response.ok) {
      const message = (payload as { error?: { message?: string } } | null)?.error?.message ?? `The server answered ${response.status}.`;
      if (response.status === 401 && path !== "/api/auth/token") {
        throw new CliError(`${this.token ? "Your login has expired" : "You're not logged in"}. Run \`bookbug login\`.`, EXIT.auth);
      }
      if (response.status === 404) throw new CliError("There's no such book (or it isn't yours).", EXIT.notFound);
      throw new CliError(message, STATUS_EXIT[response.status] ?? EXIT.failure);
    }
    return payload as T;
  }

  async download(path: string): Promise<Uint8Array> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), { headers: this.token ? { Authorization: `Bearer ${this.token}` } : {} });
    } catch {
      throw new CliError(`Can't reach Bookbug at ${this.baseUrl}. Is the server running?`, EXIT.unreachable);
    }
    if (!response.ok) {
      const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      if (response.status === 404) throw new CliError("There's no such book (or it isn't yours).", EXIT.notFound);
      if (response.status === 401) throw new CliError("Your login has expired. Run `bookbug login`.", EXIT.auth);
      throw new CliError(payload?.error?.message ?? `The server answered ${response.status}.`, STATUS_EXIT[response.status] ?? EXIT.failure);
    }
    return new Uint8Array(await response.arrayBuffer());
  }

  streamUrl(bookId: string) {
    return new URL(`/api/jobs/${bookId}/stream`, this.baseUrl).toString();
  }

  authHeader(): Record<string, string> {
    return this.token ? { Authorization: `Bearer ${this.token}` } : {};
  }
}
