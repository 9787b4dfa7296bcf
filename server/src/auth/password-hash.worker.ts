import { getPriority, setPriority } from "node:os";
import { isMainThread } from "node:worker_threads";
import bcrypt from "bcrypt";

/**
 * Linux weighs a thread 10 nice steps down at about a tenth of the event loop: on a contended CPU
 * the event loop and the database run first, yet a busy server still finishes logins (+19
 * could stall them). Relative to the process, so a server started under `nice` keeps the gap.
 */
export const NICE_INCREMENT = 10;
const LOWEST_PRIORITY = 19;

// On Linux, pid 0 is the calling thread alone; elsewhere it is the whole process, so only there.
if (!isMainThread && process.platform === "linux") {
  try {
    setPriority(0, Math.min(getPriority(0) + NICE_INCREMENT, LOWEST_PRIORITY));
  } catch {
    // Not permitted here: hash at normal priority rather than not at all.
  }
}

/** Runs on a pool thread: synchronous, so the work stays on this niced thread. */
export function hash(task: { prehashed: string; cost: number }): string {
  return bcrypt.hashSync(task.prehashed, task.cost);
}

export function compare(task: { prehashed: string; hash: string }): boolean {
  return bcrypt.compareSync(task.prehashed, task.hash);
}
