import { getEnv } from "../../app/utils/env.server";
import { createClaudeIllustrator } from "./claude-illustrator";
import { createOfflineIllustrator, type Illustrator } from "./offline-illustrator";

let illustrator: Illustrator | undefined;

/** The illustrator chosen by configuration (offline unless ILLUSTRATOR=anthropic). */
export function getIllustrator(): Illustrator {
  if (illustrator) return illustrator;
  const env = getEnv();
  illustrator =
    env.ILLUSTRATOR === "anthropic"
      ? createClaudeIllustrator({
          apiKey: env.ANTHROPIC_API_KEY ?? "",
          model: env.ANTHROPIC_MODEL,
          baseURL: env.ANTHROPIC_BASE_URL,
          onFallback: (reason) => console.warn(`Claude illustration unusable (${reason}); used the offline scene.`),
        })
      : createOfflineIllustrator();
  return illustrator;
}

/** Tests wrap the configured illustrator (e.g. to fail on purpose). */
export function setIllustratorForTests(next: Illustrator | undefined) {
  illustrator = next;
}

export { rasterise, type Illustrator, type IllustrationRequest } from "./offline-illustrator";
