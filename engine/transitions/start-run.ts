/** start-run: the first call of a queued run marks it running and arms its finish timeout. */
import { run as exec } from "../db";
import { parseDuration } from "../duration";
import type { Executor, FunctionConfig } from "../interfaces";
import { enqueue } from "./queue";

export async function startRun(db: Executor, runId: string, config: FunctionConfig, now = Date.now()): Promise<void> {
  const started = await exec(
    db,
    "UPDATE engine_runs SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'",
    [now, runId]
  );
  const finish = parseDuration(config.timeouts?.finish);
  if (started && finish) await enqueue(db, { kind: "timeout_finish", runId, runAt: now + finish });
}
