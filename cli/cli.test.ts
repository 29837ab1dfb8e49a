import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "../tests/e2e/app-server";
import { signUpOverHttp } from "../tests/utils/http-signup";

// The CLI as a user runs it: a child process against the real built server.
let server: Awaited<ReturnType<typeof startAppServer>>;
const PASSWORD = "bedtime-stories";

beforeAll(async () => {
  server = await startAppServer({ ANSWER_SETTLE_TIMEOUT: "1s" });
}, 60_000);
afterAll(() => server.stop());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function bookbug(args: string[], options: { configDir: string; input?: string; env?: Record<string, string> }): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["cli/bin.mjs", ...args], {
      env: { ...process.env, BOOKBUG_CONFIG_DIR: options.configDir, BOOKBUG_PASSWORD: PASSWORD, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(options.input ?? "");
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function loggedIn(name: string) {
  const email = `${name}-${Date.now()}@example.com`;
  await signUpOverHttp(server.url, email, PASSWORD);
  const configDir = mkdtempSync(join(tmpdir(), "bookbug-cli-"));
  const login = await bookbug(["login", "--url", server.url, "--email", email], { configDir });
  expect(login.code, login.stderr).toBe(0);
  return { email, configDir };
}

const ANSWERS = ["Maya", "she's 5 and loves trains and her cat Miso", "curly black hair and a yellow raincoat", "the seaside", "being brave", "funny", "ink", "8", "no"];

describe("bookbug CLI", () => {
  it("logs in (token stored 0600), designs a book from stdin, watches it and downloads the PDF", async () => {
    const { email, configDir } = await loggedIn("maker");
    expect(statSync(join(configDir, "config.json")).mode & 0o777).toBe(0o600);

    const whoami = await bookbug(["whoami", "--json"], { configDir });
    expect(JSON.parse(whoami.stdout)).toMatchObject({ email, credits: 3, availableCredits: 3 });

    const made = await bookbug(["new"], { configDir, input: `${[...ANSWERS, "Approve"].join("\n")}\n` });
    expect(made.code, made.stderr).toBe(0);
    // The offline storyteller varies its questions per book, so check the shape of the transcript.
    expect(made.stdout).toMatch(/^Bookbug: Hi! I'm Bookbug/m);
    for (const answer of ANSWERS) expect(made.stdout).toContain(`Your answer: ${answer}\n`);
    expect(made.stdout).toContain("Approved! The illustrations are on their way.");

    const list = JSON.parse((await bookbug(["list", "--json"], { configDir })).stdout) as { id: string; status: string }[];
    expect(list).toHaveLength(1);
    const id = list[0]!.id;

    const watched = await bookbug(["watch", id], { configDir });
    expect(watched.code, watched.stderr).toBe(0);
    expect(watched.stdout).toMatch(/Done! \[█+\] 8\/8/);

    const shown = JSON.parse((await bookbug(["show", id, "--json"], { configDir })).stdout) as { status: string; pages: unknown[] };
    expect(shown).toMatchObject({ status: "complete" });
    expect(shown.pages).toHaveLength(8);

    const file = join(configDir, "maya.pdf");
    const download = await bookbug(["download", id, file], { configDir });
    expect(download.code, download.stderr).toBe(0);
    const pdf = await PDFDocument.load(readFileSync(file));
    expect(pdf.getPageCount()).toBe(9);
  });

  it("explains a wrong password, an unreachable server and an expired token with their exit codes", async () => {
    const configDir = mkdtempSync(join(tmpdir(), "bookbug-cli-"));
    await signUpOverHttp(server.url, "careful@example.com", PASSWORD);
    const wrong = await bookbug(["login", "--url", server.url, "--email", "careful@example.com"], { configDir, env: { BOOKBUG_PASSWORD: "nope" } });
    expect(wrong).toMatchObject({ code: 3, stderr: "That email and password don't match an account.\n" });

    const away = await bookbug(["login", "--url", "http://127.0.0.1:9", "--email", "careful@example.com"], { configDir });
    expect(away.code).toBe(6);
    expect(away.stderr).toContain("Can't reach Bookbug at http://127.0.0.1:9");

    writeFileSync(join(configDir, "config.json"), JSON.stringify({ url: server.url, token: "bb_expired", email: "careful@example.com" }));
    const expired = await bookbug(["list"], { configDir });
    expect(expired).toMatchObject({ code: 3, stderr: "Your login has expired. Run `bookbug login`.\n" });

    const nobody = await bookbug(["whoami"], { configDir: mkdtempSync(join(tmpdir(), "bookbug-cli-")) });
    expect(nobody).toMatchObject({ code: 3, stderr: "You're not logged in. Run `bookbug login`.\n" });
  });

  it("refuses approval without credits and another user's book", async () => {
    const { email, configDir } = await loggedIn("thrifty");
    // Stdin ends before approval: the conversation is saved and resumable.
    const made = await bookbug(["new"], { configDir, input: `${ANSWERS.join("\n")}\n` });
    expect(made.code).toBe(130);
    expect(made.stderr).toMatch(/Saved\. Carry on later with: bookbug resume /);
    const [book] = JSON.parse((await bookbug(["list", "--json"], { configDir })).stdout) as { id: string; status: string }[];
    expect(book?.status).toBe("plot_review");

    const db = createClient({ url: `file:${join(server.dataDir, "bookbug.db")}`, timeout: 5_000 });
    await db.execute({ sql: "update users set credits = 0 where email = ?", args: [email] });
    db.close();
    const approve = await bookbug(["approve", book!.id], { configDir });
    expect(approve).toMatchObject({ code: 5, stderr: "You don't have a credit available. Each finished book uses one.\n" });

    const other = await loggedIn("stranger");
    const peek = await bookbug(["show", book!.id], { configDir: other.configDir });
    expect(peek).toMatchObject({ code: 4, stderr: "There's no such book (or it isn't yours).\n" });
  });

  it("shows quick replies as a list in a terminal and picks one with the arrow keys", async () => {
    const { configDir } = await loggedIn("tty");
    // `script` gives the CLI a real pseudo-terminal.
    const child = spawn("script", ["-qfec", `${process.execPath} cli/bin.mjs new`, "/dev/null"], {
      env: { ...process.env, BOOKBUG_CONFIG_DIR: configDir, TERM: "xterm" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let screen = "";
    child.stdout.on("data", (chunk: Buffer) => (screen += chunk.toString()));
    const until = async (text: string | RegExp) => {
      const deadline = Date.now() + 20_000;
      while (!(typeof text === "string" ? screen.includes(text) : text.test(screen))) {
        if (Date.now() > deadline) throw new Error(`never saw ${String(text)} in:\n${screen}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    await until("Your answer:");
    child.stdin.write("Zoe\r");
    await until("(↑/↓ to move, Enter to choose)");
    for (const chip of ["2", "3", "4", "5", "6", "7", "8", "✎ Type my own answer"]) expect(screen).toContain(chip);
    expect(screen).toContain("❯ 2");
    child.stdin.write("\x1b[B\x1b[B");
    await until("❯ 4");
    child.stdin.write("\r");
    await until("→ 4");
    await until(/Bookbug:.*4/);
    child.stdin.write("\x03");
    await new Promise((resolve) => child.on("exit", resolve));
    const [book] = JSON.parse((await bookbug(["list", "--json"], { configDir })).stdout) as { id: string }[];
    const history = await bookbug(["show", book!.id, "--json"], { configDir });
    expect(JSON.parse(history.stdout)).toMatchObject({ brief: { heroName: "Zoe", heroAge: 4 } });
  });
});
