import Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import { asData, SYSTEM_PROMPT } from "../agents/anthropic/prompts";
import { toWorkflowError } from "../agents/anthropic/errors";
import { composeScene, rasterise, sceneFacts, type IllustrationRequest, type Illustrator } from "./offline-illustrator";
import { heroLook } from "./palette";
import { sanitiseSvg } from "./sanitise-svg";

export interface ClaudeIllustratorOptions {
  apiKey: string;
  model: string;
  baseURL?: string;
  timeoutMs?: number;
  /** Told when a reply was unusable and the offline scene was used instead. */
  onFallback?: (reason: string) => void;
}

const SvgReply = z.object({ svg: z.string().min(20) });

const LIGHT: Record<string, string> = {
  morning: "early morning: soft, pale golden light",
  day: "the middle of the day: bright, clear light",
  sunset: "sunset: warm orange and pink light, long shadows",
  night: "night-time: a dark sky with moon and stars, lamplight glows",
};

/** What the picture must get right about its world, so pages stay coherent. */
function worldRules(request: IllustrationRequest) {
  const facts = sceneFacts(request);
  const rules: string[] = [];
  if (facts.scene === "bedroom") rules.push("Indoors in the hero's bedroom at bedtime, tucked up in bed.");
  else if (facts.scene === "indoors") rules.push("Indoors at home: walls, a window, a floor; no open sky.");
  else if (facts.scene === "cave") rules.push("Inside a cave or tunnel: rock all round, light from a lantern or the opening.");
  else if (facts.world === "water") rules.push("Underwater: no sun, no clouds, no sky, no moon; light rays from the surface, bubbles, seaweed, sand.");
  else if (facts.world === "space") rules.push("Outer space: a dark starry sky with planets; no sun-lit blue sky and no clouds.");
  if (facts.world !== "water" || facts.scene !== "outdoor") rules.push(`Time of day: ${LIGHT[facts.time] ?? facts.time}.`);
  else rules.push(`Time of day: ${facts.time}; show it in the colour of the water (bright by day, deep blue at night).`);
  if (facts.cover) rules.push("This is the front cover: hero large and central, companion beside them; keep the top third calm (sky only, nothing important) because the title is printed there.");
  return rules;
}

/**
 * Claude draws the scene as SVG. Its drawing is sanitised and must
 * rasterise; otherwise the page gets the offline scene, so a book never
 * fails for an odd reply. Provider errors still follow the retry rules.
 */
export function createClaudeIllustrator(options: ClaudeIllustratorOptions): Illustrator {
  const client = new Anthropic({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs ?? 120_000 });
  return {
    name: "anthropic",
    async drawScene(request) {
      const { brief, plot, pageNumber, bookId } = request;
      const look = heroLook(brief, bookId);
      const beat = pageNumber === 0 ? `Cover: ${plot.title}. ${plot.premise}` : (plot.pages.find((p) => p.number === pageNumber)?.beat ?? "");
      let response;
      try {
        response = await client.messages.create({
          model: options.model,
          max_tokens: 8_000,
          system: SYSTEM_PROMPT,
          tools: [
            {
              name: "draw_scene",
              description: "Return the illustration as one self-contained SVG document.",
              input_schema: { type: "object", properties: { svg: { type: "string" } }, required: ["svg"] },
            },
          ],
          tool_choice: { type: "tool", name: "draw_scene" },
          messages: [
            {
              role: "user",
              content: [
                `Draw a ${brief.artStyle ?? "watercolour"}-style children's picture-book illustration as a 1024x1024 SVG (viewBox 0 0 1024 1024).`,
                `Scene: ${asData("brief", beat)}`,
                `Setting: ${asData("brief", brief.setting ?? "")}.`,
                ...worldRules(request),
                `The hero ${asData("brief", brief.heroName ?? "")} must look exactly like this on every page: skin ${look.skin}, hair ${look.hair} (${look.hairStyle}), ${look.outfit} in ${look.outfitColour}${look.glasses ? ", round glasses" : ""}.`,
                brief.companion ? `Companion: ${asData("brief", `${brief.companion.kind} ${brief.companion.name ?? ""}`)}.` : "",
                "Show what the scene's words describe: the action, the creatures and the objects. No text, no scripts, no external references or embedded images; plain shapes and gradients only.",
              ]
                .filter(Boolean)
                .join("\n"),
            },
          ],
        });
      } catch (error) {
        throw toWorkflowError(error);
      }
      const use = response.content.find((block) => block.type === "tool_use");
      const parsed = SvgReply.safeParse(use && "input" in use ? use.input : undefined);
      const svg = parsed.success ? sanitiseSvg(parsed.data.svg) : null;
      if (svg) {
        try {
          await rasterise(svg, 64);
          return svg;
        } catch {
          options.onFallback?.("the drawing could not be rendered");
          return composeScene(request);
        }
      }
      options.onFallback?.(parsed.success ? "the drawing was not a safe, self-contained SVG" : "no drawing in the reply");
      return composeScene(request);
    },
  };
}
