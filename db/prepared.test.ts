import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../app/utils/db.server";
import { preparedPerDatabase } from "./prepared";
import { users } from "./schema";

describe("statements prepared per database handle", () => {
  it("builds a statement once and runs it with each call's values against current data", async () => {
    const db = await getDb();
    let built = 0;
    const userName = preparedPerDatabase((handle) => {
      built++;
      return handle.select({ name: users.name }).from(users).where(eq(users.id, sql.placeholder("id"))).prepare();
    });
    const id = randomUUID();
    expect(await userName(db).execute({ id })).toEqual([]);
    await db.insert(users).values({ id, email: `${id}@example.com`, name: "Ada", passwordHash: "x", credits: 3 });
    expect(await userName(db).execute({ id })).toEqual([{ name: "Ada" }]);
    await db.update(users).set({ name: "Grace" }).where(eq(users.id, id));
    expect(await userName(db).execute({ id })).toEqual([{ name: "Grace" }]);
    expect(built).toBe(1);
  });
});
