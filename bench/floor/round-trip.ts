import type { BenchContext } from "../scenarios/context";
import { replay } from "./replay";
import { OTHER_CPUS, placeServer } from "./rounds";

/** A bare client's cheapest round trip to the database, as fast as it answers. */
export interface RoundTrip {
  pinned: boolean;
  rps: number;
  /** The client's CPU ms per round trip (every thread, user + system). */
  cpuMs?: number;
}

const TRIVIAL = [{ sql: "SELECT 1", params: [] }];

/**
 * The floor's replaying client sending a prepared `SELECT 1` on the read kinds' connections,
 * round and round: the least a statement costs the driver and the kernel on this machine, with
 * MariaDB doing next to nothing and the client kept busy (several answers per wake-up). A
 * request's statements times this is about the least any server can spend on them here.
 */
export async function cheapestRoundTrip(
  context: BenchContext,
  databaseUrl: string,
  placements: boolean[],
  databaseProcess: number | null,
): Promise<RoundTrip[]> {
  const { size } = context.options;
  const out: RoundTrip[] = [];
  for (const pinned of placements) {
    placeServer(pinned, context.servers.full.pid, databaseProcess);
    try {
      const cpus = pinned ? OTHER_CPUS : undefined;
      const job = { databaseUrl, requests: [TRIVIAL], connections: size.connections, cpus };
      await replay({ ...job, seconds: 1 });
      const result = await replay({ ...job, seconds: size.loadSeconds });
      if (result.errors) throw new Error(`cheapest round trip: ${result.firstError}`);
      out.push({ pinned, rps: result.rps, cpuMs: result.cpuMs });
      context.log(
        `  cheapest round trip${pinned ? " (pinned)" : ""}: ${result.rps.toFixed(0)}/s, ` +
          `${result.cpuMs?.toFixed(3)} ms client CPU each`,
      );
    } finally {
      placeServer(false, context.servers.full.pid, databaseProcess);
    }
  }
  return out;
}
