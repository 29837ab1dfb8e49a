import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { assertSafeKey, type ObjectStore } from "./object-store";

const CONTENT_TYPES: Record<string, string> = { ".png": "image/png", ".pdf": "application/pdf", ".svg": "image/svg+xml" };

function contentTypeOf(key: string) {
  const dot = key.lastIndexOf(".");
  return CONTENT_TYPES[key.slice(dot)] ?? "application/octet-stream";
}

/** Objects as files under one directory; writes are atomic (temp file + rename). */
export function createLocalObjectStore(root: string): ObjectStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    assertSafeKey(key);
    return join(base, ...key.split("/"));
  };
  return {
    kind: "local",
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temp, body);
      await rename(temp, path);
    },
    async get(key) {
      try {
        return { body: new Uint8Array(await readFile(pathOf(key))), contentType: contentTypeOf(key) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch {
        return false;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async list(prefix) {
      const start = join(base, ...prefix.split("/").filter(Boolean));
      const keys: string[] = [];
      async function walk(dir: string) {
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const entry of entries) {
          const path = join(dir, entry.name);
          if (entry.isDirectory()) await walk(path);
          else if (!entry.name.endsWith(".tmp")) keys.push(relative(base, path).split(sep).join("/"));
        }
      }
      await walk(start);
      return keys.sort();
    },
  };
}
