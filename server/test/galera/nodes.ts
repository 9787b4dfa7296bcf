import { execFile } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { createConnection, type Connection } from "mysql2/promise";
import { ROOT } from "../server-process";
import { galeraNodes } from "../replicas/cluster";

const run = promisify(execFile);
const SCRIPT = join(ROOT, "scripts/galera.sh");

/** The cluster scripts/galera.sh started in GALERA_DIR, nodes 1..3 at GALERA_NODE_URLS. */
export function missingCluster(): string | undefined {
  if (galeraNodes().length < 3) return "set GALERA_NODE_URLS to the three nodes' mysql:// URLs";
  if (!process.env.GALERA_DIR) return "set GALERA_DIR to the folder scripts/galera.sh started";
  return undefined;
}

const dir = () => process.env.GALERA_DIR!;

/** scripts/galera.sh with this cluster's folder (`kill-node`, `start-node`, `isolate`, ...). */
export async function galera(command: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("bash", [SCRIPT, command, dir(), ...args], {
    timeout: 240_000,
    maxBuffer: 1 << 20,
  });
  return stdout;
}

/** Starts the cluster again after every node stopped (bootstraps from the most advanced). */
export async function restartCluster(): Promise<void> {
  const port = galeraNodes()[0].port;
  await galera("start", port);
}

/** A connection straight to node `n` (1-based), in `database`, reading what the cluster committed. */
export async function nodeConnection(n: number, database?: string): Promise<Connection> {
  const url = galeraNodes()[n - 1];
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  return connection;
}

/** One wsrep status value of node `n`. */
export async function wsrepStatus(n: number, name: string): Promise<string> {
  const connection = await nodeConnection(n);
  try {
    const [rows] = await connection.query("SHOW STATUS LIKE ?", [name]);
    return (rows as Array<{ Value: string }>)[0]?.Value ?? "";
  } finally {
    await connection.end();
  }
}

/** Certification failures and brute-force aborts, summed over the nodes that answer. */
export async function conflictAborts(): Promise<number> {
  let total = 0;
  for (let n = 1; n <= 3; n++) {
    for (const name of ["wsrep_local_cert_failures", "wsrep_local_bf_aborts"]) {
      total += Number(await wsrepStatus(n, name).catch(() => "0"));
    }
  }
  return total;
}

/** Waits until every node is in the primary component, synced, with all commits applied. */
export async function waitConverged(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(
      [1, 2, 3].map(async (n) => ({
        status: await wsrepStatus(n, "wsrep_cluster_status").catch(() => "down"),
        state: await wsrepStatus(n, "wsrep_local_state_comment").catch(() => "down"),
        size: await wsrepStatus(n, "wsrep_cluster_size").catch(() => "0"),
        committed: await wsrepStatus(n, "wsrep_last_committed").catch(() => "-1"),
      })),
    );
    const converged =
      states.every((s) => s.status === "Primary" && s.state === "Synced" && s.size === "3") &&
      new Set(states.map((s) => s.committed)).size === 1;
    if (converged) return;
    if (Date.now() > deadline) throw new Error(`cluster not converged: ${JSON.stringify(states)}`);
    await sleep(250);
  }
}
