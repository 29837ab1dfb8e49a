/**
 * Remembers, per event name, which index keys parked waits (or cancel
 * listeners) use, e.g. `data.bookId`, and whether any of them has an
 * expression that could not be indexed, so routing an event costs one
 * indexed lookup per key shape and no query at all for what is not there.
 * Memory grows with shapes, not rows. Entries only ever grow (a key or an
 * unindexed row that is gone costs a lookup that finds nothing).
 */
import { all } from "../db";
import type { Executor, WaitKeyLookup } from "../interfaces";

interface Shapes {
  keys: Set<string>;
  unindexed: boolean;
}

export class WaitKeyCache implements WaitKeyLookup {
  private shapes = new Map<string, Shapes>();

  constructor(private readonly table: "engine_waits" | "engine_cancels") {}

  private async shapesFor(db: Executor, eventName: string): Promise<Shapes> {
    let shapes = this.shapes.get(eventName);
    if (!shapes) {
      const rows = await all<{ index_key: string | null }>(
        db,
        `SELECT DISTINCT index_key FROM ${this.table} WHERE event_name = ?`,
        [eventName]
      );
      shapes = {
        keys: new Set(rows.flatMap((r) => (r.index_key === null ? [] : [r.index_key]))),
        unindexed: rows.some((r) => r.index_key === null),
      };
      this.shapes.set(eventName, shapes);
    }
    return shapes;
  }

  async keysFor(db: Executor, eventName: string): Promise<Set<string>> {
    return (await this.shapesFor(db, eventName)).keys;
  }

  async hasUnindexed(db: Executor, eventName: string): Promise<boolean> {
    return (await this.shapesFor(db, eventName)).unindexed;
  }

  add(eventName: string, key: string | null): void {
    const shapes = this.shapes.get(eventName);
    if (!shapes) return; // read from the database on first use
    if (key === null) shapes.unindexed = true;
    else shapes.keys.add(key);
  }
}
