import { z } from "zod";
import { localDatabasePath } from "../../engine/open-client";

/**
 * Every environment variable Bookbug reads, validated once at start-up.
 * Defaults make `npm start` work on a fresh clone with no `.env`; production
 * must provide real secrets (checked in `superRefine`).
 */
const DEV_SESSION_SECRET = "bookbug-dev-secret-not-for-production";

const booleanFlag = z
  .enum(["0", "1", "true", "false", ""])
  .transform((value) => value === "1" || value === "true");

export const envSchema = z
  .object({
    NODE_ENV: z
      .enum(["development", "production", "test"])
      .default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATABASE_URL: z.string().min(1).default("file:./data/bookbug.db"),
    DATABASE_AUTH_TOKEN: z.string().optional(),
    SESSION_SECRET: z.string().min(16).default(DEV_SESSION_SECRET),
    FREE_CREDITS: z.coerce.number().int().min(0).max(1000).default(3),
    /** Set to 1 behind a TLS-terminating proxy so cookies get `Secure`. */
    SECURE_COOKIES: booleanFlag.optional(),
    LOG_REQUESTS: booleanFlag.default("1"),
    /** Proxies in front of the server whose X-Forwarded-For is believed (0 = none). */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),

    // Workflows: the embedded engine by default; Inngest Cloud with INNGEST_DEV=0 and keys.
    INNGEST_DEV: booleanFlag.default("1"),
    INNGEST_BASE_URL: z.string().url().optional(),
    INNGEST_SIGNING_KEY: z.string().optional(),
    INNGEST_EVENT_KEY: z.string().optional(),
    ENGINE_PORT: z.coerce.number().int().min(0).max(65535).default(8288),
    /**
     * The embedded engine's own database (runs, waits, its queue). Defaults
     * to a file beside a local DATABASE_URL, or DATABASE_URL itself when that
     * is remote (see engineDatabase).
     */
    ENGINE_DATABASE_URL: z.string().min(1).optional(),
    ENGINE_DATABASE_AUTH_TOKEN: z.string().optional(),
    /**
     * The address of this app's /api/inngest as the workflow server reaches it
     * (defaults to this server's own port on 127.0.0.1). The SDK registers this
     * URL rather than trusting a request's Host header.
     */
    APP_URL: z.string().url().optional(),
    /**
     * Threads serving the workflows to the embedded engine, the engine's own
     * included: steps on different threads run at once.
     */
    WORKFLOW_THREADS: z.coerce.number().int().min(1).max(8).default(2),
    /** Scales the engine's retry backoff (1 = Inngest's 15s, 30s, 1m…). */
    ENGINE_BACKOFF_SCALE: z.coerce.number().min(0).max(1).default(1),

    /** How long a conversation waits for each answer before pausing (Inngest duration). */
    ANSWER_TIMEOUT: z.string().regex(/^\d+(ms|s|m|h|d)$/, "must be a duration like 24h or 30s").default("24h"),

    // Objects (page pictures, PDFs): a local directory, or Cloudflare R2.
    STORAGE: z.enum(["local", "r2"]).default("local"),
    OBJECTS_DIR: z.string().min(1).default("./data/objects"),
    R2_ENDPOINT: z.string().url().optional(),
    R2_BUCKET: z.string().optional(),
    R2_ACCESS_KEY_ID: z.string().optional(),
    R2_SECRET_ACCESS_KEY: z.string().optional(),

    // Illustrations: procedural scenes offline, or Claude-drawn SVG.
    ILLUSTRATOR: z.enum(["offline", "anthropic"]).default("offline"),
    /** Drafts untouched this many days are removed by the nightly housekeeping. */
    DRAFT_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** Pages rendered at once inside one book. */
    RENDER_PARALLELISM: z.coerce.number().int().min(1).max(8).default(3),

    // Story AI: offline by default; Anthropic when chosen and keyed.
    STORYTELLER: z.enum(["offline", "anthropic"]).default("offline"),
    ANTHROPIC_API_KEY: z.string().optional(),
    ANTHROPIC_MODEL: z.string().default("claude-sonnet-4-5"),
    ANTHROPIC_BASE_URL: z.string().url().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.STORYTELLER === "anthropic" && !env.ANTHROPIC_API_KEY) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["ANTHROPIC_API_KEY"],
        message: "is required when STORYTELLER=anthropic",
      });
    }
    if (env.STORAGE === "r2") {
      for (const key of ["R2_ENDPOINT", "R2_BUCKET", "R2_ACCESS_KEY_ID", "R2_SECRET_ACCESS_KEY"] as const) {
        if (!env[key]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: "is required when STORAGE=r2" });
      }
    }
    if (env.ILLUSTRATOR === "anthropic" && !env.ANTHROPIC_API_KEY) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["ANTHROPIC_API_KEY"], message: "is required when ILLUSTRATOR=anthropic" });
    }
    if (!env.INNGEST_DEV && !env.INNGEST_SIGNING_KEY) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["INNGEST_SIGNING_KEY"],
        message: "is required when INNGEST_DEV=0 (Inngest Cloud or a self-hosted server)",
      });
    }
    if (!env.INNGEST_DEV && !env.INNGEST_EVENT_KEY) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["INNGEST_EVENT_KEY"],
        message: "is required when INNGEST_DEV=0 (the app sends events to Inngest with it)",
      });
    }
    if (env.NODE_ENV === "production" && env.SESSION_SECRET === DEV_SESSION_SECRET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SESSION_SECRET"],
        message:
          "is required in production: set it to a long random string (e.g. `openssl rand -hex 32`)",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings in a `.env` mean "unset", not "the empty value".
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "env"} ${issue.message}`),
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment; parsed on first use and then cached. */
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Tests change `process.env` between cases; this forgets the cached copy. */
export function resetEnvForTests() {
  cached = undefined;
}

/**
 * Who runs the workflows: the engine embedded in this process (default), an
 * Inngest dev server at INNGEST_BASE_URL, or Inngest Cloud (INNGEST_DEV=0).
 */
export function workflowMode(env: Pick<Env, "INNGEST_DEV" | "INNGEST_BASE_URL">): "embedded" | "dev-server" | "cloud" {
  if (!env.INNGEST_DEV) return "cloud";
  return env.INNGEST_BASE_URL ? "dev-server" : "embedded";
}

/**
 * Where the embedded engine keeps its state. A local app database gets a
 * file of its own beside it (`bookbug.db` → `bookbug-engine.db`): the
 * engine commits several times per answer, and in a file of its own those
 * commits never hold the write lock that a parent's message waits on. A
 * remote database (Turso) has no such lock here, so the engine shares it.
 */
export function engineDatabase(env: Pick<Env, "DATABASE_URL" | "DATABASE_AUTH_TOKEN" | "ENGINE_DATABASE_URL" | "ENGINE_DATABASE_AUTH_TOKEN">): {
  url: string;
  authToken?: string;
} {
  const authToken = env.ENGINE_DATABASE_AUTH_TOKEN ?? (env.ENGINE_DATABASE_URL ? undefined : env.DATABASE_AUTH_TOKEN);
  const withToken = (url: string) => (authToken ? { url, authToken } : { url });
  if (env.ENGINE_DATABASE_URL) return withToken(env.ENGINE_DATABASE_URL);
  const path = localDatabasePath(env.DATABASE_URL);
  if (!path) return withToken(env.DATABASE_URL);
  const query = env.DATABASE_URL.slice(`file:${path}`.length);
  const enginePath = path.endsWith(".db") ? `${path.slice(0, -".db".length)}-engine.db` : `${path}-engine`;
  return withToken(`file:${enginePath}${query}`);
}

/** Reads the environment again (after the server filled in generated values). */
export function reloadEnv(): Env {
  cached = undefined;
  return getEnv();
}

export function cookiesAreSecure(env: Env = getEnv()) {
  return env.SECURE_COOKIES ?? env.NODE_ENV === "production";
}
