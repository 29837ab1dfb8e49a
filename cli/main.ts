import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { BookbugApi, type ApiBook, type ApiMessage } from "./api";
import { clearConfig, readConfig, writeConfig } from "./config";
import { CliError, EXIT, interruptMessage, noSuchBook } from "./errors";
import { booksTable, briefLines, creditsLine, plotText, STATUS_LABELS, style } from "./format";
import { formatMessage, runInterview } from "./interview";
import { ask, askSecret, closePrompts, resetTerminal } from "./prompt";
import { reviewPlot } from "./review";
import { watchBook } from "./watch";

const HELP = `bookbug — design, follow and download picture books from the terminal

Usage: bookbug <command> [options]

  login [--url URL] [--email EMAIL]   log in (password asked, or BOOKBUG_PASSWORD)
  logout                              log out: revoke the token and forget it
  whoami [--json]                     who you are and your credits
  new                                 start a book: the interview, right here
  resume <id>                         carry on a book's conversation
  list [--json]                       your books
  show <id> [--json]                  a book's brief and plot
  history <id> [--json]               a book's conversation so far
  approve <id>                        approve the plot (uses one credit when done)
  revise <id> "feedback"              ask for changes to the plot
  watch <id> [--json]                 live progress while pages are illustrated
  retry <id>                          retry a failed or stopped render (free)
  cancel <id>                         stop rendering (the credit is released)
  download <id> [file.pdf | dir | -]  save the finished PDF (- for stdout)

A book id can be shortened to its first few characters.

Exit codes: 0 ok, 1 failed, 2 usage, 3 not logged in or expired, 4 no such book,
5 no credits, 6 server unreachable, 7 not possible right now, 130 interrupted.`;

async function authedApi() {
  const config = await readConfig();
  if (!config) throw new CliError("You're not logged in. Run `bookbug login`.", EXIT.auth);
  return { api: new BookbugApi(config.url, config.token), config };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A full id, or a unique prefix of one of the user's books (as `list` shows them). */
async function bookId(api: BookbugApi, given: string | undefined) {
  if (!given) throw new CliError("Which book? Give its id (see `bookbug list`).", EXIT.usage);
  const id = given.replace(/[….]+$/, "");
  if (UUID.test(id)) return id.toLowerCase();
  if (!/^[0-9a-f-]+$/i.test(id)) throw noSuchBook();
  const { books } = await api.request<{ books: ApiBook[] }>("GET", "/api/books");
  const matches = books.filter((book) => book.id.startsWith(id.toLowerCase()));
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length === 0) throw noSuchBook();
  throw new CliError(`"${id}" matches ${matches.length} books (${matches.map((book) => book.id.slice(0, 13)).join(", ")}); give a few more characters.`, EXIT.usage);
}

function print(json: boolean, value: unknown, text: string) {
  console.log(json ? JSON.stringify(value, null, 2) : text);
}

/** http://host:port from what a person types ("localhost:3000", "https://x/"). */
function normaliseUrl(input: string) {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `http://${input}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CliError(`"${input}" isn't a web address. Try --url http://localhost:3000`, EXIT.usage);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CliError(`Use an http:// or https:// address, not "${input}".`, EXIT.usage);
  return url.origin;
}

