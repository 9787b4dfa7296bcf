import { captureRequests } from "../floor/capture";
import { ALL_CPUS, cpuPerRequest, databasePid, pinProcess } from "../floor/cpu";
import { answerOf, startHttpFloor } from "../floor/http-floor";
import { cheapestRoundTrip, type RoundTrip } from "../floor/round-trip";
import { type StackFloor, stackFloor } from "../floor/stack-floor";
import {
  type Kind,
  measureRound,
  OTHER_CPUS,
  placeServer,
  type Round,
  ROUNDS,
  rowOf,
  SERVER_CPUS,
} from "../floor/rounds";
import { runLoad } from "../load/load";
import { accountsScreenItems, historyItems, sendingItems } from "../operations";
import { type BenchContext, freshBudgets, resetSendings } from "./context";

/** Read requests captured per kind; the floor replays them round and round. */
const CAPTURED_READS = 200;

export interface FloorRow {
  name: string;
  pinned: boolean;
  full: {
    rps: number;
    serverCpuMs?: number;
    databaseCpuMs?: number;
    statements?: number;
    /** Unexpected answers (a refusal, 429 or 503, too) of the measured runs, and their requests. */
    errors: number;
    requests: number;
    firstCodes?: Record<string, number>;
  };
  /** The hand-written baseline server (bench/baseline) with the same job: what bare code reaches. */
  baseline: { rps: number; serverCpuMs?: number };
  floor: {
    rps: number;
    databaseCpuMs?: number;
    /** The replaying client's CPU per request: the driver's share of the server's, bare. */
    clientCpuMs?: number;
    statements: number;
    errors: number;
  };
  /** Full stack req/s over the database floor's: the median of the rounds'. */
  ratio: number;
  /** Each round's full ÷ floor (ROUNDS rounds, each measuring both a few seconds apart). */
  roundRatios: number[];
}

export interface FloorFigures {
  rows: FloorRow[];
  http: Array<{ pinned: boolean; rps: number; cpuMs?: number; bytes: number }>;
  /** The full stack answering `{ __typename }`, anonymous and signed in. */
  stack: StackFloor[];
  /** A bare client's prepared `SELECT 1`, as fast as MariaDB answers (round-trip.ts). */
  roundTrip: RoundTrip[];
  /** Requests that failed while being captured, and the floor's failed replays. */
  captureFailures: number;
  replayErrors: number;
  /** Requests the floor replayed, all kinds. */
  replayed: number;
  firstError?: string;
  firstCaptureFailure?: string;
}

/**
 * Scenario 10: each request kind against its floors. The database floor replays the statements
 * the real server sent (captured from the general log) with a bare prepared mysql2 pool at the
 * same concurrency; the HTTP floor is Fastify answering the same bytes; the stack floor is the
 * full stack answering `{ __typename }` (stack-floor.ts). With `--pin` everything
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
    stack: [],
    roundTrip: [],
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
      placeServer(pinned, server.pid, databaseProcess);
      try {
        const rounds: Round[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          rounds.push(
            await measureRound(context, databaseUrl, kind, captured.requests, {
              pinned,
              cpus,
              first: round === 0,
              databaseProcess,
              reset,
            }),
          );
        }
        const floorErrors = rounds.reduce((n, r) => n + r.floor.result.errors, 0);
        figures.replayErrors += floorErrors;
        figures.replayed += rounds.reduce((n, r) => n + r.floor.result.requests, 0);
        figures.firstError ??= rounds.find((r) => r.floor.result.firstError)?.floor.result
          .firstError;
        const row = rowOf(kind.name, pinned, rounds, statements, floorErrors);
        figures.rows.push(row);
        context.log(
          `  ${kind.name}${pinned ? " (pinned)" : ""}: full ${row.full.rps.toFixed(0)}/s, ` +
            `DB floor ${row.floor.rps.toFixed(0)}/s (${row.ratio.toFixed(2)}; rounds ` +
            `${row.roundRatios.map((r) => r.toFixed(2)).join(", ")}), server ` +
            `${row.full.serverCpuMs?.toFixed(2)} ms CPU/request; bare baseline ` +
            `${row.baseline.rps.toFixed(0)}/s (${(row.baseline.rps / row.floor.rps).toFixed(2)})` +
            (floorErrors ? `  FLOOR ERRORS ${floorErrors}: ${figures.firstError}` : ""),
        );
      } finally {
        placeServer(false, server.pid, databaseProcess);
        await reset();
      }
    }
  }
  figures.http = await httpFloor(context, placements, databaseProcess);
  figures.stack = await stackFloor(context, placements, databaseProcess);
  figures.roundTrip = await cheapestRoundTrip(context, databaseUrl, placements, databaseProcess);
  return figures;
}

/** Fastify answering the accounts screen's bytes, at the accounts screen's concurrency. */
async function httpFloor(
  context: BenchContext,
  placements: boolean[],
  databaseProcess: number | null,
): Promise<FloorFigures["http"]> {
  const { size } = context.options;
  const items = accountsScreenItems(context.data.users.one);
  await freshBudgets(context);
  const body = await answerOf(context.servers.full.url, items[0]);
  if (body.includes('"errors"')) throw new Error(`HTTP floor: the answer to copy failed: ${body}`);
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
