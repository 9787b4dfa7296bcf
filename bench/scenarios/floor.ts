import { captureRequests } from "../floor/capture";
import { ALL_CPUS, cpuPerRequest, databasePid, pinProcess } from "../floor/cpu";
import { answerOf, startHttpFloor } from "../floor/http-floor";
import { replay } from "../floor/replay";
import { type LoadItem, runLoad } from "../load/load";
import { accountsScreenItems, historyItems, sendingItems } from "../operations";
import { type BenchContext, measure, resetSendings } from "./context";

/** Where each process runs when pinned: the server alone on one core, the rest on the other. */
const SERVER_CPUS = "0";
const OTHER_CPUS = "1";
/**
 * Seconds of warm-up before each measured read load, quick or not: 200 requests left `--quick`
 * ~40 % under a full run. The scenario's spent budgets are cleared after it (run.ts).
 */
const WARM_UP_SECONDS = 3;
/** Read requests captured per kind; the floor replays them round and round. */
const CAPTURED_READS = 200;

export interface FloorRow {
  name: string;
  pinned: boolean;
  full: { rps: number; serverCpuMs?: number; databaseCpuMs?: number; statements?: number };
  /** The hand-written baseline server (bench/baseline) with the same job: what bare code reaches. */
  baseline: { rps: number; serverCpuMs?: number };
  floor: { rps: number; databaseCpuMs?: number; statements: number; errors: number };
  /** Full stack req/s over the database floor's. */
  ratio: number;
}

export interface FloorFigures {
  rows: FloorRow[];
  http: Array<{ pinned: boolean; rps: number; cpuMs?: number; bytes: number }>;
  /** Requests that failed while being captured, and the floor's failed replays. */
  captureFailures: number;
  replayErrors: number;
  /** Requests the floor replayed, all kinds. */
  replayed: number;
  firstError?: string;
  firstCaptureFailure?: string;
}

interface Kind {
  name: string;
  connections: number;
  /** Fresh items for each use (a sending's idempotency key is good once). */
  items: () => LoadItem[];
  writes: boolean;
}

/**
 * Scenario 10: each request kind against its floors. The database floor replays the statements
 * the real server sent (captured from the general log) with a bare prepared mysql2 pool at the
 * same concurrency; the HTTP floor is Fastify answering the same bytes. With `--pin` everything
 * is measured twice: as placed by the kernel, then the server alone on core 0.
 */
