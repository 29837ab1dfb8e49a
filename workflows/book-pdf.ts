import { PDFDocument, rgb, StandardFonts, type PDFFont } from "pdf-lib";
import type { Plot } from "./brief";

/** 8 × 8 inch square pages, the usual picture-book trim. */
const PAGE = 576;
const MARGIN = 36;

export interface PdfPage {
  number: number;
  text: string;
  png: Uint8Array;
}

/** The standard PDF fonts speak WinAnsi only: keep what prints, swap the rest. */
function printable(text: string) {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\u2014/g, " - ")
    .replace(/\u2026/g, "...")
    .replace(/[^\x20-\x7E\u00A0-\u00FF]/g, "");
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of printable(text).split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) > width && line) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A print-ready book: the cover (picture and title), a dedication page when
 * there is one, then one page per story page with its picture and words.
 */
export async function buildBookPdf(input: { plot: Plot; dedication?: string; heroName?: string; cover: Uint8Array; pages: PdfPage[] }) {
  const pdf = await PDFDocument.create();
  pdf.setTitle(printable(input.plot.title));
  pdf.setAuthor("Bookbug");
  pdf.setCreator("Bookbug");
  const serif = await pdf.embedFont(StandardFonts.TimesRoman);
  const serifBold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  const ink = rgb(0.17, 0.11, 0.09);

  const cover = pdf.addPage([PAGE, PAGE]);
  const coverImage = await pdf.embedPng(input.cover);
  cover.drawImage(coverImage, { x: 0, y: 0, width: PAGE, height: PAGE });
  const titleLines = wrap(input.plot.title, serifBold, 34, PAGE - 2 * MARGIN - 24);
  const bandHeight = 40 + titleLines.length * 40;
  cover.drawRectangle({ x: MARGIN, y: PAGE - MARGIN - bandHeight, width: PAGE - 2 * MARGIN, height: bandHeight, color: rgb(1, 0.97, 0.94), opacity: 0.9 });
  titleLines.forEach((line, index) => {
    const width = serifBold.widthOfTextAtSize(line, 34);
    cover.drawText(line, { x: (PAGE - width) / 2, y: PAGE - MARGIN - 52 - index * 40, size: 34, font: serifBold, color: ink });
  });

  if (input.dedication) {
    const page = pdf.addPage([PAGE, PAGE]);
    page.drawRectangle({ x: 0, y: 0, width: PAGE, height: PAGE, color: rgb(1, 0.97, 0.94) });
    const lines = wrap(input.dedication, serif, 20, PAGE - 4 * MARGIN);
    lines.forEach((line, index) => {
      const width = serif.widthOfTextAtSize(line, 20);
      page.drawText(line, { x: (PAGE - width) / 2, y: PAGE / 2 + (lines.length / 2 - index) * 28, size: 20, font: serif, color: ink });
    });
  }

  const imageSize = PAGE - 2 * MARGIN - 120;
  for (const story of input.pages) {
    const page = pdf.addPage([PAGE, PAGE]);
    page.drawRectangle({ x: 0, y: 0, width: PAGE, height: PAGE, color: rgb(1, 0.98, 0.96) });
    const image = await pdf.embedPng(story.png);
    page.drawImage(image, { x: (PAGE - imageSize) / 2, y: PAGE - MARGIN - imageSize, width: imageSize, height: imageSize });
    let size = 15;
    let lines = wrap(story.text, serif, size, PAGE - 2 * MARGIN);
    while (lines.length > 5 && size > 10) {
      size -= 1;
      lines = wrap(story.text, serif, size, PAGE - 2 * MARGIN);
    }
    lines.forEach((line, index) => {
      page.drawText(line, { x: MARGIN, y: MARGIN + 84 - index * (size + 5), size, font: serif, color: ink });
    });
    const label = String(story.number);
    page.drawText(label, { x: PAGE - MARGIN - serif.widthOfTextAtSize(label, 10), y: 16, size: 10, font: serif, color: rgb(0.5, 0.45, 0.4) });
  }
  return pdf.save();
}
