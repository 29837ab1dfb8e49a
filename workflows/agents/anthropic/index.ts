import Anthropic from "@anthropic-ai/sdk";
import type { Tool } from "@anthropic-ai/sdk/resources/messages";
import { z, type ZodType } from "zod";
import { mergeBrief, missingTopics, normaliseBrief, normalisePlot, type BookBrief, type BriefTopic, type Plot } from "../../brief";
import type { Interpretation, InterviewTurn, Storyteller } from "../storyteller";
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

const plotProperties = {
  title: { type: "string" },
  premise: { type: "string" },
  pages: {
    type: "array",
    items: { type: "object", properties: { number: { type: "integer" }, beat: { type: "string" } }, required: ["number", "beat"] },
  },
  summary: { type: "string" },
} as const;

const plotInputSchema: Tool.InputSchema = {
  type: "object",
  properties: plotProperties,
  required: ["title", "premise", "pages"],
};

/** The brief fields a model may set, as a tool input schema (limits are enforced on our side). */
const briefProperties = {
  heroName: { type: "string", description: "The hero's first name, at most 40 characters." },
  heroAge: { type: "integer" },
  pronoun: { type: "string", enum: ["she", "he", "they"] },
  looks: {
    type: "object",
    properties: {
      hair: { type: "string", description: "A short phrase, at most 80 characters, e.g. 'long brown hair in pigtails'." },
      skin: { type: "string" },
      eyes: { type: "string" },
      clothes: { type: "string", description: "A short phrase, at most 80 characters." },
      glasses: { type: "boolean" },
      description: { type: "string" },
    },
  },
  loves: { type: "array", items: { type: "string" }, description: "At most 6 short items, in the parent's words." },
  setting: { type: "string" },
  companion: { type: ["object", "null"], properties: { kind: { type: "string" }, name: { type: "string" } } },
  lesson: { type: "string" },
  tone: { type: "string", enum: ["gentle", "funny", "adventurous", "cosy"] },
  artStyle: { type: "string", enum: ["watercolour", "crayon", "paper collage", "storybook ink"] },
  pageCount: { type: "integer", enum: [8, 12, 16] },
  dedication: { type: "string" },
} as const;

/** Loose shapes: over-long text is clamped by normalisePlot/normaliseBrief rather than failing the step. */
const LoosePlotSchema = z.object({
  title: z.string().min(1),
  premise: z.string(),
  pages: z.array(z.object({ number: z.number().optional(), beat: z.string() })).min(1),
  summary: z.string().optional(),
});
const RevisionReplySchema = LoosePlotSchema.extend({ briefChanges: z.record(z.string(), z.unknown()).nullable().optional() });

function toPlot(reply: z.infer<typeof LoosePlotSchema>, tool: string): Plot {
  try {
    return normalisePlot(reply);
  } catch {
    throw new Error(`The story service sent an unusable reply to ${tool}`);
  }
}

/** Which topics lost words to the schema's limits, so the reply can say so. */
function shortenedTopics(raw: Record<string, unknown>, clean: BookBrief): BriefTopic[] {
  const topics: BriefTopic[] = [];
  const longer = (a: unknown, b: unknown) => typeof a === "string" && typeof b === "string" && a.trim().length > b.length;
  const looks = (raw.looks ?? {}) as Record<string, unknown>;
  if (["hair", "skin", "eyes", "clothes", "description"].some((key) => longer(looks[key], (clean.looks as Record<string, unknown> | undefined)?.[key]))) topics.push("looks");
  for (const key of ["heroName", "setting", "lesson", "dedication"] as const) if (longer(raw[key], clean[key])) topics.push(key);
  if (Array.isArray(raw.loves) && raw.loves.length > (clean.loves?.length ?? 0)) topics.push("loves");
  return topics;
}

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
    input_schema: { type: "object", properties: briefProperties },
  },
  plot: { name: "write_plot", description: "Write the book's plot.", input_schema: plotInputSchema },
  revise: {
    name: "revise_plot",
    description: "Rewrite the plot following the parent's feedback, and report any brief fields the change implies.",
    input_schema: {
      type: "object",
      properties: {
        ...plotProperties,
        briefChanges: {
          type: "object",
          description: "Only the brief fields this revision changes (e.g. pageCount, tone, a renamed companion, a newly added love). Omit when nothing in the brief changes.",
          properties: briefProperties,
        },
      },
      required: ["title", "premise", "pages", "summary"],
    },
  },
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
    async interpret({ brief, askedAbout, answer }): Promise<Interpretation> {
      const raw = await callTool(TOOLS.interpret, interpretPrompt(brief, askedAbout, answer), z.record(z.string(), z.unknown()));
      // Only known fields, clamped to the schema: a long answer must never stop the conversation.
      const patch: Interpretation = normaliseBrief(raw);
      const shortened = shortenedTopics(raw, patch);
      if (shortened.length) patch.notes = { shortened };
      return patch;
    },
    async plot({ brief }) {
      return toPlot(await callTool(TOOLS.plot, plotPrompt(brief), LoosePlotSchema), TOOLS.plot.name);
    },
    async writePage({ brief, plot, pageNumber }) {
      const reply = await callTool(TOOLS.page, pagePrompt(brief, plot, pageNumber), z.object({ text: z.string().min(1).max(1_200) }));
      return reply.text;
    },
    async revisePlot({ brief, plot, feedback }) {
      const reply = await callTool(TOOLS.revise, revisePrompt(brief, plot, feedback), RevisionReplySchema);
      const revised = toPlot(reply, TOOLS.revise.name);
      // The page count follows the pages actually written when they match a book size.
      const pages = revised.pages.length;
      const sized: BookBrief = pages === 8 || pages === 12 || pages === 16 ? { pageCount: pages } : {};
      return { plot: revised, brief: mergeBrief(brief, { ...normaliseBrief(reply.briefChanges ?? {}), ...sized }) };
    },
  };
}
