/** Public API of the embedded Inngest-protocol executor. */
export { createEngine, type Engine } from "./engine";
export { migrateEngine, ENGINE_SCHEMA_VERSION } from "./migrations";
export type { EngineOptions, IncomingEvent, EngineEvent, Logger, FunctionConfig } from "./interfaces";
