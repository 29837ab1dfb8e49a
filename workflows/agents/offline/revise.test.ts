import { describe, expect, it } from "vitest";
import { BookBriefSchema, PlotSchema, type BookBrief, type Plot } from "../../brief";
import { createOfflineStoryteller } from ".";
import { castOf } from "./cast";
import { TONES } from "./tones";

const storyteller = createOfflineStoryteller();

const brief: BookBrief = {
  heroName: "Maya",
  heroAge: 5,
  pronoun: "she",
  looks: { hair: "curly black hair", clothes: "a yellow raincoat" },
  loves: ["trains"],
  setting: "an enchanted forest",
  companion: { kind: "cat", name: "Miso" },
  lesson: "being brave",
  tone: "gentle",
  artStyle: "watercolour",
  pageCount: 8,
  dedication: "For Maya",
};

const storyOf = (plot: Plot) => plot.pages.map((page) => page.beat).join(" ");

/** Applies requests one after another, as the workflow does: each builds on the last plot and brief. */
async function revise(requests: string[], start: BookBrief = brief, bookId = "rev") {
  let current = { brief: start, plot: await storyteller.plot({ bookId, brief: start, version: 1 }) };
  const steps = [current];
  for (const [index, feedback] of requests.entries()) {
    current = await storyteller.revisePlot({ bookId, brief: current.brief, plot: current.plot, feedback, version: index + 2 });
    expect(() => PlotSchema.parse(current.plot)).not.toThrow();
    expect(() => BookBriefSchema.parse(current.brief)).not.toThrow();
    steps.push(current);
  }
  return steps;
}

function funnyPages(plot: Plot, forBrief: BookBrief) {
  const jokes = TONES.funny.moments.map((moment) => moment.line(castOf(forBrief))).filter((line): line is string => Boolean(line));
  return plot.pages.filter((page) => jokes.some((line) => page.beat.includes(line))).length;
}

