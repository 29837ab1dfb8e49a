import { missingTopics, type BookBrief, type BriefTopic } from "../../brief";
import type { InterviewTurn } from "../storyteller";
import { pick } from "./seeded";

type Wording = (brief: BookBrief) => string;

function hero(brief: BookBrief) {
  return brief.heroName ?? "our hero";
}
function they(brief: BookBrief) {
  return brief.pronoun === "she" ? "she" : brief.pronoun === "he" ? "he" : "they";
}
function their(brief: BookBrief) {
  return brief.pronoun === "she" ? "her" : brief.pronoun === "he" ? "his" : "their";
}

const QUESTIONS: Record<BriefTopic, Wording[]> = {
  heroName: [
    () => "Who is the hero of our story? Tell me their name — and anything else you'd like me to know.",
    () => "Let's start with the star of the book. What's their name?",
    () => "Every great story needs a hero. Who's ours?",
  ],
  heroAge: [
    (b) => `How old is ${hero(b)}?`,
    (b) => `And how old will ${hero(b)} be when this book arrives?`,
    (b) => `How many candles were on ${hero(b)}'s last birthday cake?`,
  ],
  looks: [
    (b) => `What does ${hero(b)} look like? Hair, skin, a favourite outfit — so I can draw ${b.pronoun === "she" ? "her" : b.pronoun === "he" ? "him" : "them"} just right.`,
    (b) => `Paint me a picture of ${hero(b)}: hair colour, glasses, a coat ${they(b)} never takes off?`,
    (b) => `So the pictures look like ${hero(b)}, how would you describe ${their(b)} hair and ${their(b)} favourite clothes?`,
  ],
  loves: [
    (b) => `What does ${hero(b)} love most in the world?`,
    (b) => `What gets ${hero(b)} excited? Dinosaurs, diggers, dancing…?`,
    (b) => `Tell me ${hero(b)}'s favourite things — I'll weave them into the story.`,
  ],
  setting: [
    () => "Where should the story happen?",
    (b) => `Where would ${hero(b)} love to have an adventure?`,
    () => "Pick a world for our story: somewhere real, somewhere magical, or somewhere in between.",
  ],
  companion: [
    (b) => `Does ${hero(b)} have a companion on this adventure — a pet, a toy, a friend?`,
    (b) => `Who goes along with ${hero(b)}? A loyal pet, a favourite teddy, or someone brand new?`,
    () => "Should our hero have a sidekick?",
  ],
  lesson: [
    () => "Is there a lesson or feeling you'd like the story to carry?",
    (b) => `What would you like ${hero(b)} to take away from this book — courage, kindness, something else?`,
    () => "Stories are good at gentle lessons. Is there one you'd like in this book?",
  ],
  tone: [
    () => "What kind of story should it be?",
    () => "How should the book feel to read aloud?",
    (b) => `Should ${hero(b)}'s story be gentle, funny, full of adventure, or cosy for bedtime?`,
  ],
  artStyle: [
    () => "Which art style would you like for the pictures?",
    () => "How should the illustrations look?",
    () => "Last look-and-feel question: what style of pictures?",
  ],
  pageCount: [
    () => "How long should the book be?",
    () => "How many pages — a quick bedtime read or a longer adventure?",
    () => "Shall we make it 8, 12 or 16 pages?",
  ],
  dedication: [
    () => "Would you like a dedication on the first page? Write it here, or say no thanks.",
    (b) => `Last question! Any dedication for ${hero(b)}? For example "For ${hero(b)}, who is braver than ${they(b)} know${they(b) === "they" ? "" : "s"}" — or skip it.`,
    () => "Finally, a dedication for the inside cover? Type it, or tap “No dedication”.",
  ],
};

