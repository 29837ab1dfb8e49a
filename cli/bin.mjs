#!/usr/bin/env node
// The `bookbug` command: loads the TypeScript CLI through tsx.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