describe("offline revisions", () => {
  it("sets the story somewhere else, as the help text offers, and somewhere described", async () => {
    // "set it somewhere else" is what the help suggests; it used to leave the story unchanged.
    for (const request of ["set it somewhere else", "can we have a different place?"]) {
      const [, moved] = await revise([request]);
      expect(moved?.brief.setting, request).not.toBe(brief.setting);
      expect(moved?.plot.summary, request).toContain(`moved the story to ${moved?.brief.setting}`);
      expect(moved?.plot.premise, request).toContain(`${moved?.brief.setting}`);
    }
    const [, volcanoes] = await revise(["set it somewhere with volcanoes"]);
    expect(volcanoes?.brief.setting).toBe("a land with volcanoes");
    expect(storyOf(volcanoes!.plot)).not.toMatch(/\b(?:for|in|to) with\b/);
  });

  it("builds on the current plot and brief: every request stays applied", async () => {
    const steps = await revise(["make it longer", "make it funnier", "add more dinosaurs", "call the cat Pickle", "make it funnier"]);
    const [, longer, funnier, dinosaurs, pickle, funniest] = steps;
    expect(longer?.plot.pages).toHaveLength(12);
    expect(longer?.brief.pageCount).toBe(12);
    // Funnier keeps the length it was given before.
    expect(funnier?.plot.pages).toHaveLength(12);
    expect(funnier?.brief).toMatchObject({ tone: "funny", pageCount: 12 });
    expect(dinosaurs?.brief.loves).toEqual(["trains", "dinosaurs"]);
    expect(storyOf(dinosaurs!.plot)).toMatch(/dinosaur/);
    expect(pickle?.brief.companion).toEqual({ kind: "cat", name: "Pickle" });
    const last = funniest!;
    expect(last.plot.pages).toHaveLength(12);
    expect(last.brief).toMatchObject({ tone: "funny", pageCount: 12, companion: { name: "Pickle" }, loves: ["trains", "dinosaurs"] });
    expect(storyOf(last.plot)).toMatch(/dinosaur/);
    expect(storyOf(last.plot)).toContain("Pickle");
    expect(storyOf(last.plot)).not.toContain("Miso");
    // Asking for funnier again adds more jokes, and says how many.
    expect(funnyPages(last.plot, last.brief)).toBeGreaterThan(funnyPages(funnier!.plot, funnier!.brief));
    expect(last.plot.summary).toMatch(/even funnier.*\d+ pages/);
  });

  it("changes the character it says it changed", async () => {
    const [before, after] = await revise(["make the giant friendlier"]);
    const giantBefore = before!.plot.pages.find((page) => /giant/.test(page.beat))?.beat ?? "";
    const giantAfter = after!.plot.pages.find((page) => /giant/.test(page.beat))?.beat ?? "";
    expect(giantBefore).toMatch(/snoring/);
    expect(giantAfter).toMatch(/friendly giant/);
    expect(giantAfter).not.toMatch(/snoring/);
    expect(after!.plot.summary).toMatch(/giant friendlier/);
  });

  it("adds a friendly character who wasn't there, and says so instead of pretending", async () => {
    const [, after] = await revise(["make the goose friendlier"]);
    expect(storyOf(after!.plot)).toMatch(/friendly goose/);
    expect(after!.plot.summary).toMatch(/added a friendly goose \(page \d+\)\. There wasn't a goose/);
  });

  it("tells a gentler story all the way through when asked for less scary", async () => {
    const [before, after] = await revise(["less scary please"]);
    expect(storyOf(before!.plot)).toMatch(/dark, rumbling tunnel/);
    expect(storyOf(after!.plot)).not.toMatch(/dark|rumbling|snoring|wobble/);
    expect(after!.plot.summary).toMatch(/gentler/);
  });

  it("takes “you choose” at the plot review as a free hand: one real change, said plainly, stable per book", async () => {
    const [before, chosen] = await revise(["you choose"]);
    expect(chosen!.plot.pages).not.toEqual(before!.plot.pages);
    expect(chosen!.plot.summary).toMatch(/^You left it to me: I made it (funnier|more exciting|gentler)/);
    const [, again] = await revise(["Surprise me!"]);
    expect(again!.plot).toEqual({ ...chosen!.plot, summary: again!.plot.summary });
    // Whatever it picks first, what it says it did is a change it made, never only why it could not.
    const calm: BookBrief = { ...brief, lesson: "kindness", tone: "cosy" };
    for (const bookId of ["a", "b", "c", "d", "e", "f", "g", "h"]) {
      const [first, picked] = await revise(["up to you"], calm, bookId);
      expect(picked!.plot.summary).toMatch(/^You left it to me: I made it (funnier|more exciting|gentler)/);
      expect(picked!.plot.pages).not.toEqual(first!.plot.pages);
    }
    // Doubt is not a free hand: nothing changes on a guess.
    const [, doubtful] = await revise(["not sure"]);
    expect(doubtful!.plot.pages).toEqual(before!.plot.pages);
  });

  it("says plainly when a request can't be applied", async () => {
    const [before, shorter] = await revise(["make it shorter"]);
    expect(shorter!.plot.pages).toHaveLength(8);
    expect(shorter!.brief.pageCount).toBe(8);
    expect(shorter!.plot.summary).toMatch(/already 8 pages/);
    expect(shorter!.plot.pages).toEqual(before!.plot.pages);

    const [, unclear] = await revise(["make it rhyme like a song"]);
    expect(unclear!.plot.summary).toMatch(/not sure how to do “make it rhyme like a song”/);
    expect(unclear!.plot.pages).toEqual(before!.plot.pages);

    const [, missing] = await revise(["remove the spaceship"]);
    expect(missing!.plot.summary).toMatch(/no spaceship/);
    expect(missing!.plot.summary).not.toMatch(/took out/);
  });

  it("ends a new title where the next request begins, and keeps a quoted one whole", async () => {
    const [, both] = await revise(["rename it to The Brave Little Train and make it funnier"]);
    expect(both!.plot.title).toBe("The Brave Little Train");
    expect(both!.plot.summary).toMatch(/funnier/);
    const [, quoted] = await revise(["Call it “Trains and Tides”"]);
    expect(quoted!.plot.title).toBe("Trains and Tides");
    const [, , later] = await revise(["call it Sea and Sky", "make it funnier"]);
    expect(later!.plot.title).toBe("Sea and Sky");
  });

  it("does several things asked at once, and lists what it did", async () => {
    const [, after] = await revise(["Make it funnier and add more dinosaurs"], { ...brief, pageCount: 12 });
    expect(after!.brief).toMatchObject({ tone: "funny", loves: ["trains", "dinosaurs"] });
    expect(after!.plot.summary).toMatch(/funnier/);
    expect(after!.plot.summary).toMatch(/added dinosaurs \(pages? /);
  });

  it("renames the hero, moves the story and adds a scene, updating the brief", async () => {
    const [, renamed, moved, scene] = await revise(["her name is actually Emma", "set it at the seaside instead", "add a page where they fly a kite"], { ...brief, pageCount: 12 });
    expect(renamed!.brief.heroName).toBe("Emma");
    expect(storyOf(renamed!.plot)).not.toContain("Maya");
    expect(moved!.brief).toMatchObject({ heroName: "Emma", setting: "the seaside" });
    expect(storyOf(moved!.plot)).toContain("seaside");
    expect(storyOf(scene!.plot)).toMatch(/Emma and Miso fly a kite/);
    expect(scene!.plot.summary).toMatch(/fly a kite \(page \d+\)/);
  });

  it("keeps the rest of the story word for word when one thing changes", async () => {
    const [before, after] = await revise(["call the cat Pickle"], { ...brief, pageCount: 12 });
    const rename = (text: string) => text.replaceAll("Miso", "Pickle");
    expect(after!.plot.pages.map((page) => page.beat)).toEqual(before!.plot.pages.map((page) => rename(page.beat)));
    expect(after!.plot.title).toBe(rename(before!.plot.title));
  });

  it("writes a fresh telling on request, keeping every detail", async () => {
    const [before, after] = await revise(["I don't like it, try something different"]);
    expect(storyOf(after!.plot)).not.toEqual(storyOf(before!.plot));
    expect(storyOf(after!.plot)).toContain("Miso");
    expect(after!.plot.summary).toMatch(/fresh version/);
    expect(after!.plot.summary).not.toMatch(/wasn't sure/);
  });

  it("is deterministic and quick", async () => {
    const plot = await storyteller.plot({ bookId: "d", brief, version: 1 });
    const once = await storyteller.revisePlot({ bookId: "d", brief, plot, feedback: "make it funnier and add more dinosaurs", version: 2 });
    const timings: number[] = [];
    for (let i = 0; i < 21; i++) {
      const started = process.cpuUsage();
      const again = await storyteller.revisePlot({ bookId: "d", brief, plot, feedback: "make it funnier and add more dinosaurs", version: 2 });
      const used = process.cpuUsage(started);
      timings.push((used.user + used.system) / 1000);
      expect(again).toEqual(once);
    }
    // CPU time (not wall time) and the median, so a busy machine doesn't decide it.
    expect(timings.sort((a, b) => a - b)[10]).toBeLessThan(5);
  });
});
