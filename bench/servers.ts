import { type ChildProcess, execFileSync, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { MAIN_SCRIPT, startNodeOptions } from "../server/test/start-command";

const ROOT = join(__dirname, "..");

/**
 * The Node the measured servers run on (the full stack, the bare baseline, the HTTP floor and
 * the floor's replaying client): BENCH_NODE, a path to a `node` binary, or this one. Production
 * runs Node 24 (Dockerfile); `.ci/run` gives its Node 24 so the bench measures that runtime.
 */
export const SERVER_NODE = process.env.BENCH_NODE || process.execPath;

/** The version of SERVER_NODE, for the report. */
export function serverNodeVersion(): string {
  if (SERVER_NODE === process.execPath) return process.version;
  return execFileSync(SERVER_NODE, ["--version"], { encoding: "utf8" }).trim();
}

export const benchSecrets = {
  jwt: randomBytes(48).toString("base64url"),
  pepper: randomBytes(48).toString("base64url"),
  integrator: randomBytes(48).toString("base64url"),
};

export interface RunningServer {
  name: "full stack" | "baseline";
  url: string;
  pid: number;
  /** Resident memory now, in MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

/**
 * The real server as `npm start` runs it (built, NODE_ENV=production, the start script's Node
 * options), behind a proxy that sets X-Forwarded-For: each simulated subscriber has its own
 * address, as on the street.
 */
export function startFullStack(
  databaseUrl: string,
  port: number,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const child = fork(join(ROOT, MAIN_SCRIPT), [], {
    cwd: ROOT,
    execPath: SERVER_NODE,
    execArgv: [
      ...startNodeOptions(),
      // BENCH_CPU_PROF=DIR: a V8 CPU profile of the full stack, written when it stops.
      ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    ],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      JWT_SECRET: benchSecrets.jwt,
      PASSWORD_PEPPER: benchSecrets.pepper,
      INTEGRATOR_JWT_SECRET: benchSecrets.integrator,
      TRUST_PROXY: "127.0.0.1",
      SEED_DEMO: "false",
      BCRYPT_COST: "12",
      LOG_LEVEL: "warn",
      DATA_DIR: join(ROOT, "data/bench"),
      ...env,
    },
  });
  return ready("full stack", child, port, "/readyz");
}

/** The bare baseline (bench/baseline/server.ts) on the same database. */
export function startBaseline(databaseUrl: string, port: number): Promise<RunningServer> {
  const child = fork(join(__dirname, "baseline/server.ts"), [], {
    cwd: ROOT,
    execPath: SERVER_NODE,
    execArgv: ["-r", "ts-node/register/transpile-only"],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      JWT_SECRET: benchSecrets.jwt,
      PASSWORD_PEPPER: benchSecrets.pepper,
    },
  });
  return ready("baseline", child, port, null);
}

async function ready(
  name: RunningServer["name"],
  child: ChildProcess,
  port: number,
  readyPath: string | null,
): Promise<RunningServer> {
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once("exit", () => (exited = true));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited during start-up`);
    if (Date.now() > deadline) throw new Error(`${name} did not start within 120 s`);
    try {
      const response = readyPath
        ? await fetch(url + readyPath)
        : await fetch(url + "/graphql", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: '{"query":"{ __typename }"}',
          });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return {
    name,
    url,
    pid: child.pid!,
    rssMb: () => rssMb(child.pid!),
    stop: async () => {
      if (exited) return;
      const done = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([done, sleep(15_000).then(() => child.kill("SIGKILL"))]);
    },
  };
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}
