import { Worker } from "node:worker_threads";

export interface BurstOutcome {
  /** HTTP status; 0 when the connection failed. */
  status: number;
  /** From sending to the end of the body. */
  ms: number;
  retryAfter: string | null;
  /** `extensions.code` of the first error, if any. */
  code?: string;
  /** The connection error, when `status` is 0. */
  error?: string;
}

// Plain JavaScript for a worker thread: the burst must not share the server's event loop.
const BURST_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { url, headers, body, count } = workerData;
const one = async () => {
  const startedAt = performance.now();
  try {
    const response = await fetch(url, { method: "POST", headers, body });
    const text = await response.text();
    let code;
    try { code = JSON.parse(text).errors?.[0]?.extensions?.code; } catch {}
    return { status: response.status, ms: performance.now() - startedAt,
      retryAfter: response.headers.get("retry-after"), code };
  } catch (error) {
    return { status: 0, ms: performance.now() - startedAt, retryAfter: null,
      error: String(error?.cause?.code ?? error?.cause?.message ?? error) };
  }
};
Promise.all(Array.from({ length: count }, one)).then((outcomes) => parentPort.postMessage(outcomes));
`;

/** `count` POSTs of `body` to `url`, all at once, from a worker thread (one connection each). */
export async function burst(
  url: string,
  count: number,
  body: string,
  headers: Record<string, string>,
): Promise<BurstOutcome[]> {
  const worker = new Worker(BURST_WORKER, {
    eval: true,
    workerData: { url, count, body, headers: { "content-type": "application/json", ...headers } },
  });
  try {
    return await new Promise<BurstOutcome[]>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  } finally {
    await worker.terminate();
  }
}

export interface BurstFigures {
  total: number;
  /** 200 without errors. */
  answered: number;
  answeredWithin: number;
  /** 503 with Retry-After. */
  refused: number;
  /** INTERNAL, a 500, or any other answer. */
  other: number;
  /** Connection failures. */
  failed: number;
  slowestAnsweredMs: number;
  slowestRefusedMs: number;
  medianRefusedMs: number;
}

export function figuresOf(outcomes: BurstOutcome[], withinMs: number): BurstFigures {
  const answered = outcomes.filter((o) => o.status === 200 && o.code === undefined);
  const refused = outcomes.filter((o) => o.status === 503 && o.retryAfter !== null);
  const failed = outcomes.filter((o) => o.status === 0);
  const refusedMs = refused.map((o) => o.ms).sort((a, b) => a - b);
  return {
    total: outcomes.length,
    answered: answered.length,
    answeredWithin: answered.filter((o) => o.ms <= withinMs).length,
    refused: refused.length,
    other: outcomes.length - answered.length - refused.length - failed.length,
    failed: failed.length,
    slowestAnsweredMs: Math.round(Math.max(0, ...answered.map((o) => o.ms))),
    slowestRefusedMs: Math.round(Math.max(0, ...refusedMs)),
    medianRefusedMs: Math.round(refusedMs[Math.floor(refusedMs.length / 2)] ?? 0),
  };
}
