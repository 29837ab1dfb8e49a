/**
 * Finds the rows (parked waits or cancel listeners) an incoming event
 * satisfies: indexed (key, literal) lookups first, CEL only for rows whose
 * expression could not be indexed or needs a full check.
 */
import { indexValue, matches, valueAtPath } from "../cel";
import { all } from "../db";
import type { EngineEvent, Executor, WaitKeyLookup } from "../interfaces";

export interface MatchableRow {
  id: string;
  run_id: string;
  expression: string | null;
  needs_eval: number;
}

export async function findMatchingRows<T extends MatchableRow>(
  db: Executor,
  keys: WaitKeyLookup,
  table: "engine_waits" | "engine_cancels",
  columns: string,
  event: EngineEvent
): Promise<T[]> {
  const found: T[] = [];
  const vars = { async: { ...event } };
  for (const key of await keys.keysFor(db, event.name)) {
    const value = indexValue(valueAtPath(event, key));
    if (value === undefined) continue;
    const rows = await all<T>(
      db,
      `SELECT ${columns} FROM ${table} WHERE event_name = ? AND index_key = ? AND index_value = ?`,
      [event.name, key, value]
    );
    for (const row of rows) if (!row.needs_eval || matches(row.expression, vars)) found.push(row);
  }
  if (!(await keys.hasUnindexed(db, event.name))) return found;
  const unindexed = await all<T>(db, `SELECT ${columns} FROM ${table} WHERE event_name = ? AND index_key IS NULL`, [
    event.name,
  ]);
  for (const row of unindexed) if (matches(row.expression, vars)) found.push(row);
  return found;
}
