import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, data, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { Conversation } from "../components/conversation";
import { CsrfInput } from "../components/csrf-input";
import { PlotSummary } from "../components/plot-review";
import { useBookStream } from "../hooks/use-book-stream";
import { ApiError } from "../utils/api.server";
import { requireUser } from "../utils/auth.server";
import { loadBookPage } from "../utils/book-page.server";
import { MessageInputSchema, postMessage, reviewPlot, ReviewInputSchema } from "../utils/chat.server";
import { CsrfError, validateCsrf } from "../utils/csrf.server";
import { cancelRender, retryRender } from "../utils/renders.server";
import { RenderProgress } from "../components/render-progress";
import { readFormData } from "../utils/form-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.book.title ?? "New book"} · Bookbug` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadBookPage(user.id, params.bookId ?? "");
}

const IntentSchema = z.enum(["message", "approve", "revise", "retry", "cancel"]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  try {
    await validateCsrf(formData, request);
  } catch (error) {
    if (error instanceof CsrfError) return data({ ok: false, error: error.message }, { status: 403 });
    throw error;
  }
  const bookId = params.bookId ?? "";
  const fields = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const intent = IntentSchema.safeParse(fields.intent);
  if (!intent.success) return data({ ok: false, error: "Unknown action." }, { status: 400 });
  try {
    if (intent.data === "retry") {
      await retryRender(user.id, bookId);
    } else if (intent.data === "cancel") {
      await cancelRender(user.id, bookId);
    } else if (intent.data === "message") {
      const input = MessageInputSchema.safeParse(fields);
      if (!input.success) return data({ ok: false, error: input.error.issues[0]?.message ?? "Invalid message." }, { status: 400 });
      await postMessage(user.id, bookId, input.data);
    } else {
      const input = ReviewInputSchema.safeParse({ ...fields, decision: intent.data });
      if (!input.success) return data({ ok: false, error: input.error.issues[0]?.message ?? "Invalid review." }, { status: 400 });
      await reviewPlot(user.id, bookId, input.data);
    }
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.status === 404) throw new Response("Not found", { status: 404 });
      return data({ ok: false, error: error.message }, { status: error.status });
    }
    throw error;
  }
  // Script-less forms get a redirect, so a refresh does not post again.
  if (fields.via !== "fetcher") return redirect(`/books/${bookId}`, 303);
  return data({ ok: true, error: null });
}

const STATUS_TEXT: Record<string, string> = {
  intake: "Designing",
  paused: "Paused",
  plot_review: "Plot ready for review",
  queued: "Queued for illustration",
  rendering: "Being illustrated",
  complete: "Complete",
  failed: "Failed",
  cancelled: "Stopped",
};

function newClientId() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}

