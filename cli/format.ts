import type { ApiBook, ApiPlot } from "./api";

const colour = () => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) => (colour() && text ? `\x1b[${code}m${text}\x1b[0m` : text);

/** ANSI styles, only on a terminal and never with NO_COLOR. */
export const style = { bold: paint("1"), dim: paint("2"), cyan: paint("36"), green: paint("32") };

export const STATUS_LABELS: Record<string, string> = {
  intake: "drafting",
  paused: "paused",
  plot_review: "awaiting approval",
  queued: "queued",
  rendering: "illustrating",
  complete: "complete",
  failed: "failed",
  cancelled: "stopped",
};

export function table(rows: string[][]) {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd()).join("\n");
}

export function booksTable(books: ApiBook[]) {
  if (books.length === 0) return "No books yet. Start one with `bookbug new`.";
  return table([
    ["ID", "STATUS", "TITLE", "UPDATED"],
    ...books.map((book) => [book.id, STATUS_LABELS[book.status] ?? book.status, book.title ?? "(untitled draft)", localTime(book.updatedAt)]),
  ]);
}

/** The brief as a person reads it: "Hero name: Maya", "Companion: Miso (cat)". */
export function briefLines(brief: Record<string, unknown>) {
  const label = (key: string) => key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (first) => first.toUpperCase()).replace(/ ([A-Z])/g, (_m, c: string) => ` ${c.toLowerCase()}`);
  const value = (raw: unknown): string => {
    if (raw === null || raw === undefined) return "";
    if (Array.isArray(raw)) return raw.map(value).filter(Boolean).join(", ");
    if (typeof raw === "object") {
      const record = raw as Record<string, unknown>;
      if (typeof record.description === "string") return record.description;
      if (typeof record.name === "string" && typeof record.kind === "string") return `${record.name} (${record.kind})`;
      return Object.values(record).map(value).filter(Boolean).join(", ");
    }
    return String(raw).trim();
  };
  return Object.entries(brief)
    .map(([key, raw]) => [label(key), value(raw)] as const)
    .filter(([, text]) => text !== "")
    .map(([name, text]) => `  ${name}: ${text}`);
}

/** "2025-03-01 18:05" in the user's own time zone. */
function localTime(iso: string) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

export function plotText(plot: ApiPlot) {
  return [`“${plot.title}”`, plot.premise, "", ...plot.pages.map((page) => `  ${String(page.number).padStart(2)}. ${page.beat}`)].join("\n");
}

export function progressBar(done: number, total: number, width = 24) {
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${total}`;
}

/** "2 credits available", or with some reserved: "1 of 3 credits available (2 reserved for books being illustrated)". */
export function creditsLine(credits: number, available: number) {
  const reserved = credits - available;
  const noun = (n: number) => (n === 1 ? "credit" : "credits");
  if (reserved <= 0) return `${available} ${noun(available)} available`;
  const books = reserved === 1 ? "a book being illustrated" : "books being illustrated";
  return `${available} of ${credits} ${noun(credits)} available (${reserved} reserved for ${books})`;
}