/** The file name the server suggests (from the book's title), if any. */
function suggestedName(disposition: string | null) {
  const name = disposition?.match(/filename="([^"/\\]+)"/)?.[1];
  return name && name !== "." && name !== ".." ? name : null;
}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      url: { type: "string" },
      email: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help || command === "help") {
    console.log(HELP);
    return;
  }

  switch (command) {
    case "login": {
      const existing = await readConfig();
      const url = normaliseUrl(values.url ?? process.env.BOOKBUG_URL ?? existing?.url ?? "http://localhost:3000");
      // Logging in again (say, after the token expired) needs only the password.
      const email = values.email ?? existing?.email ?? (await ask("Email: "));
      const password = process.env.BOOKBUG_PASSWORD ?? (await askSecret("Password: "));
      if (!email || !password) throw new CliError("An email and a password are needed to log in.", EXIT.usage);
      const api = new BookbugApi(url);
      let result;
      try {
        result = await api.request<{ token: string; user: { name: string; email: string } }>("POST", "/api/auth/token", { email, password, name: "cli" });
      } catch (error) {
        if (error instanceof CliError && /don't match/.test(error.message)) throw new CliError(error.message, EXIT.auth);
        throw error;
      }
      await writeConfig({ url, token: result.token, email: result.user.email });
      console.log(`Logged in to ${url} as ${result.user.name} <${result.user.email}>.`);
      return;
    }
    case "logout": {
      const config = await readConfig();
      if (config) {
        // Revoke the token on the server; forget it here even if the server is away.
        // A token the server already refuses (401) no longer works: as good as revoked.
        const failure = await new BookbugApi(config.url, config.token).request("DELETE", "/api/auth/token").then(
          () => null,
          (error: unknown) => (error instanceof CliError && error.exitCode === EXIT.auth ? null : error),
        );
        await clearConfig();
        const note =
          failure === null
            ? ""
            : failure instanceof CliError && failure.exitCode === EXIT.unreachable
              ? " (The server couldn't be reached to revoke the token; it expires by itself.)"
              : ` (The server didn't revoke the token: ${failure instanceof Error ? failure.message : String(failure)} It expires by itself.)`;
        console.log(`Logged out of ${config.url}.${note}`);
      } else console.log("You weren't logged in.");
      return;
    }
    case "whoami": {
      const { api, config } = await authedApi();
      const { user } = await api.request<{ user: { email: string; name: string; credits: number; availableCredits: number } }>("GET", "/api/me");
      print(values.json, { ...user, url: config.url }, `${user.name} <${user.email}> on ${config.url}\n${creditsLine(user.credits, user.availableCredits)}`);
      return;
    }
    case "list": {
      const { api } = await authedApi();
      const { books } = await api.request<{ books: ApiBook[] }>("GET", "/api/books");
      print(values.json, books, booksTable(books));
      return;
    }
    case "show": {
      const { api } = await authedApi();
      const id = await bookId(api, rest[0]);
      const { book } = await api.request<{ book: ApiBook }>("GET", `/api/books/${id}`);
      const brief = briefLines(book.brief).join("\n");
      const pages = book.pages.length ? `\n\n${book.pages.length} of ${book.pageCount ?? book.plot?.pages.length ?? "?"} pages illustrated.` : "";
      print(
        values.json,
        book,
        [
          `${style.bold(book.title ?? "(untitled draft)")} — ${STATUS_LABELS[book.status] ?? book.status}`,
          style.dim(book.id),
          "",
          "Brief:",
          brief || "  (nothing yet)",
          "",
          `${book.plot ? plotText(book.plot) : "No plot yet."}${pages}`,
          ...nextStep(book),
        ].join("\n"),
      );
      return;
    }
    case "history": {
      const { api } = await authedApi();
      const id = await bookId(api, rest[0]);
      const { messages } = await api.request<{ messages: ApiMessage[] }>("GET", `/api/chat/${id}/history`);
      if (values.json) print(true, messages, "");
      else if (messages.length === 0) console.log("No messages yet.");
      else console.log(messages.map(formatMessage).join("\n").trimStart());
      return;
    }
    case "new": {
      const { api } = await authedApi();
      const { book } = await api.request<{ book: ApiBook }>("POST", "/api/books");
      console.log(`New book ${book.id}  (Ctrl-C any time; carry on later with \`bookbug resume ${book.id}\`.)`);
      await runInterview(api, book.id);
      return;
    }
    case "resume": {
      const { api } = await authedApi();
      const id = await bookId(api, rest[0]);
      await runInterview(api, id);
      return;
    }
    case "approve": {
      const { api } = await authedApi();
      await reviewPlot(api, await bookId(api, rest[0]), "approve");
      return;
    }
    case "revise": {
      const { api } = await authedApi();
      const feedback = rest.slice(1).join(" ").trim();
      if (!rest[0] || !feedback) throw new CliError('Say what to change, e.g. bookbug revise <id> "make the dragon friendlier".', EXIT.usage);
      await reviewPlot(api, await bookId(api, rest[0]), "revise", feedback);
      return;
    }
    case "watch": {
      const { api } = await authedApi();
      await watchBook(api, await bookId(api, rest[0]), { json: values.json });
      return;
    }
    case "retry": {
      const { api } = await authedApi();
      const id = await bookId(api, rest[0]);
      await api.request("POST", `/api/jobs/${id}/retry`);
      console.log(`Retrying for free; pages already drawn are kept. Follow it with: bookbug watch ${id}`);
      return;
    }
    case "cancel": {
      const { api } = await authedApi();
      const id = await bookId(api, rest[0]);
      await api.request("POST", `/api/jobs/${id}/cancel`);
      console.log(`Stopped. Nothing was charged and the credit is free again. Start it again with: bookbug retry ${id}`);
      return;
    }
    case "download": {
      const { api } = await authedApi();
      const id = await bookId(api, rest[0]);
      if (rest[1] === "-" && process.stdout.isTTY) throw new CliError("That would print a PDF onto the terminal; pipe it somewhere, or give a file name.", EXIT.usage);
      const { bytes, disposition } = await api.download(`/api/books/${id}/pdf`);
      if (rest[1] === "-") {
        // The process exits right after: wait until the PDF is handed over, or a slow pipe gets a truncated file.
        await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())));
        return;
      }
      const fallback = suggestedName(disposition) ?? `bookbug-${id.slice(0, 8)}.pdf`;
      let file = rest[1] ?? fallback;
      if (await stat(file).then((info) => info.isDirectory(), () => false)) file = join(file, fallback);
      await writeFile(file, bytes);
      console.log(`Saved ${file} (${Math.max(1, Math.round(bytes.length / 1024))} KB).`);
      return;
    }
    default:
      throw new CliError(`Unknown command "${command}". Run \`bookbug help\`.`, EXIT.usage);
  }
}

