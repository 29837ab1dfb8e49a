import { describe, expect, it } from "vitest";
import { mergeBrief, type BookBrief } from "../../brief";
import { createOfflineStoryteller } from ".";

const storyteller = createOfflineStoryteller();

const fullBrief: BookBrief = {
  heroName: "Maya",
  heroAge: 5,
  pronoun: "she",
  looks: { hair: "curly black hair", clothes: "yellow raincoat", glasses: true },
  loves: ["trains", "dragons"],
  setting: "an enchanted forest",
  companion: { kind: "cat", name: "Miso" },
  lesson: "being brave",
  tone: "funny",
  artStyle: "watercolour",
  pageCount: 12,
  dedication: "For Maya",
};

describe("offline interpretation", () => {
  it("understands several facts in one free-text answer", async () => {
    const patch = await storyteller.interpret({ bookId: "b1", brief: { heroName: "Maya" }, askedAbout: "heroAge", answer: "she's 5 and loves trains and her cat Miso" });
    expect(patch).toEqual({ pronoun: "she", heroAge: 5, loves: ["trains"], companion: { kind: "cat", name: "Miso" } });
  });

  it("finds the name among other words", async () => {
    const patch = await storyteller.interpret({ bookId: "b1", brief: {}, askedAbout: "heroName", answer: "my son Leo, he is four" });
    expect(patch).toMatchObject({ heroName: "Leo", heroAge: 4, pronoun: "he" });
  });

  it("reads looks, settings, lessons, styles and lengths in the parent's own words", async () => {
    const ask = (askedAbout: Parameters<typeof storyteller.interpret>[0]["askedAbout"], answer: string) =>
      storyteller.interpret({ bookId: "b1", brief: { heroName: "Maya" }, askedAbout, answer });
    expect(await ask("looks", "Curly red hair in pigtails, freckles, always in green wellies")).toMatchObject({
      looks: { hair: "curly red hair in pigtails", clothes: "green wellies" },
    });
    expect(await ask("setting", "somewhere under the sea please")).toEqual({ setting: "under the sea" });
    expect(await ask("lesson", "she's nervous about starting school")).toMatchObject({ lesson: "starting school" });
    expect(await ask("artStyle", "like a pencil drawing")).toEqual({ artStyle: "crayon" });
    expect(await ask("pageCount", "a long one")).toEqual({ pageCount: 16 });
    expect(await ask("pageCount", "10")).toMatchObject({ pageCount: 8 });
    expect(await ask("companion", "no, just her")).toMatchObject({ companion: null });
    expect(await ask("dedication", "No thanks")).toEqual({ dedication: "" });
  });

  it("takes “surprise me” as a thoughtful, stable choice", async () => {
    const first = await storyteller.interpret({ bookId: "book-a", brief: {}, askedAbout: "setting", answer: "Surprise me!" });
    const again = await storyteller.interpret({ bookId: "book-a", brief: {}, askedAbout: "setting", answer: "you choose" });
    expect(first.setting).toBeTruthy();
    expect(again).toEqual(first);
  });
});

describe("offline interview", () => {
  it("asks only for what is still missing", async () => {
    const brief = mergeBrief({ heroName: "Maya" }, { heroAge: 5, loves: ["trains"], companion: { kind: "cat", name: "Miso" } });
    const turn = await storyteller.interview({ bookId: "b1", brief, learned: { heroAge: 5 }, askedAbout: "heroAge", turn: 2 });
    expect(turn.topic).toBe("looks");
    expect(turn.message).toMatch(/^5 is a wonderful age|^Got it: 5 years old/);
    expect(turn.chips.length).toBeGreaterThan(2);
  });

  it("varies its wording between books and is stable within one", async () => {
    const questions = new Set<string>();
    for (const bookId of ["a", "b", "c", "d", "e", "f", "g", "h"]) {
      questions.add((await storyteller.interview({ bookId, brief: { heroName: "Maya" }, turn: 1 })).message);
    }
    expect(questions.size).toBeGreaterThan(1);
    const once = await storyteller.interview({ bookId: "a", brief: { heroName: "Maya" }, turn: 1 });
    expect(await storyteller.interview({ bookId: "a", brief: { heroName: "Maya" }, turn: 1 })).toEqual(once);
  });

  it("says so when the brief is complete", async () => {
    const turn = await storyteller.interview({ bookId: "b1", brief: fullBrief, turn: 11 });
    expect(turn).toMatchObject({ complete: true, topic: null, chips: [] });
  });
});

describe("offline plot", () => {
  it("writes one beat per page with a real arc that uses every detail", async () => {
    for (const pageCount of [8, 12, 16] as const) {
      const plot = await storyteller.plot({ bookId: "b1", brief: { ...fullBrief, pageCount }, version: 1 });
      expect(plot.pages.map((page) => page.number)).toEqual(Array.from({ length: pageCount }, (_, i) => i + 1));
      const story = plot.pages.map((page) => page.beat).join(" ");
      for (const detail of ["Maya", "Miso", "trains", "enchanted forest", "curly black hair", "yellow raincoat"]) expect(story).toContain(detail);
      expect(plot.pages.at(-1)?.beat).toMatch(/home/i);
      expect(plot.premise).toContain("being brave");
    }
  });

  it("is deterministic for a book and version", async () => {
    const a = await storyteller.plot({ bookId: "b1", brief: fullBrief, version: 1 });
    expect(await storyteller.plot({ bookId: "b1", brief: fullBrief, version: 1 })).toEqual(a);
  });

  it("applies revision requests and says what changed", async () => {
    const plot = await storyteller.plot({ bookId: "b1", brief: { ...fullBrief, lesson: "kindness" }, version: 1 });
    const friendlier = await storyteller.revisePlot({ bookId: "b1", brief: { ...fullBrief, lesson: "kindness" }, plot, feedback: "make the creature less scary", version: 2 });
    expect(friendlier.pages.map((p) => p.beat).join(" ")).not.toMatch(/grumpy|growl/);
    expect(friendlier.summary).toMatch(/friendlier|gentler/);

    const shorter = await storyteller.revisePlot({ bookId: "b1", brief: fullBrief, plot, feedback: "shorter please, and add more dinosaurs", version: 2 });
    expect(shorter.pages).toHaveLength(8);
    expect(shorter.pages.map((p) => p.beat).join(" ")).toContain("dinosaurs");
    expect(shorter.summary).toBe("I shortened it to 8 pages and added dinosaurs.");

    const retitled = await storyteller.revisePlot({ bookId: "b1", brief: fullBrief, plot, feedback: "Call it “Maya's Moon Express”", version: 2 });
    expect(retitled.title).toBe("Maya's Moon Express");
  });
});
