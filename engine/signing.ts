/**
 * Request signing compatible with the SDK's verification: the SDK parses the
 * JSON body and signs its canonical (sorted-key) serialization, so we send
 * exactly that serialization and sign it.
 */
import { createHmac } from "node:crypto";

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

/** The SDK keys its HMAC with the signing key minus its `signkey-<env>-` prefix. */
export function stripSigningKeyPrefix(signingKey: string): string {
  return signingKey.replace(/^signkey-[\w]+-/, "");
}

export function signBody(body: string, signingKey: string, now = Date.now()): string {
  const ts = Math.round(now / 1000).toString();
  const mac = createHmac("sha256", stripSigningKeyPrefix(signingKey))
    .update(body + ts)
    .digest("hex");
  return `t=${ts}&s=${mac}`;
}
