import { createInterface, emitKeypressEvents, type Interface } from "node:readline";
import { interrupted } from "./errors";
import { style } from "./format";

const isTty = () => Boolean(process.stdin.isTTY && process.stdout.isTTY);

let lines: Interface | undefined;
let queued: string[] = [];
let waiting: ((line: string | null) => void) | undefined;
let closed = false;
/** A piped prompt is on screen without its answer: an interruption should end the line first. */
let promptPending = false;

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
  resetTerminal();
  lines?.close();
  lines = undefined;
  queued = [];
}

// The one line that is redrawn in place (a spinner or a progress bar).
let live: { keep: boolean } | null = null;
let cursorHidden = false;

function hideCursor() {
  if (!process.stdout.isTTY || cursorHidden) return;
  cursorHidden = true;
  process.stdout.write("\x1b[?25l");
}

function showCursor() {
  if (!cursorHidden) return;
  cursorHidden = false;
  process.stdout.write("\x1b[?25h");
}

/** Terminal width, for lines that must not wrap (a wrapped line can't be redrawn in place). */
export function columns() {
  return process.stdout.columns || 80;
}

/** Redraws the live line (terminals only; the caller keeps it narrower than the screen). `keep`: leave it on screen when the program stops. */
export function drawLive(text: string, keep = false) {
  if (!process.stdout.isTTY) return;
  hideCursor();
  live = { keep };
  process.stdout.write(`\r\x1b[2K${text}`);
}

export function clearLive() {
  if (!live) return;
  live = null;
  process.stdout.write("\r\x1b[2K");
  showCursor();
}

/** Leaves the terminal as we found it: no raw mode, a cursor, and a fresh line. */
export function resetTerminal() {
  if (live) {
    if (live.keep) process.stdout.write("\n");
    else process.stdout.write("\r\x1b[2K");
    live = null;
  }
  if (promptPending) {
    promptPending = false;
    process.stdout.write("\n");
  }
  if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  showCursor();
}

export function truncate(text: string, width: number) {
  const chars = [...text];
  return chars.length > width ? `${chars.slice(0, Math.max(0, width - 1)).join("")}…` : text;
}

/**
 * Asks a question and returns the answer line (null at end of input).
 * Ctrl-C on a terminal is an interruption, not an empty answer.
 */
export function ask(question: string, prefill = ""): Promise<string | null> {
  if (isTty()) {
    // Created synchronously so keys typed in the same burst as `prefill` reach it.
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    let wasInterrupted = false;
    const answer = new Promise<string | null>((resolve, reject) => {
      rl.once("SIGINT", () => {
        wasInterrupted = true;
        process.stdout.write("\n");
        rl.close();
      });
      rl.once("close", () => (wasInterrupted ? reject(interrupted()) : resolve(null)));
      rl.question(question, (line) => resolve(line));
    });
    if (prefill) rl.write(prefill);
    return answer.finally(() => rl.close());
  }
  return askPiped(question);
}

async function askPiped(question: string): Promise<string | null> {
  process.stdout.write(question);
  lineReader();
  const next = queued.shift();
  if (next !== undefined) {
    process.stdout.write(`${next}\n`);
    return next;
  }
  if (closed) {
    process.stdout.write("\n");
    return null;
  }
  promptPending = true;
  const line = await new Promise<string | null>((resolve) => (waiting = resolve));
  promptPending = false;
  process.stdout.write(line === null ? "\n" : `${line}\n`);
  return line;
}

/** Reads a password without echoing it on a terminal. */
export async function askSecret(question: string): Promise<string | null> {
  if (!isTty()) return ask(question);
  process.stdout.write(question);
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    let value = "";
    stdin.setRawMode(true);
    stdin.resume();
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") {
          cleanup();
          resolve(value);
          return;
        }
        if (char === "\u0003") {
          cleanup();
          reject(interrupted());
          return;
        }
        if (char === "\u0004" && !value) {
          cleanup();
          resolve(null);
          return;
        }
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else if (char >= " ") value += char;
      }
    };
    const cleanup = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write("\n");
    };
    stdin.on("data", onData);
  });
}

