import { setTimeout as sleep } from "node:timers/promises";
import type { DataSource } from "typeorm";
import { parseDatabaseUrl } from "../../server/src/config";
import { openDatabase } from "../../server/src/db/open-database";
import { type BenchData, importBaseRegistry, seedUsers } from "../data";
import { type LoadItem, runLoad } from "../load/load";
import { accountsScreenItems, sendingItems } from "../operations";
import type { BenchOptions } from "../options";
import { benchSecrets, type RunningServer, startFullStack } from "../servers";
import { freePort } from "./app-server";
import { type Figures, resetSendings, toFigures } from "./context";
import { clusterDatabase, conflictAborts, galeraMissing, startGalera } from "./galera-cluster";
import { sendingsPerMeter } from "./sending";

/**
 * Scenario 9: the same three app processes (built, NODE_ENV=production) on a three-node MariaDB
 * Galera cluster, first all on node 1, then each on its own node: the accounts screen (reads,
 * spread over the nodes) and sending (writes on every node), with Galera's conflict aborts.
 * There is no hand-written baseline here: the ratio is three nodes over one.
 */

const PROCESSES = 3;
/** A 503 (SERVICE_UNAVAILABLE, OUTCOME_UNKNOWN) or 429 asks the client to send it again. */
const RETRYABLE = ["HTTP_503", "HTTP_429"];
const RESEND_ATTEMPTS = 5;

export interface GaleraRun {
  /** The nodes the app processes use: 1 (all on node 1) or 3 (each on its own). */
  nodes: number;
  screen: Figures;
  /** Galera aborts (all nodes, delta) per accounts screen. */
  abortsPerScreen: number;
  sending: Figures;
  sendings: number;
  /** Galera aborts (all nodes, delta) per sending: the conflict-abort rate. */
  abortsPerSending: number;
  /** Sendings answered with a retryable refusal in the run, sent again after it. */
  refused: number;
  /** Sendings still refused after RESEND_ATTEMPTS, or refused for good: wrong answers. */
  resendFailures: string[];
  /** Every meter holds exactly two sendings (the first and its correction). */
  limitHeld: boolean;
}

export type GaleraFigures =
  | { skipped: string }
  | {
      processes: number;
      users: number;
      meters: number;
      clusterStartSeconds: number;
      seconds: number;
      runs: GaleraRun[];
    };

interface Setup {
  options: BenchOptions;
  data: BenchData;
  dataSource: DataSource;
  /** The cluster's nodes, for the wsrep counters (whichever nodes the app uses). */
  nodeUrls: string[];
  log: (line: string) => void;
}

/** Connections a multiple of the processes, so that each gets the same share. */
const spread = (connections: number) => Math.ceil(connections / PROCESSES) * PROCESSES;

