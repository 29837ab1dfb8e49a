/** store-event: persists an event; duplicates of an event id within 24h are refused. */
import { one, run as exec } from "../db";
import { newId } from "../ids";
import type { EngineEvent, Executor } from "../interfaces";

const DEDUPE_WINDOW_MS = 86_400_000;

/** Returns false when the id was already seen within the dedupe window. */
export async function storeEvent(db: Executor, event: EngineEvent, now = Date.now()): Promise<boolean> {
  const seen = await one<{ seen_at: number }>(db, "SELECT seen_at FROM engine_event_dedupe WHERE event_id = ?", [
    event.id,
  ]);
  if (seen && seen.seen_at > now - DEDUPE_WINDOW_MS) return false;
  await exec(db, "INSERT OR REPLACE INTO engine_event_dedupe (event_id, seen_at) VALUES (?, ?)", [event.id, now]);
  await exec(
    db,
    "INSERT INTO engine_events (internal_id, id, name, data_json, ts, received_at) VALUES (?, ?, ?, ?, ?, ?)",
    [newId(now), event.id, event.name, JSON.stringify({ data: event.data, user: event.user }), event.ts, now]
  );
  return true;
}
