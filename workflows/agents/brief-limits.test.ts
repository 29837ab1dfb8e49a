import { describe, expect, it } from "vitest";
import { BookBriefSchema, clampText, mergeBrief, normaliseBrief, normalisePlot, PlotSchema } from "../brief";

/** Every word of `part` appears whole in `whole`: nothing was cut mid-word. */
function wordsFrom(part: string, whole: string) {
  const words = new Set(whole.toLowerCase().match(/[\p{L}'-]+/gu));
  return (part.toLowerCase().match(/[\p{L}'-]+/gu) ?? []).every((word) => words.has(word));
}

describe("brief limits", () => {
  it("clamps text at a word boundary, never mid-word, without a dangling “and”", () => {
    const text = "long, wavy, curly, fluffy, messy, braided, shoulder-length golden blonde hair in pigtails, bunches and a ponytail";
    for (const max of [10, 25, 40, 63, 80]) {
      const clamped = clampText(text, max);
      expect(clamped.length).toBeLessThanOrEqual(max);
      expect(wordsFrom(clamped, text)).toBe(true);
      expect(clamped).not.toMatch(/[\s,]$|\b(and|a|in)$/);
    }
    expect(clampText("  short   enough ", 80)).toBe("short enough");
  });

  it("merges an over-long answer instead of throwing, so a workflow run survives it", () => {
    const hair = "She has long, wavy, curly, fluffy, messy, braided, shoulder-length golden blonde hair in pigtails, bunches and a ponytail";
    const merged = mergeBrief({ heroName: "Bea" }, { looks: { hair, description: `${hair} `.repeat(5) }, setting: "x ".repeat(80), dedication: "love ".repeat(60) });
    expect(() => BookBriefSchema.parse(merged)).not.toThrow();
    expect(merged.looks?.hair?.length).toBeLessThanOrEqual(80);
    expect(wordsFrom(merged.looks?.hair ?? "", hair)).toBe(true);
    expect(merged.looks?.description?.length).toBeLessThanOrEqual(300);
    expect(merged.dedication?.length).toBeLessThanOrEqual(200);
    expect(merged.dedication).toMatch(/love$/);
  });

  it("keeps at most six loves, making room for the newest ones", () => {
    const full = { loves: ["trains", "dragons", "cats", "space", "mud", "books"] };
    expect(mergeBrief(full, { loves: ["dinosaurs"] }).loves).toEqual(["trains", "dragons", "cats", "space", "mud", "dinosaurs"]);
    expect(mergeBrief({}, { loves: ["a", "b", "c", "d", "e", "f", "g", "h"] }).loves).toHaveLength(6);
    expect(mergeBrief(full, { loves: ["Trains"] }).loves).toEqual(full.loves);
  });

  it("brings other out-of-range values into range or drops them, never throwing", () => {
    const brief = normaliseBrief({
      heroName: "",
      heroAge: 14,
      pronoun: "it",
      loves: ["", "  ", "dancing"],
      companion: { name: "Miso" },
      tone: "spooky",
      artStyle: "oil paint",
      pageCount: 10,
      extra: "ignored",
    });
    expect(brief).toEqual({ heroAge: 12, loves: ["dancing"], companion: { kind: "friend", name: "Miso" }, pageCount: 8 });
    expect(normaliseBrief(null)).toEqual({});
    expect(normaliseBrief({ companion: null, dedication: "" })).toEqual({ companion: null, dedication: "" });
  });

  it("keeps a companion's name when it's mentioned again without it", () => {
    expect(mergeBrief({ companion: { kind: "cat", name: "Miso" } }, { companion: { kind: "cat" } }).companion).toEqual({ kind: "cat", name: "Miso" });
    expect(mergeBrief({ companion: { kind: "cat", name: "Miso" } }, { companion: null }).companion).toBeNull();
  });

  it("clamps a plot to the schema and renumbers its pages", () => {
    const plot = normalisePlot({
      title: "T ".repeat(100),
      premise: "p",
      pages: [{ number: 3, beat: "word ".repeat(200) }, { beat: "" }, { number: 9, beat: "The end." }],
      summary: "s",
    });
    expect(() => PlotSchema.parse(plot)).not.toThrow();
    expect(plot.pages.map((page) => page.number)).toEqual([1, 2]);
    expect(plot.pages[0]?.beat.length).toBeLessThanOrEqual(600);
    expect(plot.pages[0]?.beat).toMatch(/word$/);
    expect(() => normalisePlot({ title: "No pages", pages: [] })).toThrow();
  });
});
