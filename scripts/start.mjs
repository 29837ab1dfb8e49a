#!/usr/bin/env node
// `npm start`: build the app when the build is missing or older than the
// sources, then serve it with the embedded defaults.
import { spawnSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
// Settings in a `.env` apply to the launcher too (it decides about secrets).
if (existsSync(join(root, ".env"))) process.loadEnvFile(join(root, ".env"));
const buildEntry = join(root, "build/server/index.js");
// Everything the app bundle is built from (routes import workflows/ and db/).
const sourceDirs = ["app", "public", "workflows", "db"].map((dir) => join(root, dir));
const sourceFiles = ["vite.config.ts", "package.json", "package-lock.json", "tsconfig.json"].map((file) => join(root, file));

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

const builtAt = existsSync(buildEntry) ? statSync(buildEntry).mtimeMs : 0;
const sourcesAt = Math.max(...sourceDirs.map(newestMtime), ...sourceFiles.map(newestMtime));
if (builtAt < sourcesAt) {
  console.log(builtAt ? "Sources changed since the last build: rebuilding…" : "Building Bookbug for the first time…");
  const result = spawnSync("npx", ["remix", "vite:build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Someone who asks for production explicitly gets its rules: no secret, no start.
const explicitlyProduction = process.env.NODE_ENV === "production";
const env = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV || "production",
  // This launcher serves plain HTTP on this machine; behind a TLS proxy set
  // SECURE_COOKIES=1 (or run `npm run serve`, which defaults to Secure).
  SECURE_COOKIES: process.env.SECURE_COOKIES || "0",
};

// A local start needs no configuration: the session secret is generated once
// and kept beside the local database, so logins survive restarts.
if (!env.SESSION_SECRET && !explicitlyProduction) {
  const secretFile = join(root, "data/session-secret");
  if (!existsSync(secretFile)) {
    mkdirSync(join(root, "data"), { recursive: true });
    writeFileSync(secretFile, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  env.SESSION_SECRET = readFileSync(secretFile, "utf8").trim();
}

const child = spawn(process.execPath, ["--import", "tsx", join(root, "server/index.ts")], {
  cwd: root,
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
