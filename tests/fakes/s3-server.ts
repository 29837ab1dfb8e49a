import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "@20minutes/s3rver";

/** An S3-compatible server on loopback (stand-in for Cloudflare R2). */
export async function startS3Server(bucket = "bookbug") {
  const server = new S3rver({
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
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    // s3rver accepts these fixed credentials.
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    close: () => server.close(),
  };
}
