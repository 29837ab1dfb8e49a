import { describe, expect, it } from "vitest";
import { offlinePlot } from "../agents/offline/plot";
import { ART_STYLES, type BookBrief, type Plot } from "../brief";
import { CREATURES } from "./creatures";
import { composeScene, rasterise } from "./offline-illustrator";
import { gradeColour, heroLook } from "./palette";
import { PROPS } from "./props";
import { artStyleOf } from "./styles";

const SETTINGS = ["an enchanted forest", "the seaside", "under the sea", "outer space", "a busy city", "a sunny farm", "a snowy mountain", "a castle on a hill", "the back garden", "a golden desert", "a green, whispering jungle", "home", "a tiny island", "somewhere odd"];
const KINDS = ["cat", "dog", "little dragon", "teddy bear", "owl", "fox", "bunny", "unicorn", "pony", "robot", "goldfish", "grandma", "big brother", "blob"];

function plotOf(beats: string[], title = "A Test Book"): Plot {
  return { title, premise: "A test.", pages: beats.map((beat, i) => ({ number: i + 1, beat })) };
}

/** Every page of a book, the cover first. */
function pages(bookId: string, brief: BookBrief, plot: Plot) {
  return [0, ...plot.pages.map((p) => p.number)].map((pageNumber) => composeScene({ bookId, brief, plot, pageNumber }));
}

const things = (svg: string) => [...svg.matchAll(/data-thing="([^"]+)"/g)].map((m) => m[1]);
const sky = (svg: string) => [...svg.matchAll(/data-sky="([^"]+)"/g)].map((m) => m[1]);
const heroOf = (svg: string) => svg.match(/data-part="hero" data-pose="([^"]+)" transform="translate\(([-\d.]+) ([-\d.]+)\) scale\(([-\d.]+)/);

