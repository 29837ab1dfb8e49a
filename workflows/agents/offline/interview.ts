import { missingTopics, type BookBrief, type BriefTopic } from "../../brief";
import type { Interpretation, InterviewTurn } from "../storyteller";
import { companionPhrase } from "./cast";
import { capitalise, joinList } from "./grammar";
import { lookPhrases } from "./looks";
import { pick, seededUnit } from "./seeded";

type Wording = (brief: BookBrief) => string;

function hero(brief: BookBrief) {
  return brief.heroName ?? "our hero";
}
function they(brief: BookBrief) {
  return brief.pronoun === "she" ? "she" : brief.pronoun === "he" ? "he" : "they";
}
function them(brief: BookBrief) {
  return brief.pronoun === "she" ? "her" : brief.pronoun === "he" ? "him" : "them";
}
function their(brief: BookBrief) {
  return brief.pronoun === "she" ? "her" : brief.pronoun === "he" ? "his" : "their";
}

const QUESTIONS: Record<BriefTopic, Wording[]> = {
  heroName: [
    (b) => (b.pronoun ? `Who is the hero of our story? Tell me ${their(b)} name — and anything else you'd like me to know.` : "Who is the hero of our story? Tell me their name — and anything else you'd like me to know."),
    (b) => `Let's start with the star of the book. What's ${their(b)} name?`,
    () => "Every great story needs a hero. Who's ours? Tell me their name.",
  ],
  heroAge: [
    (b) => `How old is ${hero(b)}?`,
    (b) => `And how old will ${hero(b)} be when this book arrives?`,
    (b) => `How many candles were on ${hero(b)}'s last birthday cake?`,
  ],
  looks: [
    (b) => `What does ${hero(b)} look like? Hair, skin, a favourite outfit — so I can draw ${them(b)} just right.`,
    (b) => `Paint me a picture of ${hero(b)}: hair colour, glasses, a coat ${they(b)} never take${they(b) === "they" ? "" : "s"} off?`,
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
    (b) => `Should ${hero(b)} have a sidekick? A pet, a toy, a brother or sister — or nobody at all?`,
  ],
  lesson: [
    () => "Is there a lesson or feeling you'd like the story to carry?",
    (b) => `What would you like ${hero(b)} to take away from this book — courage, kindness, something else?`,
    () => "Stories are good at gentle lessons. Is there one you'd like in this book?",
  ],
  tone: [
    () => "What kind of story should it be: gentle, funny, adventurous or cosy?",
    () => "How should the book feel to read aloud — gentle, funny, adventurous or cosy?",
    (b) => `Should ${hero(b)}'s story be gentle, funny, full of adventure, or cosy for bedtime?`,
  ],
  artStyle: [
    () => "Which art style would you like for the pictures?",
    () => "How should the illustrations look?",
    () => "Now for the look of the book: what style of pictures?",
  ],
  pageCount: [
    () => "How long should the book be: 8, 12 or 16 pages?",
    () => "How many pages — a quick bedtime read (8), a longer adventure (16), or in between (12)?",
    () => "Shall we make it 8, 12 or 16 pages?",
  ],
  dedication: [
    () => "Would you like a dedication on the first page? Write it here, or say no thanks.",
    (b) => `Last question! Any dedication for ${hero(b)}? For example “For ${hero(b)}, who is braver than ${they(b)} know${they(b) === "they" ? "" : "s"}” — or skip it.`,
    () => "Finally, a dedication for the inside cover? Type it, or tap “No dedication”.",
  ],
};

