/** Public API of the embedded Inngest-protocol executor. */
export { createEngine, type Engine } from "./engine";
export { migrateEngine, ENGINE_SCHEMA_VERSION } from "./migrations";
export { localDatabasePath, openEngineClient, type EngineClientOptions } from "./open-client";
export { adoptEngineState, type AdoptedState } from "./adopt-engine-state";
export { startWalCheckpointer, type WalCheckpointer } from "./wal-checkpointer";
export type { EngineOptions, IncomingEvent, EngineEvent, Logger, FunctionConfig } from "./interfaces";
