import { type LoadItem, runLoad } from "../load/load";
import { type BenchContext, freshBudgets, measure } from "../scenarios/context";
import type { FloorRow } from "../scenarios/floor";
import type { captureRequests } from "./capture";
import { ALL_CPUS, cpuPerRequest, pinProcess } from "./cpu";
import { replay } from "./replay";

/** Where each process runs when pinned: the server alone on one core, the rest on the other. */
export const SERVER_CPUS = "0";
export const OTHER_CPUS = "1";
/**
 * Seconds of warm-up before each measured read load, quick or not: 200 requests left `--quick`
 * ~40 % under a full run.
 */
export const WARM_UP_SECONDS = 3;

/** `--pin`: the server alone on its core, mysqld on the other; otherwise where the kernel likes. */
export function placeServer(
  pinned: boolean,
  serverPid: number,
  databaseProcess: number | null,
): void {
  pinProcess(serverPid, pinned ? SERVER_CPUS : ALL_CPUS);
  if (databaseProcess) pinProcess(databaseProcess, pinned ? OTHER_CPUS : ALL_CPUS);
}

/** Rounds of full stack, bare baseline and DB floor measured per kind and placement. */
export const ROUNDS = 3;

/** One kind of request scenario 10 measures. */
export interface Kind {
  name: string;
  connections: number;
  /** Fresh items for each use (a sending's idempotency key is good once). */
  items: () => LoadItem[];
  writes: boolean;
}

type Measured<T> = Awaited<ReturnType<typeof cpuPerRequest<T & { requests: number }>>>;

/** One round: the full stack, the bare baseline and the DB floor, one after the other. */
export interface Round {
  full: Measured<Awaited<ReturnType<typeof measure>>>;
  baseline: FloorRow["baseline"];
  floor: Measured<Awaited<ReturnType<typeof replay>>>;
}

export async function measureRound(
  context: BenchContext,
  databaseUrl: string,
  kind: Kind,
  captured: Awaited<ReturnType<typeof captureRequests>>["requests"],
  at: {
    pinned: boolean;
    cpus?: string;
    /** The first round warms each side up first. */
    first: boolean;
    databaseProcess: number | null;
    reset: () => Promise<void>;
  },
): Promise<Round> {
  const { size } = context.options;
  const server = context.servers.full;
  const { cpus, reset } = at;
  await reset();
  await freshBudgets(context);
  const items = kind.items();
  const job = kind.writes
    ? { connections: kind.connections, amount: items.length, items, cpus }
    : { connections: kind.connections, seconds: size.loadSeconds, items, cpus };
  if (at.first) await warmUp(kind, { ...job, url: server.url }, reset);
  const full = await cpuPerRequest({ server: server.pid, database: at.databaseProcess }, () =>
    measure(context, server, job, false),
  );
  await reset();
  const baseline = await measureBaseline(context, job, at.pinned, (url) =>
    at.first ? warmUp(kind, { ...job, url }, reset) : Promise.resolve(),
  );
  await reset();
  const replayJob = { databaseUrl, requests: captured, connections: kind.connections, cpus };
  if (!kind.writes && at.first) await replay({ ...replayJob, seconds: 1 });
  const floor = await cpuPerRequest({ database: at.databaseProcess }, () =>
    replay({
      ...replayJob,
      ...(kind.writes ? { amount: captured.length } : { seconds: size.loadSeconds }),
    }),
  );
  return { full, baseline, floor };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** A defined median, or undefined when a round had no figure (no /proc). */
const medianOf = (values: Array<number | undefined>): number | undefined =>
  values.every((v) => v !== undefined) ? median(values as number[]) : undefined;

/**
 * The rounds' medians; the ratio is the median of each round's full ÷ floor, whose two runs
 * were a few seconds apart (an unpinned machine drifts more than that over a scenario).
 */
export function rowOf(
  name: string,
  pinned: boolean,
  rounds: Round[],
  statements: number,
  errors: number,
): FloorRow {
  const roundRatios = rounds.map((r) => r.full.result.rps / r.floor.result.rps);
  return {
    name,
    pinned,
    full: {
      rps: median(rounds.map((r) => r.full.result.rps)),
      serverCpuMs: medianOf(rounds.map((r) => r.full.cpu.server)),
      databaseCpuMs: medianOf(rounds.map((r) => r.full.cpu.database)),
      statements: medianOf(rounds.map((r) => r.full.result.statements)),
      errors: rounds.reduce((n, r) => n + r.full.result.errors, 0),
      requests: rounds.reduce((n, r) => n + r.full.result.requests, 0),
      firstCodes: rounds.find((r) => r.full.result.errors)?.full.result.codes,
    },
    baseline: {
      rps: median(rounds.map((r) => r.baseline.rps)),
      serverCpuMs: medianOf(rounds.map((r) => r.baseline.serverCpuMs)),
    },
    floor: {
      rps: median(rounds.map((r) => r.floor.result.rps)),
      databaseCpuMs: medianOf(rounds.map((r) => r.floor.cpu.database)),
      clientCpuMs: medianOf(rounds.map((r) => r.floor.result.cpuMs)),
      statements,
      errors,
    },
    ratio: median(roundRatios),
    roundRatios,
  };
}

/**
 * Before a measured run, the same kind of load: reads for WARM_UP_SECONDS; sendings one whole
 * round of fresh ones (a few hundred: the data has one sending meter per account), then the
 * month cleared again, so the measured sendings meet compiled code as the reads do.
 */
async function warmUp(
  kind: Kind,
  job: { url: string; connections: number; items: LoadItem[]; cpus?: string },
  reset: () => Promise<void>,
): Promise<void> {
  if (!kind.writes) {
    // The measured run's own requests (its tokens are then known, as a phone's are).
    await runLoad({ ...job, seconds: WARM_UP_SECONDS });
    return;
  }
  // Fresh sendings: the measured ones must not be retries of these.
  const items = kind.items();
  await runLoad({ ...job, items, amount: items.length });
  await reset();
}

/** The same job on the bare baseline server, placed as the full stack was. */
async function measureBaseline(
  context: BenchContext,
  job: Parameters<typeof measure>[2],
  pinned: boolean,
  warm: (url: string) => Promise<void>,
): Promise<FloorRow["baseline"]> {
  const baseline = context.servers.baseline;
  pinProcess(baseline.pid, pinned ? SERVER_CPUS : ALL_CPUS);
  try {
    await warm(baseline.url);
    const { result, cpu } = await cpuPerRequest({ server: baseline.pid }, () =>
      measure(context, baseline, job, false),
    );
    return { rps: result.rps, serverCpuMs: cpu.server };
  } finally {
    pinProcess(baseline.pid, ALL_CPUS);
  }
}
