import type { ApiBook, ApiPlot } from "./api";

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
    ...books.map((book) => [book.id, STATUS_LABELS[book.status] ?? book.status, book.title ?? "(untitled draft)", book.updatedAt.slice(0, 16).replace("T", " ")]),
  ]);
}

export function plotText(plot: ApiPlot) {
  return [`“${plot.title}”`, plot.premise, "", ...plot.pages.map((page) => `  ${String(page.number).padStart(2)}. ${page.beat}`)].join("\n");
}

export function progressBar(done: number, total: number, width = 24) {
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${total}`;
}
