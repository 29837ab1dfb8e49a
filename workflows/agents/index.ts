import { getEnv } from "../../app/utils/env.server";
import { createAnthropicStoryteller } from "./anthropic";
import { createOfflineStoryteller } from "./offline";
import type { Storyteller } from "./storyteller";

let storyteller: Storyteller | undefined;

/** The storyteller chosen by configuration (offline unless STORYTELLER=anthropic). */
export function getStoryteller(): Storyteller {
  if (storyteller) return storyteller;
  const env = getEnv();
  storyteller =
    env.STORYTELLER === "anthropic"
      ? createAnthropicStoryteller({ apiKey: env.ANTHROPIC_API_KEY ?? "", model: env.ANTHROPIC_MODEL, baseURL: env.ANTHROPIC_BASE_URL })
      : createOfflineStoryteller();
  return storyteller;
}

/** Tests wrap the configured storyteller (e.g. to hold a reply while they act). */
export function setStorytellerForTests(next: Storyteller | undefined) {
  storyteller = next;
}
