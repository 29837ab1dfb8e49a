import { randomBytes } from "node:crypto";
import { createCookie, createSessionStorage, redirect, type Session } from "@remix-run/node";
import { and, eq, gt, lt } from "drizzle-orm";
import { sessions } from "../../db/schema";
import { getDb } from "./db.server";
import { getEnv, cookiesAreSecure } from "./env.server";

const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;
export const USER_ID_KEY = "userId";

function createDatabaseSessionStorage() {
  const env = getEnv();
  const cookie = createCookie("bb_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: cookiesAreSecure(env),
    path: "/",
    maxAge: SESSION_MAX_AGE_SECONDS,
    secrets: [env.SESSION_SECRET],
  });

  // The cookie holds only a random id; the session itself lives in the
  // database, so it survives restarts and can be revoked server-side.
  return createSessionStorage({
    cookie,
    async createData(data, expires) {
      const db = await getDb();
      const id = randomBytes(24).toString("base64url");
      await db.insert(sessions).values({
        id,
        userId: typeof data[USER_ID_KEY] === "string" ? (data[USER_ID_KEY] as string) : null,
        data: data as Record<string, unknown>,
        expiresAt: expires ?? new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
      });
      return id;
    },
    async readData(id) {
      const db = await getDb();
      const row = await db.query.sessions.findFirst({
        where: and(eq(sessions.id, id), gt(sessions.expiresAt, new Date())),
      });
      return row ? row.data : null;
    },
    async updateData(id, data, expires) {
      const db = await getDb();
      await db
        .update(sessions)
        .set({
          data: data as Record<string, unknown>,
          userId: typeof data[USER_ID_KEY] === "string" ? (data[USER_ID_KEY] as string) : null,
          ...(expires ? { expiresAt: expires } : {}),
        })
        .where(eq(sessions.id, id));
    },
    async deleteData(id) {
      const db = await getDb();
      await db.delete(sessions).where(eq(sessions.id, id));
    },
  });
}

type SessionStorage = ReturnType<typeof createDatabaseSessionStorage>;
let storage: SessionStorage | undefined;
function sessionStorage() {
  storage ??= createDatabaseSessionStorage();
  return storage;
}

export function getSession(request: Request): Promise<Session> {
  return sessionStorage().getSession(request.headers.get("cookie"));
}

export function commitSession(session: Session) {
  return sessionStorage().commitSession(session, { maxAge: SESSION_MAX_AGE_SECONDS });
}

export function destroySession(session: Session) {
  return sessionStorage().destroySession(session);
}

/** Starts a fresh session for the user (a new id: no session fixation) and redirects. */
export async function startUserSession(userId: string, redirectTo: string) {
  const session = await sessionStorage().getSession();
  session.set(USER_ID_KEY, userId);
  return redirect(redirectTo, { headers: { "Set-Cookie": await commitSession(session) } });
}

/** Forgets sessions that can no longer log anyone in; returns how many. */
export async function deleteExpiredSessions(now = new Date()): Promise<number> {
  const db = await getDb();
  const deleted = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  return deleted.length;
}
