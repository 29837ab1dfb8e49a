import Anthropic from "@anthropic-ai/sdk";
import type { Tool } from "@anthropic-ai/sdk/resources/messages";
import { z, type ZodType } from "zod";
import { BookBriefSchema, BRIEF_TOPICS, missingTopics, PlotSchema, type BriefTopic } from "../../brief";
import type { InterviewTurn, Storyteller } from "../storyteller";
import { toWorkflowError } from "./errors";
import { interpretPrompt, interviewPrompt, pagePrompt, plotPrompt, revisePrompt, SYSTEM_PROMPT } from "./prompts";

export interface AnthropicStorytellerOptions {
  apiKey: string;
  model: string;
  baseURL?: string;
  timeoutMs?: number;
}

const InterviewReplySchema = z.object({
  message: z.string().min(1).max(1_000),
  chips: z.array(z.string().min(1).max(60)).max(8),
  complete: z.boolean(),
});

const plotInputSchema: Tool.InputSchema = {
  type: "object",
  properties: {
    title: { type: "string" },
    premise: { type: "string" },
    pages: {
      type: "array",
      items: { type: "object", properties: { number: { type: "integer" }, beat: { type: "string" } }, required: ["number", "beat"] },
    },
    summary: { type: "string" },
  },
  required: ["title", "premise", "pages"],
};

const TOOLS = {
  interview: {
    name: "ask_next_question",
    description: "Say the assistant's next chat message and offer quick-reply chips.",
    input_schema: {
      type: "object",
      properties: {
        message: { type: "string" },
        chips: { type: "array", items: { type: "string" } },
        complete: { type: "boolean" },
      },
      required: ["message", "chips", "complete"],
    },
  },
  interpret: {
    name: "update_brief",
    description: "Record the facts the parent's answer gives about the book.",
    input_schema: {
      type: "object",
      properties: {
        heroName: { type: "string" },
        heroAge: { type: "integer" },
        pronoun: { type: "string", enum: ["she", "he", "they"] },
        looks: { type: "object", properties: { hair: { type: "string" }, skin: { type: "string" }, eyes: { type: "string" }, clothes: { type: "string" }, glasses: { type: "boolean" }, description: { type: "string" } } },
        loves: { type: "array", items: { type: "string" } },
        setting: { type: "string" },
        companion: { type: ["object", "null"], properties: { kind: { type: "string" }, name: { type: "string" } } },
        lesson: { type: "string" },
        tone: { type: "string", enum: ["gentle", "funny", "adventurous", "cosy"] },
        artStyle: { type: "string", enum: ["watercolour", "crayon", "paper collage", "storybook ink"] },
        pageCount: { type: "integer", enum: [8, 12, 16] },
        dedication: { type: "string" },
      },
    },
  },
  plot: { name: "write_plot", description: "Write the book's plot.", input_schema: plotInputSchema },
  page: {
    name: "write_page",
    description: "Write the words printed on one page of the picture book.",
    input_schema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
  },
} satisfies Record<string, Tool>;

/** The storyteller backed by Claude, with structured replies through tool use. */
export function createAnthropicStoryteller(options: AnthropicStorytellerOptions): Storyteller {
  // Retries belong to the workflow (durable, with backoff), not to the HTTP client.
  const client = new Anthropic({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs ?? 60_000 });

  async function callTool<T>(tool: Tool, prompt: string, schema: ZodType<T>): Promise<T> {
    let response;
    try {
      response = await client.messages.create({
        model: options.model,
        max_tokens: 2_000,
        system: SYSTEM_PROMPT,
        tools: [tool],
        tool_choice: { type: "tool", name: tool.name },
        messages: [{ role: "user", content: prompt }],
      });
    } catch (error) {
      throw toWorkflowError(error);
    }
    const use = response.content.find((block) => block.type === "tool_use" && block.name === tool.name);
    const parsed = schema.safeParse(use && "input" in use ? use.input : undefined);
    // A malformed reply is usually a one-off: throwing retries the step.
    if (!parsed.success) throw new Error(`The story service sent an unusable reply to ${tool.name}`);
    return parsed.data;
  }

  return {
    name: "anthropic",
    async interview({ brief, learned }): Promise<InterviewTurn> {
      const missing = missingTopics(brief);
      const reply = await callTool(TOOLS.interview, interviewPrompt(brief, missing, learned), InterviewReplySchema);
      const topic = (missing[0] as BriefTopic | undefined) ?? null;
      // Completion is decided by the brief, not by the model's say-so.
      return { message: reply.message, chips: reply.chips, topic, complete: missing.length === 0 };
    },
    async interpret({ brief, askedAbout, answer }) {
      const patch = await callTool(TOOLS.interpret, interpretPrompt(brief, askedAbout, answer), BookBriefSchema.partial().passthrough());
      // Keep only known fields.
      return BookBriefSchema.parse(Object.fromEntries(Object.entries(patch).filter(([key]) => (BRIEF_TOPICS as readonly string[]).includes(key) || key === "pronoun")));
    },
    async plot({ brief }) {
      return callTool(TOOLS.plot, plotPrompt(brief), PlotSchema);
    },
    async writePage({ brief, plot, pageNumber }) {
      const reply = await callTool(TOOLS.page, pagePrompt(brief, plot, pageNumber), z.object({ text: z.string().min(1).max(1_200) }));
      return reply.text;
    },
    async revisePlot({ brief, plot, feedback }) {
      return callTool(TOOLS.plot, revisePrompt(brief, plot, feedback), PlotSchema);
    },
  };
}
