import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { BookbugApi, type ApiBook } from "./api";
import { clearConfig, readConfig, writeConfig } from "./config";
import { CliError, EXIT } from "./errors";
import { booksTable, plotText, STATUS_LABELS } from "./format";
import { runInterview } from "./interview";
import { ask, askSecret, closePrompts } from "./prompt";
import { watchBook } from "./watch";

const HELP = `bookbug — design, follow and download picture books from the terminal

Usage: bookbug <command> [options]

  login [--url URL] [--email EMAIL]   log in (password asked, or BOOKBUG_PASSWORD)
  logout                              forget the stored token
  whoami [--json]                     who you are and your credits
  new                                 start a book: the interview, right here
  resume <id>                         carry on a book's conversation
  list [--json]                       your books
  show <id> [--json]                  a book's brief and plot
  approve <id>                        approve the plot (uses one credit when done)
  revise <id> "feedback"              ask for changes to the plot
  watch <id> [--json]                 live progress while pages are illustrated
  retry <id>                          retry a failed render (free)
  cancel <id>                         stop rendering
  download <id> [file.pdf]            save the finished PDF

Exit codes: 0 ok, 1 failed, 2 usage, 3 not logged in, 4 no such book,
5 no credits, 6 server unreachable, 7 not possible right now, 130 interrupted.`;

async function authedApi() {
  const config = await readConfig();
  if (!config) throw new CliError("You're not logged in. Run `bookbug login`.", EXIT.auth);
  return new BookbugApi(config.url, config.token);
}

function needId(id: string | undefined) {
  if (!id) throw new CliError("Which book? Give its id (see `bookbug list`).", EXIT.usage);
  return id;
}

function print(json: boolean, value: unknown, text: string) {
  console.log(json ? JSON.stringify(value, null, 2) : text);
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
      const url = values.url ?? process.env.BOOKBUG_URL ?? existing?.url ?? "http://localhost:3000";
      const email = values.email ?? (await ask("Email: "));
      const password = process.env.BOOKBUG_PASSWORD ?? (await askSecret("Password: "));
      if (!email || !password) throw new CliError("An email and a password are needed to log in.", EXIT.usage);
      const api = new BookbugApi(url);
      let result;
      try {
        result = await api.request<{ token: string; user: { name: string; email: string } }>("POST", "/api/auth/token", { email, password, name: "cli" });
      } catch (error) {
        if (error instanceof CliError && error.exitCode === EXIT.failure) throw error;
        if (error instanceof CliError && /don't match/.test(error.message)) throw new CliError(error.message, EXIT.auth);
        throw error;
      }
      await writeConfig({ url, token: result.token, email: result.user.email });
      console.log(`Logged in to ${url} as ${result.user.name} <${result.user.email}>.`);
      return;
    }
    case "logout":
      await clearConfig();
      console.log("Logged out.");
      return;
    case "whoami": {
      const api = await authedApi();
      const { user } = await api.request<{ user: { email: string; name: string; credits: number; availableCredits: number } }>("GET", "/api/me");
      print(values.json, user, `${user.name} <${user.email}> — ${user.availableCredits} of ${user.credits} credits available`);
      return;
    }
    case "list": {
      const api = await authedApi();
      const { books } = await api.request<{ books: ApiBook[] }>("GET", "/api/books");
      print(values.json, books, booksTable(books));
      return;
    }
    case "show": {
      const api = await authedApi();
      const { book } = await api.request<{ book: ApiBook }>("GET", `/api/books/${needId(rest[0])}`);
      const brief = Object.entries(book.brief)
        .map(([key, value]) => `  ${key}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`)
        .join("\n");
      print(
        values.json,
        book,
        [`${book.title ?? "(untitled draft)"} — ${STATUS_LABELS[book.status] ?? book.status}`, "", "Brief:", brief || "  (nothing yet)", "", book.plot ? plotText(book.plot) : "No plot yet."].join("\n"),
      );
      return;
    }
    case "new": {
      const api = await authedApi();
      const { book } = await api.request<{ book: ApiBook }>("POST", "/api/books");
      console.log(`New book ${book.id}. (Ctrl-C any time; carry on later with \`bookbug resume ${book.id}\`.)`);
      await runInterview(api, book.id, { showHistory: true });
      return;
    }
    case "resume": {
      const api = await authedApi();
      await runInterview(api, needId(rest[0]), { showHistory: true });
      return;
    }
    case "approve": {
      const api = await authedApi();
      await api.request("POST", `/api/chat/${needId(rest[0])}/approve`, { decision: "approve" });
      console.log(`Approved. Follow the illustrations with: bookbug watch ${rest[0]}`);
      return;
    }
    case "revise": {
      const api = await authedApi();
      const feedback = rest.slice(1).join(" ").trim();
      if (!feedback) throw new CliError('Say what to change, e.g. bookbug revise <id> "make the dragon friendlier".', EXIT.usage);
      await api.request("POST", `/api/chat/${needId(rest[0])}/approve`, { decision: "revise", feedback });
      console.log(`Asked for changes. See the new plot with: bookbug show ${rest[0]}`);
      return;
    }
    case "watch":
      await watchBook(await authedApi(), needId(rest[0]), { json: values.json });
      return;
    case "retry": {
      const api = await authedApi();
      await api.request("POST", `/api/jobs/${needId(rest[0])}/retry`);
      console.log(`Retrying for free. Follow it with: bookbug watch ${rest[0]}`);
      return;
    }
    case "cancel": {
      const api = await authedApi();
      await api.request("POST", `/api/jobs/${needId(rest[0])}/cancel`);
      console.log("Stopped. Nothing was charged.");
      return;
    }
    case "download": {
      const api = await authedApi();
      const id = needId(rest[0]);
      const bytes = await api.download(`/api/books/${id}/pdf`);
      const file = rest[1] ?? `bookbug-${id.slice(0, 8)}.pdf`;
      await writeFile(file, bytes);
      console.log(`Saved ${file} (${Math.round(bytes.length / 1024)} KB).`);
      return;
    }
    default:
      throw new CliError(`Unknown command "${command}". Run \`bookbug help\`.`, EXIT.usage);
  }
}

process.on("SIGINT", () => {
  console.error("\nSaved. Nothing is lost — carry on later with `bookbug resume <id>`.");
  process.exit(EXIT.interrupted);
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
    if (error instanceof TypeError && /parseArgs|Unknown option/i.test(String(error))) {
      console.error(String(error.message));
      process.exit(EXIT.usage);
    }
    console.error("Something went wrong:", error instanceof Error ? error.message : error);
    process.exit(EXIT.failure);
  });
