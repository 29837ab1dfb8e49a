/**
 * Request signing compatible with the SDK's verification: the SDK parses the
 * JSON body and signs its canonical (sorted-key) serialization, so we send
 * exactly that serialization and sign it. Also the bearer token the SDK sends
 * when it registers itself out of band, and constant-time comparison.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** JSON with object keys sorted recursively (RFC 8785 style). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value);
    return text === undefined ? "null" : text;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== "function")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

const KEY_PREFIX = /^signkey-[\w]+-/;

/** The SDK keys its HMAC with the signing key minus its `signkey-<env>-` prefix. */
export function stripSigningKeyPrefix(signingKey: string): string {
  return signingKey.replace(KEY_PREFIX, "");
}

export function signBody(body: string, signingKey: string, now = Date.now()): string {
  const ts = Math.round(now / 1000).toString();
  const mac = createHmac("sha256", stripSigningKeyPrefix(signingKey))
    .update(body + ts)
    .digest("hex");
  return `t=${ts}&s=${mac}`;
}

/**
 * Bytes of the key as the SDK reads them before hashing: the key is hex, and
 * the SDK's decoder drops non-alphanumerics, left-pads an odd length with "0"
 * and turns an unparseable pair into 0. Inngest keys are plain hex, for which
 * this is ordinary hex decoding.
 */
function keyBytes(hex: string): Buffer {
  let digits = hex.replace(/[^a-z0-9]+/gi, "");
  if (digits.length % 2 !== 0) digits = `0${digits}`;
  const bytes = Buffer.alloc(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    const value = Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16);
    bytes[i] = Number.isNaN(value) ? 0 : value;
  }
  return bytes;
}

/**
 * What the SDK sends as `Authorization: Bearer <token>` on out-of-band sync:
 * the key's prefix followed by the hex SHA-256 of the key's (hex-decoded) rest.
 */
export function hashSigningKey(signingKey: string): string {
  const prefix = KEY_PREFIX.exec(signingKey)?.[0] ?? "";
  const digest = createHash("sha256").update(keyBytes(stripSigningKeyPrefix(signingKey))).digest("hex");
  return `${prefix}${digest}`;
}

/** Compares secrets without leaking, through timing, how much of them matched. */
export function safeEqual(given: string, expected: string): boolean {
  // Hashing first gives equal-length buffers whatever the input lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