/** Asked again after an answer that didn't settle the topic: different words, and a hint. */
const FOLLOW_UPS: Partial<Record<BriefTopic, Wording[]>> = {
  heroName: [
    () => "I couldn't quite spot a name there. What name should go on the cover? Just the name is perfect — for example “Maya”.",
    (b) => `What's ${b.pronoun ? `${their(b)}` : "the hero's"} name? If it's an unusual one, type “${b.pronoun ? capitalise(their(b)) : "Their"} name is …” and I'll use it exactly as you write it.`,
    (b) => `I'd love to get the name right. What do you call ${b.pronoun ? them(b) : "the child this book is for"}?`,
    () => "Let's try it another way: who is this book for? Just their first name is perfect (or say “you choose”).",
  ],
  heroAge: [
    (b) => `Just a number is perfect — how old is ${hero(b)}? Bookbug stories suit ages 1 to 12.`,
    (b) => `Roughly how old is ${hero(b)}? It helps me pick the right words for the pages.`,
    (b) => `I didn't catch an age there. Is ${hero(b)} nearer 3, 5 or 8?`,
  ],
  looks: [
    (b) => `Tell me one or two things about how ${hero(b)} looks — hair colour, glasses, a favourite outfit — or say “you choose”.`,
    (b) => `What colour is ${hero(b)}'s hair, and what does ${they(b)} like to wear? Or I can choose.`,
  ],
  loves: [
    (b) => `What's ${hero(b)}'s favourite thing right now? A toy, an animal, a game — anything at all.`,
    (b) => `What could ${hero(b)} talk about all day? Or say “surprise me”.`,
  ],
  setting: [
    () => "Somewhere real (like Grandma's garden) or somewhere magical (like a castle in the clouds)? Or say “surprise me”.",
    (b) => `If ${hero(b)} could go anywhere at all, where would it be?`,
  ],
  companion: [
    () => "Who should it be? Tell me the kind of companion (and a name, if they have one) — or say “no companion”.",
    (b) => `A pet, a toy, a friend or a brother or sister — who should walk beside ${hero(b)}? Or “no one” is fine too.`,
  ],
  lesson: [
    () => "Any feeling or lesson at all — being brave, kindness, sharing — or “just for fun”.",
    (b) => `Is there something ${hero(b)} is learning about at the moment? Or we can keep it just for fun.`,
  ],
};

