import { getEnv } from "../../app/utils/env.server";
import { createLocalObjectStore } from "./local-store";
import type { ObjectStore } from "./object-store";
import { createS3ObjectStore } from "./s3-store";

let store: ObjectStore | undefined;

/** The object store chosen by configuration: a local directory unless STORAGE=r2. */
export function getObjectStore(): ObjectStore {
  if (store) return store;
  const env = getEnv();
  store =
    env.STORAGE === "r2"
      ? createS3ObjectStore({
          endpoint: env.R2_ENDPOINT ?? "",
          bucket: env.R2_BUCKET ?? "",
          accessKeyId: env.R2_ACCESS_KEY_ID ?? "",
          secretAccessKey: env.R2_SECRET_ACCESS_KEY ?? "",
        })
      : createLocalObjectStore(env.OBJECTS_DIR);
  return store;
}

export { bookPdfKey, pageImageKey, type ObjectStore } from "./object-store";
