/**
 * Remembers, per event name, which index keys parked waits (or cancel
 * listeners) use, e.g. `data.bookId`, so routing an event costs one indexed
 * lookup per key shape rather than a scan. Memory grows with shapes, not rows.
 */
import { all } from "../db";
import type { Executor, WaitKeyLookup } from "../interfaces";

export class WaitKeyCache implements WaitKeyLookup {
  private keys = new Map<string, Set<string>>();

  constructor(private readonly table: "engine_waits" | "engine_cancels") {}

  async keysFor(db: Executor, eventName: string): Promise<Set<string>> {
    let set = this.keys.get(eventName);
    if (!set) {
      const rows = await all<{ index_key: string }>(
        db,
        `SELECT DISTINCT index_key FROM ${this.table} WHERE event_name = ? AND index_key IS NOT NULL`,
        [eventName]
      );
      set = new Set(rows.map((r) => r.index_key));
      this.keys.set(eventName, set);
    }
    return set;
  }

  add(eventName: string, key: string): void {
    this.keys.get(eventName)?.add(key);
  }
}