export const OWN_ANSWER = "✎ Type my own answer";

/**
 * On a terminal: a list to move through with ↑/↓ and pick with Enter, ending
 * with a free-text option; typing anything starts a free-text answer. Once
 * chosen, the list folds into one line, as piped input shows it. Piped
 * input: one line of text.
 */
export async function choose(question: string, options: string[]): Promise<string | null> {
  if (!isTty() || options.length === 0) return ask(`${question} `);
  const items = [...options, OWN_ANSWER];
  let index = 0;
  const width = () => columns() - 3;
  const render = (first: boolean) => {
    if (!first) process.stdout.write(`\x1b[${items.length}A`);
    for (const [i, item] of items.entries()) {
      const text = truncate(item, width());
      process.stdout.write(`\x1b[2K${i === index ? style.cyan(`❯ ${text}`) : `  ${text}`}\n`);
    }
  };
  const fold = () => process.stdout.write(`\x1b[${items.length + 1}A\x1b[J`);
  hideCursor();
  process.stdout.write(`${question} ${style.dim("(↑/↓ and Enter to choose, or just type)")}\n`);
  render(true);
  const stdin = process.stdin;
  return new Promise<string | null>((resolve, reject) => {
    emitKeypressEvents(stdin);
    stdin.setRawMode(true);
    stdin.resume();
    const release = () => {
      stdin.off("keypress", onKey);
      stdin.setRawMode(false);
      showCursor();
    };
    function onKey(text: string | undefined, key: { name?: string; ctrl?: boolean; meta?: boolean; sequence?: string } = {}) {
      if (key.ctrl && (key.name === "c" || key.name === "d")) {
        release();
        stdin.pause();
        process.stdout.write("\n");
        reject(interrupted());
        return;
      }
      if (key.name === "up") index = (index - 1 + items.length) % items.length;
      else if (key.name === "down" || key.name === "tab") index = (index + 1) % items.length;
      else if (key.name === "home") index = 0;
      else if (key.name === "end") index = items.length - 1;
      else if (key.name === "return" || key.name === "enter") {
        release();
        fold();
        const picked = items[index]!;
        if (picked === OWN_ANSWER) {
          resolve(ask(`${question} `));
          return;
        }
        stdin.pause();
        process.stdout.write(`${question} ${picked}\n`);
        resolve(picked);
        return;
      } else if (text && !key.ctrl && !key.meta && text >= " " && text !== "\x7f") {
        // Synchronously, so the rest of a fast burst of typing lands in the answer.
        release();
        fold();
        resolve(ask(`${question} `, text));
        return;
      }
      render(false);
    }
    stdin.on("keypress", onKey);
  });
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * A spinner on terminals (with the seconds waited once it's been a while);
 * elsewhere, one line per distinct text.
 */
export function spinner(initial: string) {
  let text = initial;
  const started = Date.now();
  if (!process.stdout.isTTY) {
    process.stdout.write(`${text}\n`);
    return {
      update(next: string) {
        if (next !== text) process.stdout.write(`${(text = next)}\n`);
      },
      stop() {},
    };
  }
  let frame = 0;
  const draw = () => {
    const seconds = Math.floor((Date.now() - started) / 1000);
    const after = seconds >= 5 ? ` ${seconds}s` : "";
    drawLive(`${style.cyan(FRAMES[frame++ % FRAMES.length]!)} ${truncate(text, columns() - 3 - after.length)}${style.dim(after)}`);
  };
  draw();
  const timer = setInterval(draw, 90);
  return {
    update(next: string) {
      text = next;
      draw();
    },
    stop() {
      clearInterval(timer);
      clearLive();
    },
  };
}
