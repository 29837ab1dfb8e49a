/** store-event: persists an event; duplicates of an event id within 24h are refused. */
import { run as exec } from "../db";
import { newId } from "../ids";
import type { EngineEvent, Executor } from "../interfaces";

const DEDUPE_WINDOW_MS = 86_400_000;

/** Returns false when the id was already seen within the dedupe window. */
export async function storeEvent(db: Executor, event: EngineEvent, now = Date.now()): Promise<boolean> {
  // One statement: a new id is recorded, an id last seen before the window is
  // seen again, and a recent duplicate changes nothing.
  const fresh = await exec(
    db,
    `INSERT INTO engine_event_dedupe (event_id, seen_at) VALUES (?, ?)
     ON CONFLICT (event_id) DO UPDATE SET seen_at = excluded.seen_at WHERE engine_event_dedupe.seen_at <= ?`,
    [event.id, now, now - DEDUPE_WINDOW_MS]
  );
  if (fresh === 0) return false;
  await exec(
    db,
    "INSERT INTO engine_events (internal_id, id, name, data_json, ts, received_at) VALUES (?, ?, ?, ?, ?, ?)",
    [newId(now), event.id, event.name, JSON.stringify({ data: event.data, user: event.user }), event.ts, now]
  );
  return true;
}