export default function BookPage() {
  const loaderData = useLoaderData<typeof loader>();
  const live = useBookStream({
    bookId: loaderData.book.id,
    messages: loaderData.messages,
    status: loaderData.book.status,
    plot: loaderData.book.plot,
    plotVersion: loaderData.book.plotVersion,
    pages: loaderData.pages,
    stage: loaderData.job?.stage ?? null,
    total: loaderData.job?.totalPages ?? loaderData.book.plot?.pages.length ?? 0,
    lastEventId: loaderData.lastEventId,
  });
  const fetcher = useFetcher<typeof action>();
  const [draft, setDraft] = useState("");
  const [clientMessageId, setClientMessageId] = useState(newClientId);
  const [feedback, setFeedback] = useState("");
  const [showFeedback, setShowFeedback] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const submitting = fetcher.state !== "idle";
  const pendingText = submitting && fetcher.formData?.get("intent") !== "approve" ? String(fetcher.formData?.get("content") ?? fetcher.formData?.get("feedback") ?? "") : "";
  const lastMessage = live.messages.at(-1);
  const conversing = ["intake", "plot_review", "paused"].includes(live.status);
  const inReview = live.status === "plot_review" && live.plot !== null;
  const waitingForReply = conversing && live.status !== "paused" && (lastMessage?.role === "user" || lastMessage?.phase === "writing" || submitting);
  const thinking = waitingForReply
    ? lastMessage?.phase === "writing" && !submitting
      ? "Bookbug is writing your story…"
      : "Bookbug is thinking…"
    : null;
  const chips = !waitingForReply && lastMessage?.role === "assistant" && conversing ? lastMessage.chips : [];

  // After a successful send, start a fresh message id and clear the box.
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) {
      setDraft("");
      setFeedback("");
      setShowFeedback(false);
      setClientMessageId(newClientId());
    }
  }, [fetcher.state, fetcher.data]);

  function send(fields: Record<string, string>) {
    const csrf = document.querySelector<HTMLInputElement>('input[name="csrf"]')?.value ?? "";
    fetcher.submit({ ...fields, csrf, clientMessageId, via: "fetcher" }, { method: "post" });
  }

  function chooseChip(chip: string) {
    if (submitting) return;
    if (inReview && chip === "Approve") send({ intent: "approve" });
    else if (inReview) send({ intent: "revise", feedback: chip });
    else send({ intent: "message", content: chip });
  }

  const messages = pendingText
    ? [...live.messages, { id: Number.MAX_SAFE_INTEGER, role: "user" as const, content: pendingText, chips: [], phase: "pending", createdAt: "" }]
    : live.messages;

  return (
    <div className="container page book-page">
      <div className="book-page__header">
        <div>
          <Link to="/books" className="back-link">
            ← Your library
          </Link>
          <h1>{live.plot?.title ?? loaderData.book.title ?? (loaderData.book.heroName ? `${loaderData.book.heroName}'s book` : "A new book")}</h1>
        </div>
        <span className={`badge badge--${live.status}`} data-testid="book-status">
          {STATUS_TEXT[live.status] ?? live.status}
        </span>
      </div>

      {live.status === "paused" ? (
        <p className="notice" role="status">
          This conversation is paused. Everything so far is saved: send a message and Bookbug picks up right where you left off.
        </p>
      ) : null}

      {["queued", "rendering", "complete", "failed", "cancelled"].includes(live.status) ? (
        <RenderProgress
          bookId={loaderData.book.id}
          status={live.status}
          stage={live.stage}
          pages={live.pages}
          rendered={live.rendered}
          total={live.total}
          lastNewsAt={live.lastNewsAt}
          error={loaderData.job?.error ?? null}
          connection={live.connection}
        />
      ) : null}

      <div className={`book-page__body${live.plot ? " book-page__body--with-plot" : ""}`}>
        <section className="chat card" aria-label="Chat">
          <Conversation messages={messages} thinking={thinking} />

          {chips.length > 0 ? (
            // Without JavaScript each chip posts itself as the answer; the
            // server reads "Approve" during review as approval.
            <Form method="post" className="chips" role="group" aria-label="Quick replies">
              <CsrfInput />
              <input type="hidden" name="intent" value="message" />
              <input type="hidden" name="clientMessageId" value={clientMessageId} />
              {chips.map((chip) => (
                <button
                  key={chip}
                  type="submit"
                  name="content"
                  value={chip}
                  className="chip"
                  onClick={(event) => {
                    event.preventDefault();
                    chooseChip(chip);
                  }}
                  disabled={submitting}
                >
                  {chip}
                </button>
              ))}
            </Form>
          ) : null}

          {fetcher.data && !fetcher.data.ok ? (
            <p className="form-error" role="alert">
              {fetcher.data.error}
            </p>
          ) : null}

          {conversing ? (
            <Form
              method="post"
              className="composer"
              onSubmit={(event) => {
                event.preventDefault();
                // Enter while a send is in flight must not reuse its message id.
                if (!draft.trim() || submitting) return;
                send(inReview ? { intent: "revise", feedback: draft } : { intent: "message", content: draft });
              }}
            >
              <CsrfInput />
              <input type="hidden" name="intent" value={inReview ? "revise" : "message"} />
              <input type="hidden" name="clientMessageId" value={clientMessageId} />
              <label htmlFor="composer-input" className="visually-hidden">
                {inReview ? "Ask for changes to the plot" : "Your answer"}
              </label>
              <textarea
                id="composer-input"
                ref={textareaRef}
                name={inReview ? "feedback" : "content"}
                className="composer__input"
                rows={2}
                maxLength={2000}
                placeholder={inReview ? "Ask for a change, e.g. “make the dragon friendlier”" : "Type your answer…"}
                value={draft}
                onChange={(event) => setDraft(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === "Enter" && !event.shiftKey) {
                    event.preventDefault();
                    event.currentTarget.form?.requestSubmit();
                  }
                }}
              />
              <button type="submit" className="button button--primary" disabled={submitting}>
                Send
              </button>
            </Form>
          ) : (
            <p className="muted composer__closed">
              The plot is approved, so this conversation is closed. {live.status === "queued" || live.status === "rendering" ? "Your book is being illustrated." : null}
            </p>
          )}
        </section>

        {live.plot ? (
          <aside className="book-page__plot">
            <PlotSummary plot={live.plot} version={live.plotVersion} />
            {inReview ? (
              <div className="review-actions card">
                <Form
                  method="post"
                  onSubmit={(event) => {
                    event.preventDefault();
                    send({ intent: "approve" });
                  }}
                >
                  <CsrfInput />
                  <input type="hidden" name="intent" value="approve" />
                  <input type="hidden" name="clientMessageId" value={clientMessageId} />
                  <button type="submit" className="button button--primary button--block" disabled={submitting}>
                    Approve and illustrate (1 credit)
                  </button>
                </Form>
                {showFeedback ? (
                  <Form
                    method="post"
                    className="stack"
                    onSubmit={(event) => {
                      event.preventDefault();
                      if (feedback.trim()) send({ intent: "revise", feedback });
                    }}
                  >
                    <CsrfInput />
                    <input type="hidden" name="intent" value="revise" />
                    <input type="hidden" name="clientMessageId" value={clientMessageId} />
                    <label htmlFor="feedback-input" className="field__label">
                      What should change?
                    </label>
                    <textarea
                      id="feedback-input"
                      name="feedback"
                      className="composer__input"
                      rows={3}
                      maxLength={2000}
                      value={feedback}
                      onChange={(event) => setFeedback(event.target.value)}
                      placeholder="e.g. make the dragon friendlier"
                    />
                    <button type="submit" className="button button--ghost button--block" disabled={submitting || !feedback.trim()}>
                      Send changes
                    </button>
                  </Form>
                ) : (
                  <button type="button" className="button button--ghost button--block" onClick={() => setShowFeedback(true)}>
                    Ask for changes
                  </button>
                )}
              </div>
            ) : null}
          </aside>
        ) : null}
      </div>
    </div>
  );
}
