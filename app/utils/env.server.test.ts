import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("starts with nothing set, using the embedded defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      DATABASE_URL: "file:./data/bookbug.db",
      FREE_CREDITS: 3,
      WORKFLOW_THREADS: 2,
    });
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ PORT: "", FREE_CREDITS: "" })).toMatchObject({ PORT: 3000, FREE_CREDITS: 3 });
  });

  it("refuses to run in production without a session secret, naming the variable", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(EnvError);
    try {
      parseEnv({ NODE_ENV: "production" });
    } catch (error) {
      expect((error as EnvError).problems).toEqual([expect.stringMatching(/^SESSION_SECRET is required in production/)]);
    }
  });

  it("accepts production with a real secret and a Turso URL", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      SESSION_SECRET: "a".repeat(32),
      DATABASE_URL: "libsql://bookbug.turso.io",
      DATABASE_AUTH_TOKEN: "token",
    });
    expect(env.DATABASE_URL).toBe("libsql://bookbug.turso.io");
  });

  it("explains every invalid value at once", () => {
    expect(() => parseEnv({ PORT: "eighty", FREE_CREDITS: "-1" })).toThrowError(/PORT[\s\S]*FREE_CREDITS/);
    expect(() => parseEnv({ WORKFLOW_THREADS: "0" })).toThrowError(/WORKFLOW_THREADS/);
  });
});
