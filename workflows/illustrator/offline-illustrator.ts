import { renderAsync } from "@resvg/resvg-js";
import type { BookBrief, Plot } from "../brief";
import { seededUnit } from "../agents/offline/seeded";
import { drawCompanion, drawHero, type Outline } from "./figures";
import { heroLook, SKIES, timeOfDayFor } from "./palette";
import { propsFor } from "./props";
import { scenery, sky } from "./scenery";

export interface IllustrationRequest {
  bookId: string;
  brief: BookBrief;
  plot: Plot;
  /** 0 is the cover. */
  pageNumber: number;
}

export interface Illustrator {
  readonly name: string;
  /** An SVG scene for the page (validated, self-contained). */
  drawScene(request: IllustrationRequest): Promise<string>;
}

export const PAGE_SIZE = 1024;

/** How each art style changes the same scene. */
function styleOf(artStyle: BookBrief["artStyle"]): { defs: string; filter: string; outline: Outline; overlay: string } {
  switch (artStyle) {
    case "storybook ink":
      return { defs: "", filter: "", outline: ` stroke="#2b1d16" stroke-width="5" stroke-linejoin="round"`, overlay: `<rect width="1024" height="1024" fill="#f3e3c3" opacity="0.18"/>` };
    case "crayon":
      return {
        defs: `<filter id="style" x="-5%" y="-5%" width="110%" height="110%"><feTurbulence type="fractalNoise" baseFrequency="0.9" numOctaves="2" seed="3" result="noise"/><feDisplacementMap in="SourceGraphic" in2="noise" scale="7"/></filter>`,
        filter: ` filter="url(#style)"`,
        outline: ` stroke="#00000033" stroke-width="3"`,
        overlay: "",
      };
    case "paper collage":
      return {
        defs: `<filter id="style" x="-5%" y="-5%" width="110%" height="110%"><feDropShadow dx="4" dy="6" stdDeviation="3" flood-color="#2b1d16" flood-opacity="0.28"/></filter>`,
        filter: ` filter="url(#style)"`,
        outline: "",
        overlay: "",
      };
    default:
      return {
        defs: `<filter id="style" x="-5%" y="-5%" width="110%" height="110%"><feTurbulence type="fractalNoise" baseFrequency="0.02" numOctaves="2" seed="7" result="wash"/><feDisplacementMap in="SourceGraphic" in2="wash" scale="10" result="soft"/><feGaussianBlur in="soft" stdDeviation="1.2"/></filter>`,
        filter: ` filter="url(#style)"`,
        outline: "",
        overlay: `<rect width="1024" height="1024" fill="#fffaf0" opacity="0.12"/>`,
      };
  }
}

/** A whole scene as SVG: sky, setting, props from the page's words, hero and companion. */
export function composeScene({ bookId, brief, plot, pageNumber }: IllustrationRequest): string {
  const pageCount = plot.pages.length;
  const beat = pageNumber === 0 ? `${plot.title} ${plot.premise}` : (plot.pages.find((p) => p.number === pageNumber)?.beat ?? "");
  const setting = brief.setting ?? "rolling hills";
  const time = pageNumber === 0 ? "day" : timeOfDayFor(pageNumber, pageCount, setting);
  const seed = `${bookId}:${pageNumber}`;
  const style = styleOf(brief.artStyle);
  const look = heroLook(brief, bookId);
  const side = seededUnit(seed, "side") < 0.5 ? -1 : 1;
  const heroX = pageNumber === 0 ? 430 : Math.round(512 + side * (40 + seededUnit(seed, "x") * 160));
  const heroScale = pageNumber === 0 ? 1.75 : 1.45;
  // The companion stands on the outer side of the hero; props fill the other half.
  const companion = brief.companion
    ? drawCompanion(brief.companion.kind, pageNumber === 0 ? 760 : heroX + side * 190, 930, pageNumber === 0 ? 1.5 : 1.25, style.outline)
    : "";
  const propsDrawn = pageNumber === 0 ? propsFor((brief.loves ?? []).join(" "), style.outline, 1) : propsFor(`${beat} ${(brief.loves ?? [])[0] ?? ""}`, style.outline);
  const props = side === 1 || pageNumber === 0 ? `<g transform="translate(1024 0) scale(-1 1)">${propsDrawn}</g>` : propsDrawn;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_SIZE}" height="${PAGE_SIZE}" viewBox="0 0 1024 1024">
<defs>${style.defs}</defs>
<g${style.filter}>
${sky(time, SKIES[time], seed)}
${scenery(setting, time, seed, style.outline)}
${props}
${companion}
${drawHero(look, heroX, 950, heroScale, pageNumber, style.outline)}
</g>
${style.overlay}
</svg>`;
}

export function createOfflineIllustrator(): Illustrator {
  return {
    name: "offline",
    async drawScene(request) {
      return composeScene(request);
    },
  };
}

/**
 * Rasterises a scene to PNG off the main thread (so requests and other steps
 * keep flowing). No fonts or network needed: scenes carry no text.
 */
export async function rasterise(svg: string, size = PAGE_SIZE): Promise<Uint8Array> {
  const image = await renderAsync(svg, { fitTo: { mode: "width", value: size }, font: { loadSystemFonts: false } });
  return new Uint8Array(image.asPng());
}
