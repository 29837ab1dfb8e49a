import { z } from "zod";

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
  })
  .superRefine((env, ctx) => {
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

export function cookiesAreSecure(env: Env = getEnv()) {
  return env.SECURE_COOKIES ?? env.NODE_ENV === "production";
}
