import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server } from "../../tests/fakes/s3-server";
import { createLocalObjectStore } from "./local-store";
import { pageImageKey, type ObjectStore } from "./object-store";
import { createS3ObjectStore } from "./s3-store";

let s3: Awaited<ReturnType<typeof startS3Server>>;
const stores: Record<string, () => ObjectStore> = {};

beforeAll(async () => {
  s3 = await startS3Server();
  const local = createLocalObjectStore(mkdtempSync(join(tmpdir(), "bookbug-objects-")));
  const remote = createS3ObjectStore(s3);
  stores.local = () => local;
  stores.s3 = () => remote;
});
afterAll(() => s3.close());

describe.each(["local", "s3"])("%s object store", (kind) => {
  const store = () => stores[kind]!();

  it("stores, reads, lists and deletes objects", async () => {
    const key = pageImageKey("book-1", 3);
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    await store().put(key, bytes, "image/png");
    expect(await store().exists(key)).toBe(true);
    const read = await store().get(key);
    expect(read?.contentType).toBe("image/png");
    expect([...(read?.body ?? [])]).toEqual([...bytes]);
    await store().put(pageImageKey("book-1", 4), bytes, "image/png");
    expect(await store().list("books/book-1/")).toEqual([pageImageKey("book-1", 3), pageImageKey("book-1", 4)]);
    await store().delete(key);
    expect(await store().exists(key)).toBe(false);
    expect(await store().get(key)).toBeNull();
  });

  it("overwrites the same key instead of keeping two copies", async () => {
    const key = pageImageKey("book-2", 1);
    await store().put(key, new Uint8Array([1]), "image/png");
    await store().put(key, new Uint8Array([2]), "image/png");
    expect(await store().list("books/book-2/")).toEqual([key]);
    expect([...((await store().get(key))?.body ?? [])]).toEqual([2]);
  });

  it("refuses keys that could escape their place", async () => {
    await expect(store().put("../etc/passwd", new Uint8Array([1]), "text/plain")).rejects.toThrow("unsafe object key");
    await expect(store().get("books//x")).rejects.toThrow("unsafe object key");
  });
});

describe("the R2 configuration", () => {
  it("uploads without the checksums R2 refuses, where the SDK's defaults are refused", async () => {
    const store = createS3ObjectStore(s3);
    await store.put(pageImageKey("book-r2", 1), new Uint8Array([1, 2, 3]), "image/png");
    expect(s3.refusals).toEqual([]);

    // The stand-in really refuses what R2 refuses: the SDK's default settings fail.
    const defaults = new S3Client({
      endpoint: s3.endpoint,
      region: "auto",
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    await expect(defaults.send(new PutObjectCommand({ Bucket: s3.bucket, Key: "books/book-r2/x.png", Body: new Uint8Array([1]) }))).rejects.toThrow();
    expect(s3.refusals.length).toBeGreaterThan(0);
    defaults.destroy();
  });
});
