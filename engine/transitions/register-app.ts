/** register-app: stores an app's function configs (from either kind of sync) and its cron ticks. */
import { all, run as exec } from "../db";
import { syncCronItems } from "../cron";
import type { Executor, FunctionConfig } from "../interfaces";

export async function registerApp(
  db: Executor,
  app: { url: string; appId: string; functions: FunctionConfig[] },
  now = Date.now()
): Promise<{ modified: boolean }> {
  const before = await all<{ id: string; config_json: string }>(
    db,
    "SELECT id, config_json FROM engine_functions WHERE app_url = ?",
    [app.url]
  );
  const previous = new Map(before.map((row) => [row.id, row.config_json]));
  let modified = before.length !== app.functions.length;
  await exec(db, "INSERT OR REPLACE INTO engine_apps (url, app_id, synced_at) VALUES (?, ?, ?)", [
    app.url,
    app.appId,
    now,
  ]);
  for (const fn of app.functions) {
    const json = JSON.stringify(fn);
    if (previous.get(fn.id) !== json) modified = true;
    previous.delete(fn.id);
    await exec(
      db,
      "INSERT OR REPLACE INTO engine_functions (id, app_url, config_json, updated_at) VALUES (?, ?, ?, ?)",
      [fn.id, app.url, json, now]
    );
  }
  for (const removed of previous.keys()) {
    await exec(db, "DELETE FROM engine_functions WHERE id = ?", [removed]);
    await syncCronItems(db, [{ id: removed, triggers: [], steps: {} }], now);
  }
  await syncCronItems(db, app.functions, now);
  return { modified };
}
