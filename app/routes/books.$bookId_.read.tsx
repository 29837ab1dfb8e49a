import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { requireUser } from "../utils/auth.server";
import { loadBookPage } from "../utils/book-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Your book"} · Bookbug` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await loadBookPage(user.id, params.bookId ?? "");
  if (page.book.status !== "complete") throw redirect(`/books/${page.book.id}`);
  return { id: page.book.id, title: page.book.title ?? "Your book", dedication: page.dedication, pages: page.pages };
}

type Spread = { kind: "cover"; imageUrl: string } | { kind: "dedication"; text: string } | { kind: "page"; number: number; imageUrl: string; text: string };

export default function ReaderPage() {
  const { id, title, dedication, pages } = useLoaderData<typeof loader>();
  const cover = pages.find((page) => page.number === 0);
  const spreads: Spread[] = [
    ...(cover ? [{ kind: "cover" as const, imageUrl: cover.imageUrl }] : []),
    ...(dedication ? [{ kind: "dedication" as const, text: dedication }] : []),
    ...pages.filter((page) => page.number > 0).map((page) => ({ kind: "page" as const, ...page })),
  ];
  const [index, setIndex] = useState(0);
  const go = useCallback((delta: number) => setIndex((current) => Math.min(spreads.length - 1, Math.max(0, current + delta))), [spreads.length]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key === "ArrowRight") go(1);
      if (event.key === "ArrowLeft") go(-1);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go]);

  const spread = spreads[index];
  return (
    <div className="container page reader">
      <div className="reader__bar">
        <Link to={`/books/${id}`} className="back-link">
          ← Back to the book
        </Link>
        <a href={`/api/books/${id}/pdf`} className="button button--ghost" download>
          Download PDF
        </a>
      </div>
      <article className="reader__page card" aria-roledescription="page" aria-label={spread?.kind === "page" ? `Page ${spread.number}` : spread?.kind === "cover" ? "Cover" : "Dedication"}>
        {spread?.kind === "cover" ? (
          <div className="reader__cover">
            <img src={spread.imageUrl} alt={`Cover of ${title}`} />
            <h1 className="reader__title">{title}</h1>
          </div>
        ) : spread?.kind === "dedication" ? (
          <p className="reader__dedication">{spread.text}</p>
        ) : spread ? (
          <div className="reader__story">
            <img src={spread.imageUrl} alt={`Illustration for page ${spread.number}`} />
            <p className="reader__text" data-testid="reader-text">
              {spread.text}
            </p>
          </div>
        ) : null}
      </article>
      <nav className="reader__nav" aria-label="Turn the page">
        <button type="button" className="button button--ghost" onClick={() => go(-1)} disabled={index === 0}>
          ← Previous
        </button>
        <span className="muted" aria-live="polite" data-testid="reader-position">
          {index + 1} / {spreads.length}
        </span>
        <button type="button" className="button button--primary" onClick={() => go(1)} disabled={index === spreads.length - 1}>
          Next →
        </button>
      </nav>
      <p className="muted center reader__hint">Tip: use the ← and → keys to turn pages.</p>
    </div>
  );
}
