import { describe, expect, it } from "vitest";
import { engineDatabase, EnvError, parseEnv } from "./env.server";

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

describe("engineDatabase", () => {
  it("gives the embedded engine a file of its own beside a local app database", () => {
    expect(engineDatabase(parseEnv({}))).toEqual({ url: "file:./data/bookbug-engine.db" });
    expect(engineDatabase(parseEnv({ DATABASE_URL: "file:/srv/books?mode=rwc" }))).toEqual({ url: "file:/srv/books-engine?mode=rwc" });
  });

  it("shares a remote or in-memory app database, with its token", () => {
    expect(engineDatabase(parseEnv({ DATABASE_URL: "libsql://books-acme.turso.io", DATABASE_AUTH_TOKEN: "t0ken" }))).toEqual({
      url: "libsql://books-acme.turso.io",
      authToken: "t0ken",
    });
    expect(engineDatabase(parseEnv({ DATABASE_URL: "file::memory:" }))).toEqual({ url: "file::memory:" });
  });

  it("uses ENGINE_DATABASE_URL when set, with its own token", () => {
    const env = parseEnv({ DATABASE_AUTH_TOKEN: "app", ENGINE_DATABASE_URL: "libsql://engine-acme.turso.io", ENGINE_DATABASE_AUTH_TOKEN: "eng" });
    expect(engineDatabase(env)).toEqual({ url: "libsql://engine-acme.turso.io", authToken: "eng" });
    expect(engineDatabase(parseEnv({ ENGINE_DATABASE_URL: "file:/var/engine.db", DATABASE_AUTH_TOKEN: "app" }))).toEqual({ url: "file:/var/engine.db" });
  });
});
