import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import { apiTokens } from "../../db/schema";
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

export async function userIdForApiToken(token: string): Promise<string | null> {
  const db = await getDb();
  const row = await db.query.apiTokens.findFirst({
    where: and(eq(apiTokens.tokenHash, hashToken(token)), gt(apiTokens.expiresAt, new Date())),
  });
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
