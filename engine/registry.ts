/** In-memory view of engine_functions, refreshed whenever an app syncs. */
import { all } from "./db";
import type { Executor, FunctionConfig, FunctionLookup, RegisteredFunction } from "./interfaces";

export function eventNameMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (pattern.endsWith("*")) return name.startsWith(pattern.slice(0, -1));
  return false;
}

export class FunctionRegistry implements FunctionLookup {
  private byId = new Map<string, RegisteredFunction>();

  async load(db: Executor): Promise<void> {
    const rows = await all<{ id: string; app_url: string; config_json: string }>(
      db,
      "SELECT id, app_url, config_json FROM engine_functions"
    );
    this.byId = new Map(
      rows.map((row) => [row.id, { appUrl: row.app_url, config: JSON.parse(row.config_json) as FunctionConfig }])
    );
  }

  get(id: string): RegisteredFunction | undefined {
    return this.byId.get(id);
  }

  list(): RegisteredFunction[] {
    return [...this.byId.values()];
  }

  triggeredBy(eventName: string): RegisteredFunction[] {
    return this.list().filter((fn) =>
      fn.config.triggers.some((t) => t.event !== undefined && eventNameMatches(t.event, eventName))
    );
  }
}
