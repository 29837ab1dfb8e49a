import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { creditLedger, users, type User } from "../../db/schema";
import { creditUsage } from "../../workflows/credits";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";
import { getDecoyHash, hashPassword, verifyPassword } from "./password.server";

export const EmailSchema = z
  .string({ required_error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .email("Enter a valid email address, like name@example.com.")
  .transform((value) => value.toLowerCase());

export const PasswordSchema = z
  .string({ required_error: "Enter a password." })
  .min(1, "Enter a password.")
  .min(8, "Use at least 8 characters.")
  .max(200, "Use at most 200 characters.");

export const NameSchema = z
  .string({ required_error: "Tell us your name." })
  .trim()
  .min(1, "Tell us your name.")
  .max(80, "Use at most 80 characters.");

export type PublicUser = Pick<User, "id" | "email" | "name" | "credits">;

function toPublicUser(user: User): PublicUser {
  return { id: user.id, email: user.email, name: user.name, credits: user.credits };
}

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists. Log in instead?");
    this.name = "EmailTakenError";
  }
}

/** Creates an account with the free starting credits, recorded in the ledger. */
export async function createUser(input: { email: string; name: string; password: string }): Promise<PublicUser> {
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  const freeCredits = getEnv().FREE_CREDITS;
  try {
    await db.batch([
      db.insert(users).values({ id, email: input.email, name: input.name, passwordHash, credits: freeCredits }),
      db.insert(creditLedger).values({
        id: randomUUID(),
        userId: id,
        delta: freeCredits,
        reason: "Welcome credits",
        idempotencyKey: `signup:${id}`,
      }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
  return { id, email: input.email, name: input.name, credits: freeCredits };
}

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { cause?: unknown })?.cause ?? "") + String(error);
  return text.includes("UNIQUE constraint failed");
}

/** The user for these credentials, or null. Unknown emails cost the same time as wrong passwords. */
export async function verifyLogin(email: string, password: string): Promise<PublicUser | null> {
  const db = await getDb();
  const user = await db.query.users.findFirst({ where: eq(users.email, email) });
  if (!user) {
    await verifyPassword(password, await getDecoyHash());
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? toPublicUser(user) : null;
}

export async function getUserById(id: string): Promise<PublicUser | null> {
  const db = await getDb();
  const user = await db.query.users.findFirst({ where: eq(users.id, id) });
  return user ? toPublicUser(user) : null;
}

/** available = owned credits − books currently reserving one. */
export async function getAvailableCredits(userId: string): Promise<number> {
  const db = await getDb();
  return (await creditUsage(db, userId)).available;
}
