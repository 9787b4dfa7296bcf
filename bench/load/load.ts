import { fork } from "node:child_process";
import { join } from "node:path";
import { pinProcess } from "../floor/cpu";

/** One request of a load run; the worker sends the job's items in turn, round and round. */
export interface LoadItem {
  kind: string;
  headers: Record<string, string>;
  body: string;
  /** GraphQL error codes that are a correct answer here (not counted as errors). */
  expected?: string[];
}

export interface LoadJob {
  /** Several URLs: connection i is bound to URL i mod n (autocannon's own spreading). */
  url: string | string[];
  connections: number;
  /** Run for this long, or until `amount` requests were answered. */
  seconds?: number;
  amount?: number;
  /** Requests per second over all connections (omitted: as fast as the server answers). */
  rate?: number;
  items: LoadItem[];
  /** `taskset` CPU list for the generator's process (bench --pin). */
  cpus?: string;
}

export interface LatencyFigures {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface LoadResult extends LatencyFigures {
  requests: number;
  seconds: number;
  rps: number;
  byKind: Record<string, LatencyFigures>;
  /** Transport errors, timeouts and GraphQL errors that were not expected. */
  errors: number;
  codes: Record<string, number>;
  /** Indices into the job's items answered with a retryable refusal (503 or 429). */
  refused: number[];
}

/** Runs a job in a new load-generator process. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  const child = fork(join(__dirname, "load-worker.ts"), [], {
    execArgv: ["-r", "ts-node/register/transpile-only"],
    serialization: "advanced",
  });
  if (job.cpus) pinProcess(child.pid!, job.cpus);
  return new Promise<LoadResult>((resolve, reject) => {
    child.once("message", (message: { result?: LoadResult; error?: string }) => {
      child.kill();
      if (message.result) resolve(message.result);
      else reject(new Error(`load generator: ${message.error}`));
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code) reject(new Error(`load generator exited with ${code}`));
    });
    child.send(job);
  });
}

/** The body of a GraphQL request. */
export const graphqlBody = (query: string, variables?: Record<string, unknown>) =>
  JSON.stringify(variables ? { query, variables } : { query });
