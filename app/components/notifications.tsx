import { Link, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { NotificationSummary } from "../utils/notifications.server";

/** While a page stays open, the list is refreshed this often (when visible). */
const REFRESH_MS = 30_000;

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path
        d="M12 3a5 5 0 0 0-5 5v3.2c0 .9-.3 1.8-.9 2.5L5 15.2V17h14v-1.8l-1.1-1.5a4 4 0 0 1-.9-2.5V8a5 5 0 0 0-5-5Zm-2 15a2 2 0 0 0 4 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function shortDate(iso: string) {
  return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short" });
}

/**
 * The header's notifications: a bell with the unread count and a list that
 * opens below it. Opening the list marks what it shows as read; without
 * scripts a "Mark all as read" button does it.
 */
export function Notifications({ summary: fromLoader }: { summary: NotificationSummary }) {
  const [summary, setSummary] = useState(fromLoader);
  // Those unread when the list was opened stay highlighted while it is open.
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());
  const details = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  const csrf = useRouteLoaderData<{ csrfToken: string }>("root")?.csrfToken ?? "";

  useEffect(() => setSummary(fromLoader), [fromLoader]);

  // Close the list when the page changes (e.g. after following one of its links).
  useEffect(() => {
    if (details.current) details.current.open = false;
  }, [location.pathname]);

  useEffect(() => {
    let cancelled = false;
    async function refresh() {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch("/notifications", { headers: { Accept: "application/json" } });
        if (response.ok && !cancelled) setSummary((await response.json()) as NotificationSummary);
      } catch {
        // Offline for a moment: the next refresh catches up.
      }
    }
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      cancelled = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, []);

  // Click outside or Escape closes the list.
  useEffect(() => {
    function close(event: Event) {
      const open = details.current;
      if (!open?.open) return;
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !open.contains(event.target as Node)) open.open = false;
    }
    document.addEventListener("click", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("click", close);
      document.removeEventListener("keydown", close);
    };
  }, []);

  async function markRead(ids: string[] | "all") {
    const body = new FormData();
    body.set("csrf", csrf);
    body.set("via", "script");
    if (ids === "all") body.set("all", "1");
    else for (const id of ids) body.append("id", id);
    const marked = ids === "all" ? null : new Set(ids);
    setSummary((current) => ({
      items: current.items.map((item) => (marked === null || marked.has(item.id) ? { ...item, read: true } : item)),
      unread: marked === null ? 0 : Math.max(0, current.unread - current.items.filter((item) => !item.read && marked.has(item.id)).length),
    }));
    try {
      await fetch("/notifications", { method: "POST", body });
    } catch {
      // Still unread on the server: they show as new again next time.
    }
  }

  function onToggle() {
    const open = details.current?.open ?? false;
    if (!open) {
      setFresh(new Set());
      return;
    }
    const unread = summary.items.filter((item) => !item.read).map((item) => item.id);
    setFresh(new Set(unread));
    if (unread.length > 0) void markRead(unread);
  }

  const label = summary.unread > 0 ? `Notifications, ${summary.unread} new` : "Notifications";
  return (
    <details className="notifications" ref={details} onToggle={onToggle} data-testid="notifications">
      <summary className="notifications__toggle" aria-label={label} title={label}>
        <BellIcon />
        {summary.unread > 0 ? (
          <span className="notifications__count" data-testid="notification-count">
            {summary.unread}
          </span>
        ) : null}
      </summary>
      <div className="notifications__panel card">
        <p className="notifications__title">Notifications</p>
        {summary.items.length === 0 ? (
          <p className="muted notifications__empty">Nothing yet. We'll tell you here when a book is ready.</p>
        ) : (
          <ul className="notifications__list" aria-label="Notifications">
            {summary.items.map((item) => (
              <li
                key={item.id}
                className={`notifications__item notifications__item--${item.kind}${!item.read || fresh.has(item.id) ? " notifications__item--new" : ""}`}
                data-testid="notification"
              >
                <Link to={item.href} className="notifications__link">
                  {item.text}
                </Link>
                <time dateTime={item.createdAt} className="notifications__time" suppressHydrationWarning>
                  {shortDate(item.createdAt)}
                </time>
              </li>
            ))}
          </ul>
        )}
        {summary.unread > 0 ? (
          <form
            method="post"
            action="/notifications"
            className="notifications__mark"
            onSubmit={(event) => {
              event.preventDefault();
              void markRead("all");
            }}
          >
            <input type="hidden" name="csrf" value={csrf} />
            <input type="hidden" name="all" value="1" />
            <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
            <button type="submit" className="button button--ghost button--small">
              Mark all as read
            </button>
          </form>
        ) : null}
      </div>
    </details>
  );
}