export async function galeraCluster(
  options: BenchOptions,
  log: (line: string) => void,
): Promise<GaleraFigures> {
  const missing = galeraMissing(options.db);
  if (missing) {
    log(`Scenario 9 (Galera cluster) skipped: ${missing}`);
    return { skipped: missing };
  }
  log("Scenario 9: Galera cluster, 3 app processes on 1 node vs each on its own node");
  const started = Date.now();
  const cluster = await startGalera(options.galeraPort, log);
  try {
    log(`  cluster Synced in ${cluster.startSeconds.toFixed(0)} s`);
    const nodeUrls = await clusterDatabase(cluster.nodeUrls, "gas_bench");
    const size = {
      ...options.size,
      baseAccounts: options.size.galeraAccounts,
      deepReadings: 10,
      usersPerGroup: options.size.galeraUsers,
      usersWithFifty: 10,
    };
    // The benchmark's own connection, to node 1; it waits for the cluster's commits before it
    // reads (wsrep_sync_wait, set up by openDatabase on a Galera node).
    const dataSource = await openDatabase(parseDatabaseUrl(nodeUrls[0]), undefined, {
      statementTimeoutSeconds: 0,
    });
    try {
      log(`  importing ${size.baseAccounts} accounts and seeding users on the cluster …`);
      await importBaseRegistry(dataSource, size);
      const data = await seedUsers(dataSource, size, benchSecrets.pepper);
      const setup: Setup = { options, data, dataSource, nodeUrls, log };
      const runs = [
        await measureOn(setup, Array<string>(PROCESSES).fill(nodeUrls[0]), 1),
        await measureOn(setup, nodeUrls, 3),
      ];
      return {
        processes: PROCESSES,
        users: data.users.three.length,
        meters: data.sendingMeters.length,
        clusterStartSeconds: cluster.startSeconds,
        seconds: (Date.now() - started) / 1000,
        runs,
      };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await cluster.stop();
    log(`  scenario 9 took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

/** The three processes, process i on `urls[i]`; both loads; the processes stopped after. */
async function measureOn(setup: Setup, urls: string[], nodes: number): Promise<GaleraRun> {
  const { options, data, log } = setup;
  const starting = await Promise.allSettled(
    urls.map(async (url) => startFullStack(url, await freePort())),
  );
  const servers = starting.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  try {
    const failed = starting.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    // One autocannon process spreads its connections over the three app processes (connection
    // i to process i mod 3), as a round-robin balancer would: a single generator gives exact
    // percentiles over every request (three would only give three sets of percentiles), and
    // no HAProxy process takes a share of the two cores. The 1-node run is loaded the same way.
    const targets = servers.map((s) => s.url);
    const screen = accountsScreenItems(data.users.three);
    const connections = spread(options.size.connections);
    await runLoad({ url: targets, connections, amount: 200, items: screen });
    let aborts = await conflictAborts(setup.nodeUrls);
    const reads = await runLoad({
      url: targets,
      connections,
      seconds: options.size.loadSeconds,
      items: screen,
    });
    const readAborts = (await conflictAborts(setup.nodeUrls)) - aborts;

    await resetSendings(setup.dataSource);
    const meters = data.sendingMeters;
    const items = sendingItems(meters, data.users.one, 2, RETRYABLE);
    aborts = await conflictAborts(setup.nodeUrls);
    const sends = await runLoad({
      url: targets,
      connections: spread(options.size.sendingConnections),
      amount: items.length,
      items,
    });
    const sendAborts = (await conflictAborts(setup.nodeUrls)) - aborts;
    const resendFailures = await sendAgain(servers, items, sends.refused);
    const used = await sendingsPerMeter(
      setup.dataSource,
      meters.map((m) => m.meterId),
    );
    const run: GaleraRun = {
      nodes,
      screen: toFigures(reads),
      abortsPerScreen: readAborts / Math.max(reads.requests, 1),
      sending: toFigures(sends),
      sendings: items.length,
      abortsPerSending: sendAborts / items.length,
      refused: sends.refused.length,
      resendFailures,
      limitHeld: used.every((n) => n === 2),
    };
    log(
      `  ${nodes === 1 ? "all on node 1" : "each on its own node"}: accounts screen ` +
        `${reads.rps.toFixed(0)}/s p99 ${reads.p99.toFixed(1)} ms; sending ${sends.rps.toFixed(0)}/s ` +
        `p99 ${sends.p99.toFixed(1)} ms, ${sendAborts} conflict aborts in ${items.length} sendings, ` +
        `${run.refused} refused and sent again; limit ${run.limitHeld ? "held" : "BROKEN"}` +
        (reads.errors || sends.errors
          ? `  ERRORS screen ${JSON.stringify(reads.codes)} sending ${JSON.stringify(sends.codes)}`
          : ""),
    );
    if (resendFailures.length) log(`  sent again, still refused: ${resendFailures.join("; ")}`);
    return run;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/**
 * What a client does with a retryable refusal: the same request (same idempotency key) again,
 * after a pause, up to RESEND_ATTEMPTS times. Outside the timed run. Returns what failed.
 */
async function sendAgain(
  servers: RunningServer[],
  items: LoadItem[],
  refused: number[],
): Promise<string[]> {
  const failures: string[] = [];
  for (const [k, index] of refused.entries()) {
    const item = items[index];
    let answer = "not sent";
    for (let attempt = 1; attempt <= RESEND_ATTEMPTS; attempt++) {
      await sleep(attempt === 1 ? 100 : 1000);
      const response = await fetch(`${servers[(k + attempt) % servers.length].url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...item.headers },
        body: item.body,
      });
      const body = (await response.json()) as {
        errors?: Array<{ extensions?: { code?: string } }>;
      };
      answer = body.errors
        ? `HTTP ${response.status} ${body.errors[0]?.extensions?.code ?? "ERROR"}`
        : "OK";
      if (answer === "OK") break;
      if (response.status !== 503 && response.status !== 429) break;
    }
    if (answer !== "OK") failures.push(`item ${index}: ${answer}`);
  }
  return failures;
}
