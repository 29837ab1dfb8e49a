import type { StreamPlot } from "../hooks/use-book-stream";

/** The plot as the parent reviews it: title, premise and a beat per page. */
export function PlotSummary({ plot, version }: { plot: StreamPlot; version: number }) {
  return (
    <section className="plot card" aria-labelledby="plot-title">
      <p className="eyebrow">{version > 1 ? `Plot · version ${version}` : "Plot"}</p>
      <h2 id="plot-title" className="plot__title">
        {plot.title}
      </h2>
      <p className="plot__premise">{plot.premise}</p>
      <ol className="plot__pages">
        {plot.pages.map((page) => (
          <li key={page.number}>
            <span className="plot__page-number">Page {page.number}</span>
            <span>{page.beat}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
