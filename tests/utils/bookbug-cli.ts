import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FULL_INTERVIEW } from "./full-interview";
import { signUpOverHttp } from "./http-signup";

/** Running the `bookbug` CLI as a user does: a child process with its own config dir. */
export const CLI_PASSWORD = "bedtime-stories";

/**
 * The offline interview from the first question to the plot, declining the
 * dedication (the last question): the PDF is then the cover and 8 pages.
 */
export const INTERVIEW_ANSWERS = [...FULL_INTERVIEW.slice(0, -1), "no"];

export interface CliRun {
  code: number;
  stdout: string;
  /** Stdout as it came, for binary output (`download -`). */
  stdoutBytes: Buffer;
  stderr: string;
}

export interface CliOptions {
  configDir: string;
  /** Written to stdin, which then closes (end of input). */
  input?: string;
  env?: Record<string, string>;
}

function start(args: string[], options: CliOptions): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["cli/bin.mjs", ...args], {
    env: { ...process.env, BOOKBUG_CONFIG_DIR: options.configDir, BOOKBUG_PASSWORD: CLI_PASSWORD, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

export function bookbug(args: string[], options: CliOptions): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = start(args, options);
    const stdout: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(options.input ?? "");
    child.on("close", (code) => {
      const bytes = Buffer.concat(stdout);
      resolve({ code: code ?? -1, stdout: bytes.toString(), stdoutBytes: bytes, stderr });
    });
  });
}

/** `bookbug … --json`, parsed; fails loudly with the CLI's own words. */
export async function bookbugJson<T>(args: string[], options: CliOptions): Promise<T> {
  const run = await bookbug([...args, "--json"], options);
  if (run.code !== 0) throw new Error(`bookbug ${args.join(" ")} --json exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/**
 * A CLI process left running (stdin stays open): watch its output, signal it,
 * and collect how it ended.
 */
export function startBookbug(args: string[], options: Omit<CliOptions, "input">) {
  const child = start(args, options);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<CliRun>((resolve) => child.on("close", (code) => resolve({ code: code ?? -1, stdout, stdoutBytes: Buffer.from(stdout), stderr })));
  let exited = false;
  void ended.then(() => (exited = true));
  return {
    child,
    ended,
    /** Waits until stdout matches (or the process ends, or the deadline passes). */
    async until(pattern: RegExp, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(stdout)) {
        if (exited) throw new Error(`bookbug ${args.join(" ")} ended before printing ${String(pattern)}:\n${stdout}\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`bookbug ${args.join(" ")} never printed ${String(pattern)}:\n${stdout}\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return pattern.exec(stdout)!;
    },
  };
}

/** A new account, logged in through the CLI with its own config dir. */
export async function loggedInUser(serverUrl: string, name: string) {
  const email = `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;
  await signUpOverHttp(serverUrl, email, CLI_PASSWORD);
  const configDir = mkdtempSync(join(tmpdir(), "bookbug-cli-"));
  const login = await bookbug(["login", "--url", serverUrl, "--email", email], { configDir });
  if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
  return { email, configDir };
}

/**
 * Makes every page upload of one book fail, from outside the server: a plain
 * file where the local object store needs the book's folder. The render then
 * fails (or, with real retry backoff, sits retrying) until `release()`.
 */
export function holdRendering(dataDir: string, bookId: string) {
  const books = join(dataDir, "objects", "books");
  mkdirSync(books, { recursive: true });
  const blocker = join(books, bookId);
  writeFileSync(blocker, "");
  return {
    release: () => rmSync(blocker, { force: true }),
  };
}