function chipsFor(topic: BriefTopic, brief: BookBrief): string[] {
  switch (topic) {
    case "heroName":
      return [];
    case "heroAge":
      return ["2", "3", "4", "5", "6", "7", "8"];
    case "looks":
      return ["Curly brown hair, yellow raincoat", "Straight black hair and glasses", "Red hair and freckles", "Blonde pigtails, pink dress", "You choose"];
    case "loves":
      return ["Dinosaurs", "Space and rockets", "Trains", "Animals", "Dancing", "The sea", "Surprise me"].filter(
        (chip) => !(brief.loves ?? []).some((love) => chip.toLowerCase().includes(love)),
      );
    case "setting":
      return ["An enchanted forest", "The seaside", "Outer space", "A busy city", "A snowy mountain", "Our back garden", "Surprise me"];
    case "companion":
      return ["A loyal dog", "A curious cat", "A tiny dragon", "A talking teddy", "No companion", "Surprise me"];
    case "lesson":
      return ["Being brave", "Kindness", "Making friends", "Trying again", "Sharing", "You choose"];
    case "tone":
      return ["Gentle", "Funny", "Adventurous", "Cosy bedtime"];
    case "artStyle":
      return ["Watercolour", "Crayon", "Paper collage", "Storybook ink"];
    case "pageCount":
      return ["8 pages", "12 pages", "16 pages"];
    case "dedication":
      return ["No dedication", `For ${hero(brief)}, with all our love`];
  }
}

/** A short, warm acknowledgement of what the last answer told us. */
function acknowledge(learned: BookBrief | undefined, brief: BookBrief, seed: string): string {
  if (!learned) return "";
  const bits: string[] = [];
  if (learned.heroName) bits.push(pick([`${learned.heroName} — what a lovely name!`, `Hello, ${learned.heroName}!`, `${learned.heroName} it is.`], seed, "ack-name"));
  if (learned.heroAge) bits.push(pick([`${learned.heroAge} is a wonderful age for a story.`, `Got it: ${learned.heroAge} years old.`], seed, "ack-age"));
  if (learned.loves?.length) bits.push(`I'll make sure there's plenty of ${joinList(learned.loves)}.`);
  if (learned.companion) bits.push(`${learned.companion.name ? `${learned.companion.name} the ${learned.companion.kind}` : `A ${learned.companion.kind}`} will come along too.`);
  if (learned.companion === null) bits.push(`Just ${hero(brief)} then — a solo adventure.`);
  if (learned.setting) bits.push(pick([`Ooh, ${learned.setting}.`, `${capitaliseFirst(learned.setting)} — perfect.`], seed, "ack-setting"));
  if (learned.looks && !learned.heroName) bits.push("Lovely, I can picture them now.");
  if (learned.lesson) bits.push(`A story about ${learned.lesson}. Lovely.`);
  if (learned.tone) bits.push(`${capitaliseFirst(learned.tone)} it is.`);
  if (learned.artStyle) bits.push(`${capitaliseFirst(learned.artStyle)} pictures — beautiful.`);
  if (learned.pageCount) bits.push(`${learned.pageCount} pages.`);
  return bits.slice(0, 3).join(" ");
}

function capitaliseFirst(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function joinList(items: readonly string[]) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

export function offlineInterview(bookId: string, brief: BookBrief, turn: number, learned?: BookBrief, askedAbout?: BriefTopic | null): InterviewTurn {
  const missing = missingTopics(brief);
  const ack = acknowledge(learned, brief, `${bookId}:${turn}`);
  if (missing.length === 0) {
    return {
      message: `${ack ? `${ack} ` : ""}That's everything I need. I'm writing ${hero(brief)}'s story now — the plot will appear here in a moment.`,
      chips: [],
      topic: null,
      complete: true,
    };
  }
  const topic = missing[0] as BriefTopic;
  const retry = askedAbout === topic && turn > 0 && !ack;
  const question = pick(QUESTIONS[topic], bookId, topic)(brief);
  const opener =
    turn === 0
      ? "Hi! I'm Bookbug, and I'd love to make a picture book with you. "
      : retry
        ? "Sorry, I didn't quite catch that. "
        : ack
          ? `${ack} `
          : "";
  return { message: `${opener}${question}`, chips: chipsFor(topic, brief), topic, complete: false };
}
