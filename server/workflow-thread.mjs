// A worker thread does not inherit the TypeScript loader the server was
// started with, so it registers its own before loading the workflows.
import { register } from "tsx/esm/api";

register();
await import("./workflow-thread.ts");