export async function floors(context: BenchContext, databaseUrl: string): Promise<FloorFigures> {
  const { data, options } = context;
  const { size } = options;
  const kinds: Kind[] = [
    {
      name: "accounts screen, 1 account",
      connections: size.connections,
      items: () => accountsScreenItems(data.users.one),
      writes: false,
    },
    {
      name: "sending, distinct meters ×2",
      connections: size.sendingConnections,
      items: () => sendingItems(data.sendingMeters, data.users.one, 2),
      writes: true,
    },
    {
      name: "history, first page",
      connections: size.connections,
      items: () => historyItems(data.users.one),
      writes: false,
    },
  ];
  const figures: FloorFigures = {
    rows: [],
    http: [],
    captureFailures: 0,
    replayErrors: 0,
    replayed: 0,
  };
  const server = context.servers.full;
  const databaseProcess = await databasePid(databaseUrl);
  const placements = options.pin ? [false, true] : [false];
  for (const kind of kinds) {
    const reset = () => (kind.writes ? resetSendings(context.dataSource) : Promise.resolve());
    await reset();
    const sample = kind.items();
    const captured = await captureRequests(
      databaseUrl,
      server.url,
      kind.writes ? sample : sample.slice(0, CAPTURED_READS),
    );
    figures.captureFailures += captured.failed;
    figures.firstCaptureFailure ??= captured.firstFailure;
    if (captured.failed) {
      context.log(
        `  ${kind.name}: ${captured.failed} captured requests failed: ${captured.firstFailure}`,
      );
    }
    const statements =
      captured.requests.reduce((n, r) => n + r.length, 0) / Math.max(1, captured.requests.length);
    for (const pinned of placements) {
      const cpus = pinned ? OTHER_CPUS : undefined;
      place(pinned, server.pid, databaseProcess);
      try {
        await reset();
        const items = kind.items();
        const job = kind.writes
          ? { connections: kind.connections, amount: items.length, items, cpus }
          : { connections: kind.connections, seconds: size.loadSeconds, items, cpus };
        await warmUp(kind, { ...job, url: server.url }, reset);
        const full = await cpuPerRequest({ server: server.pid, database: databaseProcess }, () =>
          measure(context, server, job, false),
        );
        await reset();
        const baseline = await measureBaseline(context, job, pinned, (url) =>
          warmUp(kind, { ...job, url }, reset),
        );
        await reset();
        if (!kind.writes) {
          await replay({
            databaseUrl,
            requests: captured.requests,
            connections: kind.connections,
            seconds: 1,
            cpus,
          });
        }
        const floor = await cpuPerRequest({ database: databaseProcess }, () =>
          replay({
            databaseUrl,
            requests: captured.requests,
            connections: kind.connections,
            ...(kind.writes ? { amount: captured.requests.length } : { seconds: size.loadSeconds }),
            cpus,
          }),
        );
        figures.replayErrors += floor.result.errors;
        figures.replayed += floor.result.requests;
        figures.firstError ??= floor.result.firstError;
        const row: FloorRow = {
          name: kind.name,
          pinned,
          full: {
            rps: full.result.rps,
            serverCpuMs: full.cpu.server,
            databaseCpuMs: full.cpu.database,
            statements: full.result.statements,
          },
          baseline,
          floor: {
            rps: floor.result.rps,
            databaseCpuMs: floor.cpu.database,
            statements,
            errors: floor.result.errors,
          },
          ratio: full.result.rps / floor.result.rps,
        };
        figures.rows.push(row);
        context.log(
          `  ${kind.name}${pinned ? " (pinned)" : ""}: full ${row.full.rps.toFixed(0)}/s, ` +
            `DB floor ${row.floor.rps.toFixed(0)}/s (${row.ratio.toFixed(2)}), server ` +
            `${row.full.serverCpuMs?.toFixed(2)} ms CPU/request; bare baseline ` +
            `${row.baseline.rps.toFixed(0)}/s (${(row.baseline.rps / row.floor.rps).toFixed(2)})` +
            (floor.result.errors
              ? `  FLOOR ERRORS ${floor.result.errors}: ${floor.result.firstError}`
              : ""),
        );
      } finally {
        place(false, server.pid, databaseProcess);
        await reset();
      }
    }
  }
  figures.http = await httpFloor(context, placements, databaseProcess);
  return figures;
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

function place(pinned: boolean, serverPid: number, databaseProcess: number | null): void {
  pinProcess(serverPid, pinned ? SERVER_CPUS : ALL_CPUS);
  if (databaseProcess) pinProcess(databaseProcess, pinned ? OTHER_CPUS : ALL_CPUS);
}

/** Fastify answering the accounts screen's bytes, at the accounts screen's concurrency. */
async function httpFloor(
  context: BenchContext,
  placements: boolean[],
  databaseProcess: number | null,
): Promise<FloorFigures["http"]> {
  const { size } = context.options;
  const items = accountsScreenItems(context.data.users.one);
  const body = await answerOf(context.servers.full.url, items[0]);
  const port = Number(new URL(context.servers.full.url).port) + 1000;
  const floor = await startHttpFloor(port, body);
  const out: FloorFigures["http"] = [];
  try {
    for (const pinned of placements) {
      const cpus = pinned ? OTHER_CPUS : undefined;
      pinProcess(floor.pid, pinned ? SERVER_CPUS : ALL_CPUS);
      const job = { url: floor.url, connections: size.connections, items, cpus };
      await runLoad({ ...job, amount: size.warmUpRequests });
      const { result, cpu } = await cpuPerRequest({ floor: floor.pid }, () =>
        runLoad({ ...job, seconds: size.loadSeconds }),
      );
      out.push({ pinned, rps: result.rps, cpuMs: cpu.floor, bytes: Buffer.byteLength(body) });
      context.log(
        `  HTTP floor${pinned ? " (pinned)" : ""}: ${result.rps.toFixed(0)}/s, ` +
          `${cpu.floor?.toFixed(3)} ms CPU/request`,
      );
    }
  } finally {
    floor.stop();
    if (databaseProcess) pinProcess(databaseProcess, ALL_CPUS);
  }
  return out;
}