function chipsFor(topic: BriefTopic, brief: BookBrief, retry: boolean): string[] {
  switch (topic) {
    case "heroName":
      return retry ? ["You choose a name"] : [];
    case "heroAge":
      return ["2", "3", "4", "5", "6", "7", "8"];
    case "looks":
      return ["Curly brown hair, yellow raincoat", "Straight black hair and glasses", "Red hair and freckles", "Blonde pigtails, pink dress", "You choose"];
    case "loves":
      return ["Dinosaurs", "Space and rockets", "Trains", "Animals", "Dancing", "The sea", "Surprise me"].filter(
        (chip) => !(brief.loves ?? []).some((love) => chip.toLowerCase().includes(love.toLowerCase())),
      );
    case "setting":
      return ["An enchanted forest", "The seaside", "Outer space", "A busy city", "A snowy mountain", "Our back garden", "Surprise me"];
    case "companion":
      return ["A loyal dog", "A curious cat", "A tiny dragon", "A talking teddy", "No companion", "Surprise me"];
    case "lesson":
      return ["Being brave", "Kindness", "Making friends", "Trying again", "Sharing", "Just for fun", "You choose"];
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

const TONE_WORDS: Record<NonNullable<BookBrief["tone"]>, string> = {
  gentle: "Gentle and warm",
  funny: "Funny",
  adventurous: "Adventurous",
  cosy: "Cosy",
};
const STYLE_WORDS: Record<NonNullable<BookBrief["artStyle"]>, string> = {
  watercolour: "Soft watercolour pictures",
  crayon: "Crayon pictures, bright and scribbly",
  "paper collage": "Paper-collage pictures, bold and textured",
  "storybook ink": "Classic storybook-ink pictures",
};

/** A short, warm acknowledgement of what the last answer told us — honest about anything Bookbug chose or changed. */
function acknowledge(learned: Interpretation | undefined, brief: BookBrief, seed: string): string {
  if (!learned) return "";
  const notes = learned.notes ?? {};
  const assumed = (topic: BriefTopic) => notes.assumed?.includes(topic) ?? false;
  const corrected = (topic: BriefTopic) => notes.corrected?.includes(topic) ?? false;
  const bits: string[] = [];
  if (learned.heroName) {
    bits.push(
      corrected("heroName")
        ? pick([`${learned.heroName} — got it, sorry for the mix-up!`, `Oh, ${learned.heroName}! Thanks for putting me right.`], seed, "ack-name-fix")
        : pick([`${learned.heroName} — what a lovely name!`, `Hello, ${learned.heroName}!`, `${learned.heroName} it is.`], seed, "ack-name"),
    );
  }
  if (learned.heroAge) {
    bits.push(
      assumed("heroAge")
        ? `I'll write it for a ${learned.heroAge}-year-old.`
        : corrected("heroAge")
          ? `${learned.heroAge} — noted.`
          : pick([`${learned.heroAge} is a wonderful age for a story.`, `Got it: ${learned.heroAge} years old.`, `${learned.heroAge} — perfect.`], seed, "ack-age"),
    );
  }
  if (learned.looks && Object.keys(learned.looks).length) {
    const { has, wears } = lookPhrases(learned.looks);
    const picture = joinList([...has, ...wears]);
    const who = them(brief);
    bits.push(picture ? `Lovely — I can picture ${who} now: ${picture}.` : `Thank you — I'll keep that in mind for the pictures.`);
  }
  if (learned.loves?.length) {
    const several = learned.loves.length > 1;
    bits.push(
      assumed("loves")
        ? "No problem — I'll fill it with adventures."
        : pick([`I'll weave ${joinList(learned.loves)} into the story.`, `${capitalise(joinList(learned.loves))} — noted! ${several ? "They'll all be in there." : "That's going in."}`], seed, "ack-loves"),
    );
  }
  if (learned.companion) bits.push(`${capitalise(companionPhrase(learned.companion, brief.pronoun))} will come along too.`);
  if (learned.companion === null) bits.push(`Just ${hero(brief)} then — a solo adventure.`);
  if (learned.setting) bits.push(pick([`Ooh, ${learned.setting}.`, `${capitalise(learned.setting)} — perfect.`], seed, "ack-setting"));
  if (learned.lesson) bits.push(assumed("lesson") || learned.lesson === "having fun" ? "No lesson needed — I'll keep it just for fun." : `A story about ${learned.lesson}. Lovely.`);
  if (learned.tone) bits.push(assumed("tone") ? "I'll keep it gentle and warm — you can ask for funnier or more exciting once you see the plot." : `${TONE_WORDS[learned.tone]} it is.`);
  if (learned.artStyle) {
    bits.push(
      assumed("artStyle")
        ? `I'll go with soft watercolour pictures — classic and gentle. You can ask for a different style when you see the plot.`
        : `${STYLE_WORDS[learned.artStyle]} — beautiful.`,
    );
  }
  if (learned.pageCount) bits.push(assumed("pageCount") ? `Bookbug books come in 8, 12 or 16 pages, so I'll make it ${learned.pageCount}.` : `${learned.pageCount} pages it is.`);
  if (learned.dedication !== undefined) {
    bits.push(
      learned.dedication === ""
        ? "No dedication — no problem."
        : notes.shortened?.includes("dedication")
          ? `That's a little long for the page, so I've kept it to: “${learned.dedication}”`
          : "What a lovely dedication.",
    );
  }
  return bits.slice(0, 4).join(" ");
}

export function offlineInterview(bookId: string, brief: BookBrief, turn: number, learned?: Interpretation, askedAbout?: BriefTopic | null): InterviewTurn {
  const missing = missingTopics(brief);
  const ack = acknowledge(learned, brief, `${bookId}:${turn}`);
  if (missing.length === 0) {
    const done = pick(
      [
        `That's everything I need. I'm writing ${hero(brief)}'s story now — the plot will appear here in a moment.`,
        `Wonderful — that's everything! I'm writing ${hero(brief)}'s story now; the plot will appear here in a moment.`,
      ],
      bookId,
      "done",
    );
    return { message: `${ack ? `${ack} ` : ""}${done}`, chips: [], topic: null, complete: true };
  }
  const topic = missing[0] as BriefTopic;
  const retry = askedAbout === topic && turn > 0;
  const followUps = FOLLOW_UPS[topic];
  let question: string;
  if (retry && topic === "heroName" && learned?.pronoun && !learned.heroAge && !learned.loves?.length) {
    // "A book for my daughter": we know who, just not the name yet.
    question = `Lovely — what's ${their(brief)} name? Just ${their(brief)} first name is perfect.`;
  } else if (retry && followUps?.length) {
    // Consecutive turns step through the follow-ups, so the same words never come twice in a row.
    const start = Math.floor(seededUnit(bookId, topic, "follow-up") * followUps.length);
    question = (followUps[(start + turn) % followUps.length] as Wording)(brief);
  } else {
    question = pick(QUESTIONS[topic], bookId, topic)(brief);
  }
  const opener = turn === 0 ? "Hi! I'm Bookbug, and I'd love to make a picture book with you. " : "";
  return { message: `${opener}${ack ? `${ack} ` : ""}${question}`, chips: chipsFor(topic, brief, retry), topic, complete: false };
}
