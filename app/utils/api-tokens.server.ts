import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { apiTokens } from "../../db/schema";
import { preparedPerDatabase } from "../../db/prepared";
import { getDb } from "./db.server";

const TOKEN_TTL_MS = 1000 * 60 * 60 * 24 * 90;

function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Issues a bearer token for the API; only its hash is stored. */
export async function createApiToken(userId: string, name = "cli"): Promise<{ token: string; expiresAt: Date }> {
  const db = await getDb();
  const token = `bb_${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS);
  await db.insert(apiTokens).values({ id: randomUUID(), userId, name, tokenHash: hashToken(token), expiresAt });
  return { token, expiresAt };
}

// Every API request runs this.
const tokenOwnerQuery = preparedPerDatabase((db) =>
  db
    .select({ userId: apiTokens.userId })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sql.placeholder("tokenHash")), gt(apiTokens.expiresAt, sql.placeholder("now"))))
    .limit(1)
    .prepare(),
);

export async function userIdForApiToken(token: string): Promise<string | null> {
  const [row] = await tokenOwnerQuery(await getDb()).execute({ tokenHash: hashToken(token), now: Date.now() });
  return row?.userId ?? null;
}

export async function revokeApiToken(token: string) {
  const db = await getDb();
  await db.delete(apiTokens).where(eq(apiTokens.tokenHash, hashToken(token)));
}

/** Forgets API tokens past their expiry; returns how many. */
export async function deleteExpiredApiTokens(now = new Date()): Promise<number> {
  const db = await getDb();
  const deleted = await db.delete(apiTokens).where(lt(apiTokens.expiresAt, now)).returning({ id: apiTokens.id });
  return deleted.length;
}
