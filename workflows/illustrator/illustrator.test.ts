import { describe, expect, it } from "vitest";
import { offlinePlot } from "../agents/offline/plot";
import type { BookBrief } from "../brief";
import { composeScene, rasterise } from "./offline-illustrator";
import { heroLook } from "./palette";
import { sanitiseSvg } from "./sanitise-svg";

const SETTINGS = ["an enchanted forest", "the seaside", "under the sea", "outer space", "a busy city", "a sunny farm", "a snowy mountain", "a castle on a hill", "the back garden", "a golden desert", "a green, whispering jungle", "somewhere odd"];
const KINDS = ["cat", "dog", "little dragon", "teddy bear", "owl", "fox", "bunny", "unicorn", "robot", "blob"];
const STYLES = ["watercolour", "crayon", "paper collage", "storybook ink"] as const;

describe("offline illustrator", () => {
  it("draws a valid scene for every setting, style and companion", async () => {
    for (const [i, setting] of SETTINGS.entries()) {
      for (const [j, artStyle] of STYLES.entries()) {
        const brief: BookBrief = { heroName: "Ada", loves: ["trains", "rockets"], setting, companion: { kind: KINDS[(i + j) % KINDS.length]! }, artStyle, pageCount: 8, lesson: "sharing", tone: "funny" };
        const plot = offlinePlot("book", brief, 1);
        for (const pageNumber of [0, 4, 8]) {
          const png = await rasterise(composeScene({ bookId: "book", brief, plot, pageNumber }), 48);
          expect([...png.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
        }
      }
    }
  });

  it("is deterministic per book and page, and differs between pages", () => {
    const brief: BookBrief = { heroName: "Ada", setting: "the seaside", pageCount: 8 };
    const plot = offlinePlot("book", brief, 1);
    const page = (n: number) => composeScene({ bookId: "book", brief, plot, pageNumber: n });
    expect(page(2)).toBe(page(2));
    expect(page(2)).not.toBe(page(3));
  });

  it("draws the hero the same way on every page, from the parent's words", () => {
    const brief: BookBrief = { looks: { hair: "curly red hair", clothes: "yellow raincoat", skin: "olive", glasses: true } };
    const look = heroLook(brief, "book-1");
    expect(look).toMatchObject({ hair: "#c0452b", hairStyle: "curly", outfit: "raincoat", outfitColour: "#f5c542", skin: "#d9ad7c", glasses: true });
    expect(heroLook(brief, "book-1")).toEqual(look);
    const plot = offlinePlot("book-1", { ...brief, pageCount: 8 }, 1);
    for (const pageNumber of [1, 5, 8]) {
      const svg = composeScene({ bookId: "book-1", brief: { ...brief, pageCount: 8 }, plot, pageNumber });
      expect(svg).toContain(`fill="${look.skin}"`);
      expect(svg).toContain(`fill="${look.outfitColour}"`);
    }
  });
});

describe("sanitiseSvg", () => {
  const ok = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="url(#g)"/></svg>';

  it("keeps a self-contained drawing", () => {
    expect(sanitiseSvg(ok)).toBe(ok);
    expect(sanitiseSvg("```svg\n<svg viewBox='0 0 1 1'><rect width='1' height='1'/></svg>\n```")).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox='0 0 1 1'><rect width='1' height='1'/></svg>`,
    );
  });

  it("refuses scripts, handlers, foreign content and outside references", () => {
    for (const bad of [
      '<svg><script>alert(1)</script></svg>',
      '<svg><rect onload="alert(1)"/></svg>',
      '<svg><foreignObject><div/></foreignObject></svg>',
      '<svg><image href="https://example.com/x.png"/></svg>',
      '<svg><use xlink:href="https://example.com/a.svg#x"/></svg>',
      '<svg><rect fill="url(https://example.com/p)"/></svg>',
      '<svg><style>@import url(x.css);</style></svg>',
      'Here is your picture: <svg></svg>',
    ]) {
      expect(sanitiseSvg(bad)).toBeNull();
    }
  });
});