describe("offline illustrator", () => {
  it("draws a valid scene for every setting, style and companion", async () => {
    for (const [i, setting] of SETTINGS.entries()) {
      for (const [j, artStyle] of ART_STYLES.entries()) {
        const brief: BookBrief = { heroName: "Ada", loves: ["trains", "rockets"], setting, companion: { kind: KINDS[(i + j) % KINDS.length]! }, artStyle, pageCount: 8, lesson: "sharing", tone: "funny" };
        const plot = offlinePlot("book", brief, 1);
        for (const pageNumber of [0, 4, 8]) {
          const png = await rasterise(composeScene({ bookId: "book", brief, plot, pageNumber }), 48);
          expect([...png.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
        }
      }
    }
  });

  it("draws every thing and creature it knows", async () => {
    // Enough to picture most beats: well beyond the old baker's dozen.
    expect(Object.keys(PROPS).length + Object.keys(CREATURES).length).toBeGreaterThanOrEqual(60);
    for (const id of Object.keys(PROPS)) {
      const plot = plotOf([`Look: ${id}.`]);
      const svg = composeScene({ bookId: "b", brief: { setting: "the park" }, plot, pageNumber: 1 });
      await expect(rasterise(svg, 32)).resolves.toBeInstanceOf(Uint8Array);
    }
    for (const kind of Object.keys(CREATURES)) {
      const svg = composeScene({ bookId: "b", brief: { setting: "the park", companion: { kind } }, plot: plotOf(["Hello."]), pageNumber: 1 });
      await expect(rasterise(svg, 32)).resolves.toBeInstanceOf(Uint8Array);
    }
  });

  it("is deterministic per book and page, and differs between pages and books", () => {
    const brief: BookBrief = { heroName: "Ada", setting: "the seaside", pageCount: 8 };
    const plot = offlinePlot("book", brief, 1);
    const page = (n: number, bookId = "book") => composeScene({ bookId, brief, plot, pageNumber: n });
    expect(page(2)).toBe(page(2));
    expect(page(2)).not.toBe(page(3));
    expect(page(2)).not.toBe(page(2, "another-book"));
  });

  it("varies the picture across a book: poses, places on the page, camera", () => {
    const brief: BookBrief = { heroName: "Ada", setting: "an enchanted forest", companion: { kind: "dog", name: "Pip" }, loves: ["kites"], lesson: "being brave", tone: "adventurous", pageCount: 12 };
    const plot = offlinePlot("varied-book", brief, 1);
    const heroes = pages("varied-book", brief, plot).slice(1).map((svg) => heroOf(svg)!);
    const poses = new Set(heroes.map((h) => h[1]));
    const spots = new Set(heroes.map((h) => Math.round(Number(h[2]) / 100)));
    const sizes = new Set(heroes.map((h) => h[4]));
    expect(poses.size).toBeGreaterThanOrEqual(6);
    expect(spots.size).toBeGreaterThanOrEqual(3);
    expect(sizes.size).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < heroes.length; i++) {
      // Neighbouring pages never repeat the same pose in the same spot.
      expect(`${heroes[i]![1]}@${heroes[i]![2]}`).not.toBe(`${heroes[i - 1]![1]}@${heroes[i - 1]![2]}`);
    }
  });

  it("draws the hero the same way on every page, from the parent's words, in every style", () => {
    const brief: BookBrief = { heroName: "Ada", looks: { hair: "curly red hair", clothes: "yellow raincoat", skin: "olive", glasses: true }, setting: "a snowy mountain", companion: { kind: "pony", name: "Biscuit" }, pageCount: 12 };
    const look = heroLook(brief, "book-1");
    expect(look).toMatchObject({ hair: "#c0452b", hairStyle: "curly", outfit: "raincoat", outfitColour: "#f5c542", skin: "#d9ad7c", glasses: true });
    expect(heroLook(brief, "book-1")).toEqual(look);
    const plot = offlinePlot("book-1", brief, 1);
    for (const artStyle of ART_STYLES) {
      const grade = artStyleOf(artStyle).grade;
      const companionColours = new Set<string>();
      for (const svg of pages("book-1", { ...brief, artStyle }, plot)) {
        expect(svg.match(/data-part="hero"/g)).toHaveLength(1);
        const hero = svg.slice(svg.indexOf('data-part="hero"'));
        for (const colour of [look.skin, look.hair, look.outfitColour]) expect(hero).toContain(`"${gradeColour(colour, grade)}"`);
        // Glasses: two round lenses in ink.
        expect(hero).toMatch(/<circle cx="-16" cy="0" r="13"\/><circle cx="16" cy="0" r="13"\/>/);
        const companion = svg.slice(svg.indexOf('data-part="companion"'));
        companionColours.add(companion.match(/fill="(#[0-9a-f]{6})"/)![1]!);
      }
      // The companion keeps its colours from page to page too.
      expect(companionColours.size).toBe(1);
    }
  });

  it("draws what the beat says", () => {
    const cases: [string, string[]][] = [
      ["A friendly dragon puffs out smoke rings shaped like hearts.", ["dragon"]],
      ["A grumpy creature blocks the way, growling.", ["monster"]],
      ["The rumbling was only a sleepy giant snoring!", ["giant"]],
      ["A little train rattles past, and then a boat sails by.", ["train", "boat"]],
      ["She unrolls the map beside a rocket.", ["map", "rocket"]],
      ["The path leads to a dark, rumbling tunnel.", ["tunnel"]],
      ["Everyone throws a party in her honour.", ["bunting", "cake", "balloons"]],
      ["A pony trots out of the trees.", ["pony"]],
      ["They find a treasure chest and fly a kite.", ["treasure", "kite"]],
      ["The stars come out, one by one.", ["stars"]],
      ["She holds up her lantern.", ["lantern"]],
      ["A family of ducks marches past.", ["duck"]],
    ];
    for (const [beat, expected] of cases) {
      const svg = composeScene({ bookId: "b", brief: { setting: "an enchanted forest", companion: { kind: "cat" } }, plot: plotOf([beat]), pageNumber: 1 });
      // Stars may be the night sky itself rather than a thing in it.
      expect([...things(svg), ...sky(svg)], beat).toEqual(expect.arrayContaining(expected));
    }
    const bed = composeScene({ bookId: "b", brief: { setting: "an enchanted forest", loves: ["dinosaurs"] }, plot: plotOf(["At last she heads home, tucked up in bed."]), pageNumber: 1 });
    expect(bed).toContain('data-scene="bedroom"');
    expect(bed).toContain('data-time="night"');
    expect(heroOf(bed)?.[1]).toBe("inBed");
    expect(things(bed)).toContain("bed");
    const fish = composeScene({ bookId: "b", brief: { setting: "under the sea" }, plot: plotOf(["A shy fish hides in the coral."]), pageNumber: 1 });
    expect(things(fish)).toEqual(expect.arrayContaining(["fish", "coral"]));
  });

  it("keeps under the sea underwater: no sun, clouds, moon or bunting, on any page", () => {
    const brief: BookBrief = { heroName: "Isla", setting: "under the sea", loves: ["kites", "the moon"], companion: { kind: "octopus" }, pageCount: 8 };
    const plot = plotOf([
      "One sunny morning Isla swims off.",
      "Clouds of sand swirl past.",
      "A kite floats by, lost.",
      "The moon shines down on the reef.",
      "Everyone throws a party with bunting and balloons.",
      "As the sun sets the water glows.",
      "The stars twinkle at night.",
      "A robin sings a little song.",
    ], "Isla and the Moon Kite");
    for (const [page, svg] of pages("sea-book", brief, plot).entries()) {
      expect(svg, `page ${page}`).toContain('data-setting="underwater"');
      for (const banned of ["sun", "cloud", "moon"]) expect(sky(svg), `page ${page}`).not.toContain(banned);
      for (const banned of ["bunting", "kite", "moon", "balloons", "bird"]) expect(things(svg), `page ${page}`).not.toContain(banned);
      expect(sky(svg), `page ${page}`).toContain("bubbles");
    }
    // A party under the sea still happens, with pearls instead of flags.
    expect(things(pages("sea-book", brief, plot)[5]!)).toEqual(expect.arrayContaining(["pearls", "cake"]));
  });

  it("keeps outer space dark and starry on every page, cover included", () => {
    const brief: BookBrief = { heroName: "Leo", setting: "outer space", loves: ["rockets"], companion: { kind: "robot" }, pageCount: 12 };
    const plot = offlinePlot("space-book", brief, 1);
    for (const [page, svg] of pages("space-book", brief, plot).entries()) {
      if (!svg.includes('data-scene="outdoor"')) continue;
      expect(svg, `page ${page}`).toContain('data-time="night"');
      expect(sky(svg), `page ${page}`).toContain("stars");
      for (const banned of ["sun", "cloud"]) expect(sky(svg), `page ${page}`).not.toContain(banned);
    }
    expect(pages("space-book", brief, plot)[0]).toContain('data-scene="outdoor"');
  });

  it("draws indoor moments indoors", () => {
    const svg = composeScene({ bookId: "b", brief: { setting: "a sunny farm" }, plot: plotOf(["Back home, she drinks cocoa by the kitchen window."]), pageNumber: 1 });
    expect(svg).toContain('data-scene="indoors"');
    expect(sky(svg)).toEqual([]);
    expect(things(svg)).toContain("cocoa");
  });

  it("follows the time of day in the words, and the story's day otherwise", () => {
    const plot = plotOf(["One morning she wakes.", "She plays.", "She plays more.", "She plays on.", "She plays again.", "As the sun sets she waves.", "Still playing.", "She yawns."]);
    const times = pages("b", { setting: "the park" }, plot).map((svg) => svg.match(/data-time="(\w+)"/)![1]);
    expect(times.slice(1)).toEqual(["morning", "morning", "day", "day", "day", "sunset", "sunset", "night"]);
  });

  it("composes a cover: hero large below the title band, no bunting over the title", () => {
    for (const setting of SETTINGS) {
      const brief: BookBrief = { heroName: "Ada", setting, loves: ["parties", "dragons"], companion: { kind: "pony" }, pageCount: 8 };
      const svg = composeScene({ bookId: `cover-${setting}`, brief, plot: plotOf(["Hello."], "Ada's Party"), pageNumber: 0 });
      const [, , , y, scale] = heroOf(svg)!;
      // The hero is drawn about 230 units tall above its feet.
      expect(Number(y) - 230 * Number(scale), setting).toBeGreaterThan(300);
      expect(Number(scale), setting).toBeGreaterThanOrEqual(1.6);
      expect(things(svg), setting).not.toContain("bunting");
      expect(svg, setting).toContain('data-scene="outdoor"');
    }
  });

  it("renders a 12-page book and its cover well within the 15 s budget", async () => {
    const brief: BookBrief = { heroName: "Ada", setting: "an enchanted forest", companion: { kind: "dragon" }, loves: ["trains"], artStyle: "watercolour", pageCount: 12 };
    const plot = offlinePlot("timed-book", brief, 1);
    const started = performance.now();
    for (let pageNumber = 0; pageNumber <= 12; pageNumber++) await rasterise(composeScene({ bookId: "timed-book", brief, plot, pageNumber }));
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
