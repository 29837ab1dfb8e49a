/**
 * A fixed-window, in-memory rate limiter. One process serves Bookbug, so
 * memory is the right place; a multi-instance deployment would move this to
 * the database or a shared cache.
 */
export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets (only meaningful when not allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  consume(key: string, now?: number): RateLimitResult;
  reset(): void;
}

export function createRateLimiter({ limit, windowMs }: { limit: number; windowMs: number }): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();

  function sweep(now: number) {
    // Keeps memory bounded under a flood of distinct keys.
    if (windows.size < 10_000) return;
    for (const [key, window] of windows) {
      if (now - window.startedAt >= windowMs) windows.delete(key);
    }
  }

  return {
    consume(key, now = Date.now()) {
      sweep(now);
      const current = windows.get(key);
      if (!current || now - current.startedAt >= windowMs) {
        windows.set(key, { startedAt: now, count: 1 });
        return { allowed: true, retryAfterSeconds: 0 };
      }
      current.count += 1;
      const retryAfterSeconds = Math.max(1, Math.ceil((current.startedAt + windowMs - now) / 1000));
      return { allowed: current.count <= limit, retryAfterSeconds };
    },
    reset() {
      windows.clear();
    },
  };
}

const globalForLimits = globalThis as unknown as { __bookbugAuthLimiter?: RateLimiter };

/** Login and signup attempts: 10 a minute per IP and, separately, per email. */
export const authAttemptLimiter = (globalForLimits.__bookbugAuthLimiter ??= createRateLimiter({
  limit: 10,
  windowMs: 60_000,
}));

/** Checks both the IP and the email budget; either one running out refuses. */
export function consumeAuthAttempt(kind: "login" | "signup", ip: string, email: string): RateLimitResult {
  const byIp = authAttemptLimiter.consume(`${kind}:ip:${ip}`);
  const byEmail = email ? authAttemptLimiter.consume(`${kind}:email:${email}`) : byIp;
  if (byIp.allowed && byEmail.allowed) return { allowed: true, retryAfterSeconds: 0 };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(
      byIp.allowed ? 0 : byIp.retryAfterSeconds,
      byEmail.allowed ? 0 : byEmail.retryAfterSeconds,
    ),
  };
}
