import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { compileError, extractWaitIndex, matches, substituteEvent } from "./cel";
import { nextCronTime } from "./cron";
import { parseDuration, parseRetryAfter, retryBackoffMs } from "./duration";
import { ENGINE_SCHEMA_VERSION, migrateEngine } from "./migrations";
import { canonicalJson, hashSigningKey, signBody, stripSigningKeyPrefix } from "./signing";
import { callBody } from "./sdk-client";
import { tempDbUrl } from "./test-support/harness";

describe("retry backoff", () => {
  it("follows Inngest's shape, capped at 2h, with bounded jitter", () => {
    const noJitter = Array.from({ length: 12 }, (_, i) => retryBackoffMs(i, 1, () => 0) / 1000);
    expect(noJitter).toEqual([15, 30, 60, 120, 300, 600, 1200, 2400, 3600, 7200, 7200, 7200]);
    expect(retryBackoffMs(0, 1, () => 0.999)).toBeLessThanOrEqual(18_000);
    expect(retryBackoffMs(1, 0.001, () => 0)).toBe(30);
  });

  it("parses Retry-After as seconds or a date", () => {
    expect(parseRetryAfter("3", 1000)).toBe(4000);
    expect(parseRetryAfter(new Date(50_000).toUTCString(), 0)).toBe(50_000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });

  it("parses Inngest durations", () => {
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("2d")).toBe(172_800_000);
    expect(parseDuration("0.5s")).toBe(500);
    expect(parseDuration("soon")).toBeUndefined();
  });
});

describe("expressions", () => {
  it("treats missing fields as false, not as errors", () => {
    expect(matches("async.data.missing == 'x'", { async: { data: {} } })).toBe(false);
    expect(matches("async.data.n > 2", { async: { data: { n: 3 } } })).toBe(true);
    expect(matches("not valid (", { async: {} })).toBe(false);
  });

  it("tells why an expression does not compile", () => {
    expect(compileError("async.data.id == 'x' && async.data.n > 2")).toBeUndefined();
    expect(compileError("async.data.id === 'x'")).toMatch(/syntax error/);
    expect(compileError("async.data.id ==")).toMatch(/syntax error/);
  });

  it("substitutes event literals outside strings only", () => {
    expect(
      substituteEvent("async.data.id == event.data.id && async.data.s != 'event.data.id'", { data: { id: 5 } })
    ).toBe("async.data.id == 5 && async.data.s != 'event.data.id'");
  });

  it("indexes equality shapes and refuses the rest", () => {
    expect(extractWaitIndex("'b1' == async.data.bookId")).toEqual({
      key: "data.bookId",
      value: '"b1"',
      needsEval: false,
    });
    expect(extractWaitIndex("async.data.n == 3 && async.data.ok")).toEqual({
      key: "data.n",
      value: "3",
      needsEval: true,
    });
    expect(extractWaitIndex('async.data.a == "x" || async.data.b == "y"')).toBeUndefined();
  });
});

describe("signing and cron", () => {
  it("canonicalizes JSON with sorted keys and signs without the key prefix", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}'
    );
    expect(stripSigningKeyPrefix("signkey-prod-abc123")).toBe("abc123");
    expect(signBody("{}", "signkey-test-abc", 1_700_000_000_000)).toMatch(/^t=1700000000&s=[0-9a-f]{64}$/);
    // The registration token hashes the key's bytes (hex-decoded), keeping the prefix; the
    // expected values are what the SDK's own helper gives for these keys.
    expect(hashSigningKey("signkey-prod-00ff")).toBe(
      "signkey-prod-06eb7d6a69ee19e5fbdf749018d3d2abfa04bcbd1365db312eb86dc7169389b8"
    );
    expect(hashSigningKey("signkey-prod-abc")).toBe(
      "signkey-prod-1870348e36542f82a2bb6b134f9bda817cbc1f946dda37a0cce5b5221b9f0304"
    );
    expect(hashSigningKey("signkey-test-zz1g")).toBe(
      "signkey-test-b413f47d13ee2fe6c845b2ee141af81de858df4ec549a58b7970bb96645bc8d2"
    );
  });

  it("computes next cron ticks, with seconds and time zones", () => {
    const t = Date.UTC(2026, 0, 1, 10, 0, 30);
    expect(nextCronTime("* * * * * *", t)).toBe(t + 1000);
    expect(nextCronTime("0 * * * *", t)).toBe(Date.UTC(2026, 0, 1, 11, 0, 0));
    expect(nextCronTime("TZ=Europe/Paris 0 12 * * *", t)).toBe(Date.UTC(2026, 0, 1, 11, 0, 0));
  });
});

describe("migrations", () => {
  it("are versioned and idempotent", async () => {
    const db = createClient({ url: tempDbUrl("engine-migrate") });
    await migrateEngine(db);
    await migrateEngine(db);
    const versions = await db.execute("SELECT version FROM engine_migrations ORDER BY version");
    expect(versions.rows.map((r) => Number(r.version))).toEqual(
      Array.from({ length: ENGINE_SCHEMA_VERSION }, (_, i) => i + 1)
    );
    const tables = await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'engine_%'");
    expect(tables.rows.every((r) => String(r.name).startsWith("engine_"))).toBe(true);
    expect(tables.rows.length).toBeGreaterThanOrEqual(12);
    db.close();
  });
});

describe("call bodies", () => {
  it("are the canonical JSON of the whole request, built from parts serialized once", () => {
    const event = { name: "e/x", data: { z: 1, a: [{ b: 2, a: 1 }] }, id: "1", ts: 5 };
    const memos = { "ff01": { data: { y: 2, x: "é" } }, "0a02": { error: { name: "E", message: "m" } } };
    const request = {
      url: "http://127.0.0.1/api/inngest",
      functionId: "app-fn",
      stepId: "step",
      eventJson: canonicalJson(event),
      steps: new Map(Object.entries(memos).map(([id, memo]) => [id, canonicalJson(memo)])),
      stack: ["ff01", "0a02"],
      runId: "run-1",
      attempt: 2,
      maxAttempts: 4,
      disableImmediateExecution: false,
      timeoutMs: 1000,
    };
    const whole = canonicalJson({
      event,
      events: [event],
      steps: memos,
      ctx: {
        run_id: "run-1",
        attempt: 2,
        max_attempts: 4,
        disable_immediate_execution: false,
        use_api: false,
        stack: { stack: ["ff01", "0a02"], current: 2 },
      },
      version: 2,
    });
    expect(callBody(request)).toBe(whole);
    expect(JSON.parse(callBody(request))).toEqual(JSON.parse(whole));
  });
});
