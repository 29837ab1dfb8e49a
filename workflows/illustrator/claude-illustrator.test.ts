import { NonRetriableError, RetryAfterError } from "inngest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeAnthropic } from "../../tests/fakes/anthropic-server";
import type { BookBrief, Plot } from "../brief";
import { createClaudeIllustrator } from "./claude-illustrator";
import { composeScene, type IllustrationRequest } from "./offline-illustrator";
import { heroLook } from "./palette";

let fake: Awaited<ReturnType<typeof startFakeAnthropic>>;
const fallbacks: string[] = [];
let illustrator: ReturnType<typeof createClaudeIllustrator>;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  illustrator = createClaudeIllustrator({ apiKey: "sk-test", model: "claude-test", baseURL: fake.url, timeoutMs: 5_000, onFallback: (reason) => fallbacks.push(reason) });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.splice(0);
  fallbacks.splice(0);
});

const brief: BookBrief = {
  heroName: "Maya",
  looks: { hair: "curly red hair", clothes: "yellow raincoat", skin: "olive", glasses: true },
  setting: "an enchanted forest",
  companion: { kind: "pony", name: "Biscuit" },
  artStyle: "crayon",
  pageCount: 8,
};
const plot: Plot = {
  title: "Maya and the Sleepy Giant",
  premise: "Maya and Biscuit find a giant in the forest.",
  pages: [
    "One morning Maya wakes up early.",
    "Biscuit trots along the path.",
    "A friendly dragon waves hello.",
    "The path leads to a dark tunnel.",
    "A sleepy giant snores.",
    "Everyone throws a party.",
    "As the sun sets, they head for home.",
    "Maya is tucked up in bed.",
  ].map((beat, i) => ({ number: i + 1, beat })),
};
const request = (pageNumber: number, overrides: Partial<BookBrief> = {}): IllustrationRequest => ({ bookId: "book-1", brief: { ...brief, ...overrides }, plot, pageNumber });

const drawing = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024"><rect width="1024" height="1024" fill="#7cc4ff"/><circle cx="512" cy="600" r="120" fill="#f5c542"/></svg>';

function prompt() {
  return fake.requests.at(-1)!.body.messages[0]!.content;
}

describe("Claude illustrator against a fake API", () => {
  it("uses a safe drawing as it is, asking with a forced tool call", async () => {
    fake.queue({ kind: "tool", input: { svg: drawing } });
    expect(await illustrator.drawScene(request(3))).toBe(drawing);
    expect(fallbacks).toEqual([]);
    const sent = fake.requests[0]!;
    expect(sent.body.model).toBe("claude-test");
    expect(sent.body.tool_choice).toEqual({ type: "tool", name: "draw_scene" });
    const look = heroLook(brief, "book-1");
    // The hero is described the same way on every page, and the beat is fenced as data.
    expect(prompt()).toContain(`skin ${look.skin}, hair ${look.hair} (curly), raincoat in ${look.outfitColour}, round glasses`);
    expect(prompt()).toContain("<brief>\nA friendly dragon waves hello.\n</brief>");
    expect(prompt()).toContain("crayon-style");
  });

  it("tells the model the time of day and what the world allows", async () => {
    fake.queue({ kind: "tool", input: { svg: drawing } }, { kind: "tool", input: { svg: drawing } }, { kind: "tool", input: { svg: drawing } }, { kind: "tool", input: { svg: drawing } });
    await illustrator.drawScene(request(1));
    expect(prompt()).toMatch(/Time of day: early morning/);
    await illustrator.drawScene(request(7));
    expect(prompt()).toMatch(/Time of day: sunset/);
    await illustrator.drawScene(request(8));
    expect(prompt()).toMatch(/bedroom at bedtime/);
    expect(prompt()).toMatch(/Time of day: night-time/);
    await illustrator.drawScene(request(2, { setting: "under the sea" }));
    expect(prompt()).toMatch(/Underwater: no sun, no clouds/);
  });

  it("asks for a cover that leaves room for the title", async () => {
    fake.queue({ kind: "tool", input: { svg: drawing } });
    await illustrator.drawScene(request(0, { setting: "outer space" }));
    expect(prompt()).toContain("Cover: Maya and the Sleepy Giant.");
    expect(prompt()).toMatch(/front cover: .*keep the top third calm/);
    expect(prompt()).toMatch(/Outer space: a dark starry sky/);
    expect(prompt()).toMatch(/Time of day: night-time/);
  });

  it.each([
    ["a script", drawing.replace("</svg>", "<script>alert(1)</script></svg>")],
    ["an outside reference", drawing.replace("</svg>", '<image href="https://example.com/cat.png"/></svg>')],
    ["an event handler", drawing.replace("<rect ", '<rect onclick="alert(1)" ')],
    ["foreign content", drawing.replace("</svg>", "<foreignObject><p>hi</p></foreignObject></svg>")],
    ["a CSS url()", drawing.replace('fill="#7cc4ff"', 'style="fill: url(http://example.com/p.svg#a)"')],
  ])("falls back to the offline scene for a drawing with %s", async (_, unsafe) => {
    fake.queue({ kind: "tool", input: { svg: unsafe } });
    const svg = await illustrator.drawScene(request(5));
    expect(svg).toBe(composeScene(request(5)));
    expect(svg).not.toContain("example.com");
    expect(fallbacks).toEqual(["the drawing was not a safe, self-contained SVG"]);
  });

  it("falls back for a reply with no drawing, or a broken one", async () => {
    fake.queue({ kind: "text", text: "Here's a lovely picture of a giant!" });
    expect(await illustrator.drawScene(request(5))).toBe(composeScene(request(5)));
    fake.queue({ kind: "tool", input: { picture: drawing } });
    expect(await illustrator.drawScene(request(5))).toBe(composeScene(request(5)));
    fake.queue({ kind: "tool", input: { svg: '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"></svg>' } });
    expect(await illustrator.drawScene(request(5))).toBe(composeScene(request(5)));
    expect(fallbacks).toEqual(["no drawing in the reply", "no drawing in the reply", "the drawing could not be rendered"]);
  });

  it("lets a 5xx fail retriably, and the retry gets the drawing", async () => {
    fake.queue({ kind: "error", status: 500, body: { type: "error", error: { type: "api_error", message: "boom" } } }, { kind: "tool", input: { svg: drawing } });
    const error = await illustrator.drawScene(request(4)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(NonRetriableError);
    expect(error).not.toBeInstanceOf(RetryAfterError);
    // The workflow step runs again, as the engine would after a retriable failure.
    expect(await illustrator.drawScene(request(4))).toBe(drawing);
    expect(fake.requests).toHaveLength(2);
  });

  it("makes a 400 non-retriable", async () => {
    fake.queue({ kind: "error", status: 400, body: { type: "error", error: { type: "invalid_request_error", message: "bad" } } });
    await expect(illustrator.drawScene(request(4))).rejects.toBeInstanceOf(NonRetriableError);
    expect(fallbacks).toEqual([]);
  });

  it("turns 429 into RetryAfterError honouring retry-after", async () => {
    fake.queue({ kind: "error", status: 429, headers: { "retry-after": "7" }, body: { type: "error", error: { type: "rate_limit_error", message: "slow down" } } });
    const error = await illustrator.drawScene(request(4)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryAfterError);
    expect((error as RetryAfterError).retryAfter).toBe("7");
  });
});
