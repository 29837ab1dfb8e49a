import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  data,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { CsrfInput } from "./components/csrf-input";
import { LadybirdMark } from "./components/illustrations";
import { Notifications } from "./components/notifications";
import stylesUrl from "./styles/app.css?url";
import { getUser } from "./utils/auth.server";
import { issueCsrfToken } from "./utils/csrf.server";
import { getNotificationSummary, type NotificationSummary } from "./utils/notifications.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Bookbug — picture books made for your child" },
  {
    name: "description",
    content: "Chat with Bookbug to design a personalised picture book starring your child, then watch it come to life page by page.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, csrf] = await Promise.all([getUser(request), issueCsrfToken(request)]);
  const notifications = user ? await getNotificationSummary(user.id) : null;
  return data(
    { user: user ? { name: user.name, email: user.email } : null, csrfToken: csrf.token, notifications },
    csrf.setCookie ? { headers: { "Set-Cookie": csrf.setCookie } } : undefined,
  );
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function SiteHeader({ user, notifications }: { user: { name: string } | null; notifications: NotificationSummary | null }) {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to={user ? "/books" : "/"} className="brand" aria-label="Bookbug home">
          <LadybirdMark />
          Bookbug
        </Link>
        <nav aria-label="Account" className="site-nav">
          {user ? (
            <>
              <Link to="/books" className="site-nav__link">
                Your library
              </Link>
              {notifications ? <Notifications summary={notifications} /> : null}
              <Form method="post" action="/logout">
                <CsrfInput />
                <button type="submit" className="button button--ghost">
                  Log out
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login" className="site-nav__link">
                Log in
              </Link>
              <Link to="/signup" className="button button--primary">
                Start a book
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#fff8ef" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader user={rootData?.user ?? null} notifications={rootData?.notifications ?? null} />
        <main id="main">{children}</main>
        <footer className="site-footer">
          <div className="container">
            <p>Bookbug · stories that star your child. Made with care for small readers.</p>
          </div>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="container narrow page">
      <div className="card">
        <h1>{notFound ? "We couldn't find that page" : "Something went wrong"}</h1>
        <p className="muted">
          {notFound
            ? "The page may have moved, or the link may be mistyped."
            : "Sorry about that. Please try again in a moment."}
        </p>
        <p>
          <Link to="/" className="button button--primary">
            Back to Bookbug
          </Link>
        </p>
      </div>
    </div>
  );
}
