import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, data, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "../components/csrf-input";
import { OpenBookDrawing } from "../components/illustrations";
import { ApiError } from "../utils/api.server";
import { requireUser } from "../utils/auth.server";
import { CsrfError, validateCsrf } from "../utils/csrf.server";
import { readFormData } from "../utils/form-data.server";
import { listLibraryBooks } from "../utils/library.server";
import { retryRender } from "../utils/renders.server";
import { getAvailableCredits } from "../utils/users.server";

export const meta: MetaFunction = () => [{ title: "Your library · Bookbug" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [availableCredits, books] = await Promise.all([getAvailableCredits(user.id), listLibraryBooks(user.id)]);
  return { user: { name: user.name }, availableCredits, books };
}

/** The gallery's Retry: the same free retry as `POST /api/jobs/:bookId/retry`. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const bookId = String(formData.get("bookId") ?? "");
  try {
    await validateCsrf(formData, request);
  } catch (error) {
    if (error instanceof CsrfError) return data({ bookId, error: error.message }, { status: 403 });
    throw error;
  }
  if (formData.get("intent") !== "retry") return data({ bookId, error: "Unknown action." }, { status: 400 });
  try {
    await retryRender(user.id, bookId);
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.status === 404) throw new Response("Not found", { status: 404 });
      return data({ bookId, error: error.message }, { status: error.status });
    }
    throw error;
  }
  // Back to the gallery (a refresh does not post again): the card now shows it queued.
  return redirect("/books", 303);
}

const STATUS_LABELS: Record<string, string> = {
  intake: "Drafting",
  paused: "Paused",
  plot_review: "Awaiting approval",
  queued: "Queued",
  rendering: "Illustrating",
  complete: "Complete",
  failed: "Failed",
  cancelled: "Stopped",
};

export default function LibraryPage() {
  const { user, availableCredits, books } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const retrying = navigation.state !== "idle" && navigation.formData?.get("intent") === "retry" ? String(navigation.formData.get("bookId")) : null;
  return (
    <div className="container page">
      <div className="library-header">
        <div>
          <h1>Hello, {user.name}</h1>
          <p className="muted">Your library of picture books.</p>
        </div>
        <div className="library-header__actions">
          <p className="credits" data-testid="available-credits">
            <span className="credits__count">{availableCredits}</span>
            <span className="credits__label">{availableCredits === 1 ? "credit" : "credits"} available</span>
          </p>
          <Form method="post" action="/books/new">
            <CsrfInput />
            <button type="submit" className="button button--primary">
              New book
            </button>
          </Form>
        </div>
      </div>
      {books.length === 0 ? (
        <section className="empty-state card" aria-labelledby="empty-title">
          <div className="empty-state__art">
            <OpenBookDrawing />
          </div>
          <h2 id="empty-title">No books yet</h2>
          <p className="muted">
            Every book starts with a conversation: tell Bookbug about your little one, what they love and where
            the story should go. Each finished book uses one credit.
          </p>
          <Form method="post" action="/books/new">
            <CsrfInput />
            <button type="submit" className="button button--primary button--large">
              Start your first book
            </button>
          </Form>
        </section>
      ) : (
        <ul className="book-grid" aria-label="Your books">
          {books.map((book) => (
            <li key={book.id} className="book-card card">
              <div className="book-card__cover">
                {book.hasCover ? (
                  <img src={`/books/${book.id}/pages/0.png`} alt="" loading="lazy" width={240} height={240} />
                ) : (
                  <OpenBookDrawing />
                )}
              </div>
              <span className={`badge badge--${book.status}`}>{STATUS_LABELS[book.status] ?? book.status}</span>
              <h2 className="book-card__title">{book.title ?? "Untitled draft"}</h2>
              {book.status === "rendering" || book.status === "queued" ? (
                <div className="progress progress--small" role="progressbar" aria-label="Illustration progress" aria-valuemin={0} aria-valuemax={book.totalPages} aria-valuenow={book.renderedPages}>
                  <div className="progress__bar" style={{ width: `${book.totalPages ? Math.round((book.renderedPages / book.totalPages) * 100) : 0}%` }} />
                </div>
              ) : null}
              <p className="muted book-card__meta">
                {book.status === "failed"
                  ? "Nothing was charged; a retry is free."
                  : `Updated ${new Date(book.updatedAt).toLocaleDateString("en-GB", { day: "numeric", month: "short" })}`}
              </p>
              {failure?.bookId === book.id ? (
                <p className="form-error book-card__error" role="alert">
                  {failure.error}
                </p>
              ) : null}
              {book.status === "failed" ? (
                <div className="book-card__actions">
                  <Form method="post" className="book-card__retry">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="retry" />
                    <input type="hidden" name="bookId" value={book.id} />
                    <button type="submit" className="button button--primary button--block" disabled={retrying === book.id}>
                      {retrying === book.id ? "Retrying…" : "Retry"}
                      <span className="visually-hidden"> {book.title ?? "draft"} for free</span>
                    </button>
                  </Form>
                  <Link to={`/books/${book.id}`} className="button button--ghost">
                    Open<span className="visually-hidden"> {book.title ?? "draft"}</span>
                  </Link>
                </div>
              ) : (
                <Link to={`/books/${book.id}`} className="button button--ghost book-card__link">
                  {["intake", "paused", "plot_review"].includes(book.status) ? "Continue" : book.status === "complete" ? "Read" : "Open"}
                  <span className="visually-hidden"> {book.title ?? "draft"}</span>
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
