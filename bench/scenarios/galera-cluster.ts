import { execFileSync, spawn } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { type Connection, createConnection } from "mysql2/promise";

/** Scenario 9's own three-node cluster, started and stopped with scripts/galera.sh. */

const ROOT = join(__dirname, "..", "..");
const SCRIPT = join(ROOT, "scripts/galera.sh");
const PROVIDER = "/usr/lib/galera/libgalera_smm.so";
// galera.sh adds these to PATH too (mariabackup and mariadbd live in /usr/sbin on some systems).
const SEARCH_PATH = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/usr/local/sbin"];

const onPath = (tool: string) =>
  SEARCH_PATH.some((dir) => {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** Why scenario 9 cannot run here, or undefined when it can. */
export function galeraMissing(db: "mysql" | "sqlite"): string | undefined {
  if (db !== "mysql") return "--db sqlite: the cluster is MariaDB Galera (run with --db mysql)";
  if (!existsSync(PROVIDER)) {
    return `Galera is not installed (${PROVIDER}; apt-get install galera-4 mariadb-backup socat)`;
  }
  // A fresh node joins by a full state transfer: mariabackup, streamed through socat.
  for (const tool of ["mariabackup", "socat", "mariadbd"]) {
    if (!onPath(tool)) return `${tool} is not installed (galera.sh needs it to start a cluster)`;
  }
  return undefined;
}

/** True when something accepts connections on 127.0.0.1:`port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}

export interface GaleraCluster {
  /** Node n's `mysql://` URL (its `gas` database), n = 1..3 at index n − 1. */
  nodeUrls: string[];
  startSeconds: number;
  /** Stops every node (also after a failed start) and removes the cluster's folder. */
  stop(): Promise<void>;
}

function galeraSh(args: string[], log: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [SCRIPT, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) log(`    ${line}`);
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`galera.sh ${args[0]} exited with ${code}`)),
    );
  });
}

/**
 * A new cluster in a folder of its own under the system's temporary directory, SQL on `port`,
 * `port`+1 and `port`+2 (Galera's own ports +10, +20, +30 from there). Refuses to start when
 * any of them is taken (another cluster, the test suite's on 3400…). Ctrl-C or a TERM during
 * the run stops the nodes as well: they are daemons that would outlive the benchmark.
 */
export async function startGalera(
  port: number,
  log: (line: string) => void,
): Promise<GaleraCluster> {
  const ports = [0, 1, 2].flatMap((n) => [0, 10, 20, 30].map((offset) => port + offset + n));
  for (const candidate of ports) {
    if (await listening(candidate)) {
      throw new Error(
        `scenario 9: port ${candidate} is in use; choose another base with --galera-port ` +
          `(BENCH_GALERA_PORT); the cluster takes ${port}–${port + 2} and +10, +20, +30 from there`,
      );
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "gas-bench-galera-"));
  const onSignal = (signal: NodeJS.Signals) => {
    log(`\n${signal}: stopping the Galera cluster in ${dir} …`);
    try {
      execFileSync("bash", [SCRIPT, "stop", dir], { stdio: "ignore", timeout: 200_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      process.exit(signal === "SIGINT" ? 130 : 143);
    }
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      log("  stopping the Galera cluster …");
      await galeraSh(["stop", dir], log).catch((error: unknown) => log(`  ${String(error)}`));
      rmSync(dir, { recursive: true, force: true });
    })());
  const started = Date.now();
  log(`  starting a three-node Galera cluster in ${dir} (SQL on ${port}–${port + 2}) …`);
  try {
    const printed = await galeraSh(["start", dir, String(port)], log);
    const nodeUrls = [1, 2, 3].map((n) => {
      const url = new RegExp(`^DATABASE_URL_${n}=(\\S+)$`, "m").exec(printed)?.[1];
      if (!url) throw new Error(`galera.sh start printed no DATABASE_URL_${n}`);
      return url;
    });
    return { nodeUrls, startSeconds: (Date.now() - started) / 1000, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function onNode<T>(url: string, work: (c: Connection) => Promise<T>): Promise<T> {
  const node = new URL(url);
  const connection = await createConnection({
    host: node.hostname,
    port: Number(node.port),
    user: decodeURIComponent(node.username),
    password: decodeURIComponent(node.password),
  });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

/**
 * Transactions aborted by Galera so far, summed over the nodes: certification failures (a write
 * set that lost to another node's) and brute-force aborts (a local transaction killed for a
 * replicated one), as server/test/galera/nodes.ts counts them.
 */
export async function conflictAborts(nodeUrls: string[]): Promise<number> {
  let total = 0;
  for (const url of nodeUrls) {
    const rows = await onNode(url, async (c) => {
      const [answer] = await c.query(
        "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')",
      );
      return answer as Array<{ Value: string }>;
    });
    for (const row of rows) total += Number(row.Value);
  }
  return total;
}

/** A fresh database `name` on the cluster; each node's URL to it. */
export async function clusterDatabase(nodeUrls: string[], name: string): Promise<string[]> {
  await onNode(nodeUrls[0], async (c) => {
    await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  });
  return nodeUrls.map((url) => {
    const node = new URL(url);
    node.pathname = `/${name}`;
    return node.toString();
  });
}
