import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUserId } from "../utils/auth.server";
import { getEnv } from "../utils/env.server";
import { freeBooksPhrase } from "../utils/free-books";

export const meta: MetaFunction = () => [
  { title: "Bookbug — picture books made for your child" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  return { signedIn: Boolean(await getUserId(request)), freeCredits: getEnv().FREE_CREDITS };
}

const STEPS = [
  {
    title: "Chat about your child",
    text: "Bookbug asks friendly questions: their name, what they love, a favourite place, a companion. Tap a suggestion or answer in your own words.",
  },
  {
    title: "Approve the story",
    text: "Read the plot, page by page. Ask for changes in plain words — “make the dragon friendlier” — until it feels just right.",
  },
  {
    title: "Watch it come to life",
    text: "Pages appear one by one as they are written and illustrated. Read it on screen or download a print-ready PDF.",
  },
];

export default function LandingPage() {
  const { signedIn, freeCredits } = useLoaderData<typeof loader>();
  const offer = freeBooksPhrase(freeCredits);
  return (
    <>
      <section className="hero">
        <div className="container hero__inner">
          <div className="hero__copy">
            <p className="eyebrow">Personalised picture books</p>
            <h1 className="hero__title">A story where your child is the hero.</h1>
            <p className="hero__lede">
              Design a one-of-a-kind picture book by chatting with Bookbug. Leave any time and pick up where you left
              off — nothing you say is ever lost.
            </p>
            <div className="hero__actions">
              <Link to={signedIn ? "/books" : "/signup"} className="button button--primary button--large">
                {signedIn ? "Go to your library" : "Start your first book"}
              </Link>
              {signedIn ? null : (
                <Link to="/login" className="button button--ghost button--large">
                  I have an account
                </Link>
              )}
            </div>
            {freeCredits > 0 ? <p className="hero__note">{offer.charAt(0).toUpperCase() + offer.slice(1)} when you sign up.</p> : null}
          </div>
          <div className="hero__book" aria-hidden="true">
            <div className="mock-book">
              <div className="mock-book__page mock-book__page--left">
                <div className="mock-book__sun" />
                <div className="mock-book__hill" />
              </div>
              <div className="mock-book__page mock-book__page--right">
                <p className="mock-book__text">Maya and her cat Miso climbed the hill to catch the very first star…</p>
              </div>
            </div>
          </div>
        </div>
      </section>
      <section className="container how" aria-labelledby="how-title">
        <h2 id="how-title">How it works</h2>
        <ol className="steps">
          {STEPS.map((step, index) => (
            <li key={step.title} className="card step">
              <span className="step__number" aria-hidden="true">
                {index + 1}
              </span>
              <h3>{step.title}</h3>
              <p className="muted">{step.text}</p>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
