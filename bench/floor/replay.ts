import { fork } from "node:child_process";
import { join } from "node:path";
import { SERVER_NODE } from "../servers";
import type { CapturedRequest } from "./capture";
import { pinProcess } from "./cpu";

export interface ReplayJob {
  databaseUrl: string;
  requests: CapturedRequest[];
  connections: number;
  /** Run for this long, the captured requests round and round (reads) … */
  seconds?: number;
  /** … or each of the first `amount` once (sendings: a replayed insert must meet a fresh row). */
  amount?: number;
  /** `taskset` CPU list for the replaying process (bench --pin). */
  cpus?: string;
}

export interface ReplayResult {
  requests: number;
  seconds: number;
  rps: number;
  /**
   * This client's own CPU ms per request (every thread, user + system): what the driver and the
   * kernel cost to send these statements and read their answers, with no code around them.
   */
  cpuMs?: number;
  /** Statements that failed (not lock conflicts): a capture the database cannot replay. */
  errors: number;
  /** Requests still deadlocked after ten attempts. */
  gaveUp: number;
  firstError?: string;
}

/** Replays captured requests with a bare mysql2 pool in a new process (the database floor). */
export function replay(job: ReplayJob): Promise<ReplayResult> {
  const child = fork(join(__dirname, "replay-worker.ts"), [], {
    execPath: SERVER_NODE,
    execArgv: ["-r", "ts-node/register/transpile-only"],
    serialization: "advanced",
  });
  if (job.cpus) pinProcess(child.pid!, job.cpus);
  return new Promise<ReplayResult>((resolve, reject) => {
    child.once("message", (message: { result?: ReplayResult; error?: string }) => {
      child.kill();
      if (message.result) resolve(message.result);
      else reject(new Error(`floor replay: ${message.error}`));
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code) reject(new Error(`floor replay exited with ${code}`));
    });
    child.send(job);
  });
}