/** What to do next with a book, for `show`. */
function nextStep(book: ApiBook): string[] {
  const hint: Record<string, string> = {
    intake: `Carry on the conversation with: bookbug resume ${book.id}`,
    paused: `Carry on the conversation with: bookbug resume ${book.id}`,
    plot_review: `Approve it with: bookbug approve ${book.id}   or: bookbug revise ${book.id} "…"`,
    queued: `Follow it with: bookbug watch ${book.id}`,
    rendering: `Follow it with: bookbug watch ${book.id}`,
    complete: `Download it with: bookbug download ${book.id}`,
    failed: `Try again for free with: bookbug retry ${book.id}`,
    cancelled: `Start it again with: bookbug retry ${book.id}`,
  };
  return hint[book.status] ? ["", hint[book.status]!] : [];
}

// Whatever was running, the terminal is restored and the user is told how to
// carry on (the server has everything already).
process.on("SIGINT", () => {
  resetTerminal();
  console.error(interruptMessage());
  process.exit(EXIT.interrupted);
});
process.on("SIGTERM", () => {
  resetTerminal();
  console.error(interruptMessage());
  process.exit(143);
});

// Node exits by itself when nothing is left to wait for; a command that gets
// there without finishing hit a bug, and must not look like a success.
process.on("beforeExit", () => {
  closePrompts();
  console.error("Something went wrong: the command stopped before it finished.");
  process.exit(EXIT.failure);
});

main(process.argv.slice(2))
  .then(() => {
    closePrompts();
    process.exit(EXIT.ok);
  })
  .catch((error: unknown) => {
    closePrompts();
    if (error instanceof CliError) {
      console.error(error.message);
      process.exit(error.exitCode);
    }
    if ((error as { code?: string } | null)?.code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`${(error as Error).message} Run \`bookbug help\`.`);
      process.exit(EXIT.usage);
    }
    console.error("Something went wrong:", error instanceof Error ? error.message : error);
    process.exit(EXIT.failure);
  });
