import type { BookBrief, BriefTopic } from "../../brief";
import { pick } from "./seeded";

const NAMES = ["Maya", "Leo", "Isla", "Theo", "Ada", "Sami", "Nia", "Oscar", "Zara", "Finn"];
const LOVES = [["dinosaurs"], ["space", "rockets"], ["trains"], ["the sea"], ["dancing"], ["bugs", "butterflies"], ["baking"], ["dragons"]];
const SETTINGS = ["an enchanted forest", "the seaside", "outer space", "a snowy mountain", "a castle on a hill", "a busy city", "a tiny island"];
const COMPANIONS = [
  { kind: "dog", name: "Biscuit" },
  { kind: "cat", name: "Pepper" },
  { kind: "little dragon", name: "Ember" },
  { kind: "teddy bear", name: "Button" },
  { kind: "owl", name: "Hoot" },
  { kind: "fox", name: "Rusty" },
];
const LESSONS = ["being brave", "kindness", "making friends", "trying again", "curiosity"];
const LOOKS = [
  { hair: "curly brown hair", clothes: "a yellow raincoat" },
  { hair: "black hair in two bunches", clothes: "red dungarees" },
  { hair: "short blonde hair", clothes: "a green hoodie" },
  { hair: "long red hair", clothes: "a blue dress" },
  { hair: "fluffy dark hair", clothes: "a striped jumper" },
];

/** One of the same settings, other than `current`, stable for the seed ("set it somewhere else"). */
export function anotherSetting(current: string | undefined, ...seed: (string | number)[]): string {
  return pick(SETTINGS.filter((setting) => setting !== current), ...seed, "another setting");
}

/** A thoughtful choice when the parent says "you choose", stable per book. */
export function surpriseFor(topic: BriefTopic | null, bookId: string, brief: BookBrief = {}): BookBrief {
  switch (topic) {
    case "heroName":
      return { heroName: pick(NAMES, bookId, "name") };
    case "heroAge":
      return { heroAge: pick([4, 5, 6], bookId, "age") };
    case "looks":
      return { looks: pick(LOOKS, bookId, "looks") };
    case "loves":
      return { loves: pick(LOVES, bookId, "loves") };
    case "setting":
      return { setting: pick(SETTINGS, bookId, "setting") };
    case "companion":
      return { companion: pick(COMPANIONS, bookId, "companion") };
    case "lesson":
      return { lesson: pick(LESSONS, bookId, "lesson") };
    case "tone":
      return { tone: pick(["gentle", "funny", "adventurous", "cosy"] as const, bookId, "tone") };
    case "artStyle":
      return { artStyle: pick(["watercolour", "crayon", "paper collage", "storybook ink"] as const, bookId, "style") };
    case "pageCount":
      return { pageCount: 12 };
    case "dedication": {
      const name = brief.heroName ?? "you";
      return {
        dedication: pick(
          [`For ${name}, who makes every day an adventure.`, `For ${name}, with all our love, to the moon and back.`, `For ${name} — never stop wondering.`],
          bookId,
          "dedication",
        ),
      };
    }
    default:
      return {};
  }
}
