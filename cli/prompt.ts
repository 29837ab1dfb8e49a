import { createInterface, emitKeypressEvents, type Interface } from "node:readline";
import { CliError, EXIT } from "./errors";

const isTty = () => Boolean(process.stdin.isTTY && process.stdout.isTTY);

let lines: Interface | undefined;
let queued: string[] = [];
let waiting: ((line: string | null) => void) | undefined;
let closed = false;

/** One reader for piped input, shared by every prompt. */
function lineReader() {
  if (!lines) {
    lines = createInterface({ input: process.stdin, terminal: false });
    lines.on("line", (line) => {
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve(line);
      } else queued.push(line);
    });
    lines.on("close", () => {
      closed = true;
      waiting?.(null);
    });
  }
  return lines;
}

export function closePrompts() {
  lines?.close();
  lines = undefined;
  queued = [];
}

/** Asks a question and returns the answer line (null at end of input). */
export async function ask(question: string): Promise<string | null> {
  if (isTty()) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await new Promise<string | null>((resolve) => {
        rl.once("close", () => resolve(null));
        rl.question(question, (answer) => resolve(answer));
      });
    } finally {
      rl.close();
    }
  }
  process.stdout.write(question);
  lineReader();
  const next = queued.shift();
  if (next !== undefined) {
    process.stdout.write(`${next}\n`);
    return next;
  }
  if (closed) return null;
  const line = await new Promise<string | null>((resolve) => (waiting = resolve));
  if (line !== null) process.stdout.write(`${line}\n`);
  return line;
}

/** Reads a password without echoing it on a terminal. */
export async function askSecret(question: string): Promise<string | null> {
  if (!isTty()) return ask(question);
  process.stdout.write(question);
  return new Promise((resolve) => {
    const stdin = process.stdin;
    let value = "";
    stdin.setRawMode(true);
    stdin.resume();
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") {
          cleanup();
          process.stdout.write("\n");
          resolve(value);
          return;
        }
        if (char === "\u0003") {
          cleanup();
          process.stdout.write("\n");
          resolve(null);
          return;
        }
        if (char === "\u007f") value = value.slice(0, -1);
        else value += char;
      }
    };
    const cleanup = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
    };
    stdin.on("data", onData);
  });
}

export const OWN_ANSWER = "✎ Type my own answer";

/**
 * On a terminal: a list to move through with ↑/↓ and pick with Enter (or a
 * number), ending with a free-text option. Piped input: one line of text.
 */
export async function choose(question: string, options: string[]): Promise<string | null> {
  if (!isTty() || options.length === 0) return ask(`${question} `);
  const items = [...options, OWN_ANSWER];
  let index = 0;
  const render = (first: boolean) => {
    if (!first) process.stdout.write(`\x1b[${items.length}A`);
    for (const [i, item] of items.entries()) {
      const active = i === index;
      process.stdout.write(`\x1b[2K${active ? "\x1b[36m❯ " : "  "}${item}${active ? "\x1b[0m" : ""}\n`);
    }
  };
  process.stdout.write(`${question} \x1b[2m(↑/↓ to move, Enter to choose)\x1b[0m\n`);
  render(true);
  const picked = await new Promise<string | null>((resolve) => {
    const stdin = process.stdin;
    emitKeypressEvents(stdin);
    stdin.setRawMode(true);
    stdin.resume();
    const onKey = (_text: string, key: { name?: string; ctrl?: boolean; sequence?: string }) => {
      if (key.ctrl && key.name === "c") {
        done(null);
        return;
      }
      if (key.name === "up") index = (index - 1 + items.length) % items.length;
      else if (key.name === "down") index = (index + 1) % items.length;
      else if (key.sequence && /^[1-9]$/.test(key.sequence) && Number(key.sequence) <= items.length) index = Number(key.sequence) - 1;
      else if (key.name === "return") {
        done(items[index] ?? null);
        return;
      }
      render(false);
    };
    const done = (value: string | null) => {
      stdin.off("keypress", onKey);
      stdin.setRawMode(false);
      stdin.pause();
      resolve(value);
    };
    stdin.on("keypress", onKey);
  });
  if (picked === null) throw new CliError("Interrupted.", EXIT.interrupted);
  if (picked === OWN_ANSWER) return ask("Your answer: ");
  process.stdout.write(`\x1b[2m→ ${picked}\x1b[0m\n`);
  return picked;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** A spinner on terminals; a single line elsewhere. */
export function spinner(text: string) {
  if (!process.stdout.isTTY) {
    process.stdout.write(`${text}\n`);
    return { stop() {} };
  }
  let frame = 0;
  const timer = setInterval(() => {
    process.stdout.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${text}`);
  }, 90);
  return {
    stop() {
      clearInterval(timer);
      process.stdout.write("\r\x1b[2K");
    },
  };
}
