import { mkdtempSync } from "node:fs";
import { createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "@20minutes/s3rver";

/**
 * R2 refuses the flexible checksums recent AWS SDKs add to every upload by
 * default; s3rver would accept them. A request that carries one gets R2's
 * kind of refusal here, so a store that forgets
 * `requestChecksumCalculation: "WHEN_REQUIRED"` fails its tests.
 */
function checksumHeader(headers: Record<string, string | string[] | undefined>): string | null {
  const name = Object.keys(headers).find(
    (header) => header.startsWith("x-amz-checksum-") || header === "x-amz-sdk-checksum-algorithm" || header === "x-amz-trailer",
  );
  return name ?? null;
}

/** An S3-compatible server on loopback that behaves like Cloudflare R2 where it matters to us. */
export async function startS3Server(bucket = "bookbug") {
  const s3rver = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: mkdtempSync(join(tmpdir(), "bookbug-s3-")),
    resetOnClose: true,
    // s3rver's SigV4 check lags the current AWS SDK's canonical request;
    // signing is the SDK's job, the store's contract is what we test here.
    allowMismatchedSignatures: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port: backendPort } = await s3rver.run();
  const refusals: string[] = [];
  const front = createServer((req, res) => {
    const header = checksumHeader(req.headers);
    if (header) {
      refusals.push(header);
      req.resume();
      res.writeHead(501, { "Content-Type": "application/xml" });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>NotImplemented</Code><Message>Header '${header}' is not implemented</Message></Error>`);
      return;
    }
    const upstream = forward({ host: "127.0.0.1", port: backendPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    bucket,
    // s3rver accepts these fixed credentials.
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    /** Checksum headers refused so far, as R2 would. */
    refusals,
    async close() {
      front.closeAllConnections();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await s3rver.close();
    },
  };
}
