import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { Connection, StreamPage } from "../hooks/use-book-stream";
import { CsrfInput } from "./csrf-input";

const STALL_MS = 5 * 60_000;

function stageText(status: string, stage: string | null, rendered: number, total: number) {
  if (status === "queued") return "Getting the paints ready…";
  if (stage === "cover") return "Painting the cover…";
  if (stage === "binding") return "Binding your book…";
  return `Illustrating page ${Math.min(rendered + 1, total)} of ${total}`;
}

interface Props {
  bookId: string;
  status: string;
  stage: string | null;
  pages: StreamPage[];
  rendered: number;
  total: number;
  lastNewsAt: number;
  error: string | null;
  /** How the page follows the render: live stream, or polling when the stream is unavailable. */
  connection?: Connection;
}

/** Live rendering: stage, "page 4 of 12", a bar, and each page as it lands. */
export function RenderProgress({ bookId, status, stage, pages, rendered, total, lastNewsAt, error, connection }: Props) {
  const [now, setNow] = useState(() => Date.now());
  const rendering = status === "queued" || status === "rendering";
  useEffect(() => {
    if (!rendering) return;
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, [rendering]);
  const stalled = rendering && now - lastNewsAt > STALL_MS;
  const percent = total > 0 ? Math.round(((status === "complete" ? total : rendered) / total) * 100) : 0;
  const storyPages = pages.filter((page) => page.number > 0);
  const cover = pages.find((page) => page.number === 0);

  return (
    <section className="render card" aria-labelledby="render-title">
      {status === "complete" ? (
        <div className="render__done">
          <h2 id="render-title">Your book is ready!</h2>
          <p className="muted">Every page is illustrated. Read it here or download a print-ready PDF.</p>
          <div className="render__actions">
            <Link to={`/books/${bookId}/read`} className="button button--primary button--large">
              Read the book
            </Link>
            <a href={`/api/books/${bookId}/pdf`} className="button button--ghost button--large" download>
              Download PDF
            </a>
          </div>
        </div>
      ) : status === "failed" || status === "cancelled" ? (
        <div className="render__problem">
          <h2 id="render-title">{status === "failed" ? "Illustration hit a snag" : "Illustration stopped"}</h2>
          <p>{status === "failed" ? (error ?? "We couldn't finish this book. Nothing was charged.") : "You stopped the illustrations. Nothing was charged."}</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="retry" />
            <button type="submit" className="button button--primary">
              {status === "failed" ? "Retry for free" : "Start again"}
            </button>
          </Form>
        </div>
      ) : (
        <>
          <h2 id="render-title">Making your book</h2>
          <p className="render__stage" aria-live="polite" data-testid="render-stage">
            {stageText(status, stage, rendered, total)}
          </p>
          <div className="progress" role="progressbar" aria-label="Book progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <div className="progress__bar" style={{ width: `${percent}%` }} />
          </div>
          <p className="muted render__count" data-testid="render-count">
            {rendered} of {total} pages illustrated
          </p>
          {connection === "polling" ? (
            <p className="muted render__connection" data-testid="render-connection">
              The live connection dropped, so we're checking for new pages every few seconds.
            </p>
          ) : null}
          {stalled ? (
            <p className="notice" role="alert">
              This is taking longer than usual. It's still safe to wait — or leave and come back; nothing will be lost.
            </p>
          ) : null}
          <Form method="post" className="render__cancel">
            <CsrfInput />
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="button button--ghost">
              Stop illustrating
            </button>
          </Form>
        </>
      )}
      {storyPages.length > 0 || cover ? (
        <ol className="page-grid" aria-label="Illustrated pages">
          {cover ? (
            <li className="page-thumb" data-testid="page-thumb">
              <img src={cover.imageUrl} alt="The cover" loading="lazy" width={256} height={256} />
              <span className="page-thumb__label">Cover</span>
            </li>
          ) : null}
          {storyPages.map((page) => (
            <li key={page.number} className="page-thumb" data-testid="page-thumb">
              <img src={page.imageUrl} alt={`Page ${page.number}`} loading="lazy" width={256} height={256} />
              <span className="page-thumb__label">Page {page.number}</span>
              <p className="page-thumb__text">{page.text}</p>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
