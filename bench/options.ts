import { parseArgs } from "node:util";

export interface BenchSize {
  /** Readings in the database at each growth stage (scenario 4). */
  stages: number[];
  /** Generated registry accounts (24 months of readings each). */
  baseAccounts: number;
  /** Readings of each of the two deep-history meters. */
  deepReadings: number;
  usersPerGroup: number;
  usersWithFifty: number;
  /** Seconds of each load run, and its connections. */
  loadSeconds: number;
  /** Requests of the same load before each measured run. */
  warmUpRequests: number;
  connections: number;
  /** Concurrent sendings (scenario 2). */
  sendingConnections: number;
  mixedSeconds: number;
  loginSeconds: number;
  /** Scenario 9's own, smaller data on the Galera cluster: accounts, and users a group. */
  galeraAccounts: number;
  galeraUsers: number;
  /** Scenario 11: sendings in the feed an integrator drains. */
  feedReadings: number;
}

export interface BenchOptions {
  quick: boolean;
  db: "mysql" | "sqlite";
  size: BenchSize;
  /** Scenario numbers to run (default: all). */
  only: Set<number>;
  build: boolean;
  /** Scenario 10 also measured with the server alone on core 0, the rest on core 1. */
  pin: boolean;
  /** Scenario 9's cluster: SQL on this port and the next two (galera.sh adds +10, +20, +30). */
  galeraPort: number;
}

const ALL_SCENARIOS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

/**
 * `bench/results/<date>[-only-1-3][-quick][-sqlite]`: a run of some scenarios (`--only`) has a
 * name of its own, so that it never overwrites the day's whole run.
 */
export function resultsName(date: string, options: BenchOptions): string {
  const some = ALL_SCENARIOS.some((n) => !options.only.has(n));
  const scenarios = [...options.only].sort((a, b) => a - b).join("-");
  return (
    date +
    (some ? `-only-${scenarios}` : "") +
    (options.quick ? "-quick" : "") +
    (options.db === "sqlite" ? "-sqlite" : "")
  );
}

const FULL: BenchSize = {
  stages: [10_000, 1_000_000, 10_000_000],
  baseAccounts: 300,
  deepReadings: 1_000,
  usersPerGroup: 4_000,
  usersWithFifty: 1_000,
  loadSeconds: 10,
  warmUpRequests: 200,
  connections: 20,
  sendingConnections: 50,
  mixedSeconds: 60,
  loginSeconds: 10,
  galeraAccounts: 150,
  galeraUsers: 1_000,
  feedReadings: 600_000,
};

const QUICK: BenchSize = {
  ...FULL,
  stages: [10_000, 100_000],
  usersPerGroup: 1_000,
  usersWithFifty: 200,
  loadSeconds: 2,
  mixedSeconds: 5,
  loginSeconds: 3,
  galeraAccounts: 100,
  galeraUsers: 300,
  feedReadings: 20_000,
};

export function benchOptions(argv = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      db: { type: "string", default: "mysql" },
      only: { type: "string" },
      "no-build": { type: "boolean", default: false },
      pin: { type: "boolean", default: false },
      "galera-port": { type: "string", default: process.env.BENCH_GALERA_PORT ?? "3460" },
    },
  });
  if (values.db !== "mysql" && values.db !== "sqlite") {
    throw new Error("--db must be mysql (DATABASE_URL=mysql://…) or sqlite.");
  }
  const galeraPort = Number(values["galera-port"]);
  if (!Number.isInteger(galeraPort) || galeraPort < 1024 || galeraPort > 65_000) {
    throw new Error("--galera-port (BENCH_GALERA_PORT) must be a port number, e.g. 3460.");
  }
  const only = new Set(
    values.only ? values.only.split(",").map((n) => Number(n.trim())) : ALL_SCENARIOS,
  );
  return {
    quick: values.quick!,
    db: values.db,
    size: values.quick ? QUICK : FULL,
    only,
    build: !values["no-build"],
    pin: values.pin!,
    galeraPort,
  };
}
