import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit.server";

describe("createRateLimiter", () => {
  it("allows the limit within a window, then refuses with the time left", () => {
    const limiter = createRateLimiter({ limit: 10, windowMs: 60_000 });
    const start = 1_000_000;
    for (let i = 0; i < 10; i++) expect(limiter.consume("ip:1", start + i).allowed).toBe(true);
    const refused = limiter.consume("ip:1", start + 30_000);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it("keeps keys independent and opens a new window when the old one ends", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000 });
    expect(limiter.consume("a", 0).allowed).toBe(true);
    expect(limiter.consume("b", 0).allowed).toBe(true);
    expect(limiter.consume("a", 500).allowed).toBe(false);
    expect(limiter.consume("a", 1_000).allowed).toBe(true);
  });
});
