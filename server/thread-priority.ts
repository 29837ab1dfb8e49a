import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

/** This thread's kernel id (Linux), or undefined where there is no /proc. */
export function currentThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** The highest niceness (lowest priority) Linux has. */
const LEAST_PRIORITY = 19;

/**
 * Gives the calling thread (and threads it starts later) a lower CPU
 * priority: `by` more niceness than it has now, as `nice -n` adds. On Linux a
 * thread id names just that thread, so the web server's thread keeps its
 * place. Returns false where that is not possible, which changes nothing else.
 */
export function lowerThisThreadsPriority(by: number): boolean {
  const tid = currentThreadId();
  if (tid === undefined) return false;
  try {
    setPriority(tid, Math.min(LEAST_PRIORITY, getPriority(tid) + by));
    return true;
  } catch {
    return false;
  }
}
