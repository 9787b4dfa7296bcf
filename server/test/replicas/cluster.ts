import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createConnection, type Connection } from "mysql2/promise";
import { freePort, ROOT } from "../server-process";
import { MAIN_SCRIPT, startNodeOptions } from "../start-command";

/**
 * Several replicas of the built server (`dist/server/src/main.js`) on one MariaDB/MySQL database,
 * behind HAProxy from the system packages, all on 127.0.0.1. Everything started here is a child
 * process of the test and is stopped by `Cluster.stop()`.
 */

export const MAIN_JS = join(ROOT, MAIN_SCRIPT);
export const HAPROXY = process.env.HAPROXY_BIN ?? "/usr/sbin/haproxy";

/** The MariaDB/MySQL server the suite runs on (a mysql URL), from MARIADB_URL or DATABASE_URL. */
export function serverUrl(): string | undefined {
  const url = process.env.MARIADB_URL ?? process.env.DATABASE_URL;
  return url?.startsWith("mysql://") ? url : undefined;
}

/** Why the suite cannot run here, or undefined when it can. */
export function missingPrerequisite(): string | undefined {
  if (!serverUrl()) return "set MARIADB_URL (or DATABASE_URL) to a mysql:// URL";
  if (!existsSync(MAIN_JS)) return `build the server first (npm run build:server): ${MAIN_JS}`;
  if (!existsSync(HAPROXY)) return `HAProxy is not installed (${HAPROXY})`;
  return undefined;
}

/**
 * The nodes of a Galera cluster (GALERA_NODE_URLS, comma-separated mysql URLs; scripts/galera.sh
 * prints them), or none: replica i then connects to node i (mod the count), so writes land on
 * every node. Without it every replica uses the suite's one server.
 */
export function galeraNodes(): URL[] {
  return (process.env.GALERA_NODE_URLS ?? "")
    .split(",")
    .filter((url) => url.startsWith("mysql://"))
    .map((url) => new URL(url));
}

/** The scratch database's URL on the replica's own node (see galeraNodes); `spread` nodes used. */
export function databaseUrlFor(
  database: ScratchDatabase,
  replica: number,
  spread?: number,
): string {
  const nodes = galeraNodes().slice(0, spread);
  if (nodes.length === 0) return database.url;
  const url = new URL(database.url);
  url.host = nodes[replica % nodes.length].host;
  return url.toString();
}

/** Ports: REPLICAS_PORT_BASE, REPLICAS_PORT_BASE+1, ... when set (a known range), else free ones. */
let nextPort = Number(process.env.REPLICAS_PORT_BASE ?? 0);
async function allocatePort(): Promise<number> {
  if (nextPort > 0) return nextPort++;
  return freePort();
}

/** A database of its own on the suite's server; `drop()` removes it. */
export interface ScratchDatabase {
  name: string;
  url: string;
  admin: Connection;
  drop(): Promise<void>;
}

let databases = 0;
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const base = new URL(serverUrl()!);
  const name = `gas_replicas_${process.pid}_${databases++}`;
  const admin = await createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
    timezone: "Z",
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  // On a cluster, the suite's checks read what replicas on other nodes wrote (galera.ts).
  if (galeraNodes().length > 0) await admin.query("SET SESSION wsrep_sync_wait = 1");
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.query(`USE \`${name}\``);
  base.pathname = `/${name}`;
  return {
    name,
    url: base.toString(),
    admin,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => undefined);
      await admin.end().catch(() => admin.destroy());
    },
  };
}

/** Secrets every replica shares: tokens signed by one are checked by the others. */
export const SHARED_SECRETS = {
  JWT_SECRET: "replicas-test-jwt-secret-0123456789abcdefghijklmnop",
  INTEGRATOR_JWT_SECRET: "replicas-test-integrator-secret-0123456789abcdefgh",
  PASSWORD_PEPPER: "replicas-test-pepper-0123456789abcdefghijklmnopqrs",
};

/** `promise`'s value, or "timeout" after `ms` (the timer does not outlive the answer). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((done) => (timer = setTimeout(() => done("timeout"), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class Replica {
  child?: ChildProcess;
  exited?: Promise<number | null>;
  output = "";
  /** Exit codes of every process this replica ran, in order. */
  readonly exits: Array<number | null> = [];

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    const child = spawn(process.execPath, [...startNodeOptions(), MAIN_JS], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.child = child;
    this.exited = new Promise((done) =>
      child.on("exit", (code, signal) => {
        const result = code ?? (signal ? -1 : null);
        this.exits.push(result);
        done(result);
      }),
    );
  }

  /** Polls this replica's own `/readyz` until it answers 200. */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited: ${this.output}`);
      const status = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`${this.name} not ready: ${this.output}`);
      await sleep(200);
    }
  }

  /** SIGTERM (drain, then close) and wait for the exit; its code. */
  async terminate(timeoutMs = 30_000): Promise<number | null> {
    if (!this.running) return this.exits.at(-1) ?? null;
    this.child!.kill("SIGTERM");
    const code = await within(this.exited!, timeoutMs);
    if (code === "timeout") {
      this.child!.kill("SIGKILL");
      throw new Error(`${this.name} did not exit within ${timeoutMs} ms of SIGTERM`);
    }
    return code;
  }

  async kill9(): Promise<void> {
    if (!this.running) return;
    this.child!.kill("SIGKILL");
    await this.exited;
  }
}

export interface ClusterOptions {
  replicas?: number;
  /** Passed to every replica. */
  env?: Record<string, string>;
  /** Start the replicas now (default) or leave it to the test. */
  start?: boolean;
  /** On a Galera cluster: over how many of its nodes the replicas spread (default all). */
  nodes?: number;
}

export class Cluster {
  readonly replicas: Replica[] = [];
  haproxy?: ChildProcess;
  haproxyOutput = "";
  frontPort = 0;
  statsPort = 0;
  private dir = "";

  private constructor(readonly database: ScratchDatabase) {}

  static async create(database: ScratchDatabase, options: ClusterOptions = {}): Promise<Cluster> {
    const cluster = new Cluster(database);
    cluster.dir = mkdtempSync(join(tmpdir(), "gas-replicas-"));
    for (let i = 0; i < (options.replicas ?? 2); i++) {
      const name = `app${i + 1}`;
      cluster.replicas.push(
        new Replica(name, await allocatePort(), {
          NODE_ENV: "development",
          HOST: "127.0.0.1",
          DATABASE_URL: databaseUrlFor(database, i, options.nodes),
          DATA_DIR: join(cluster.dir, name),
          SEED_DEMO: "false",
          LOG_LEVEL: "warn",
          BCRYPT_COST: "4",
          // HAProxy (127.0.0.1) reports the client's address in X-Forwarded-For.
          TRUST_PROXY: "127.0.0.1",
          SHUTDOWN_DRAIN_MS: "1500",
          GRAPHQL_INTROSPECTION: "false",
          ...SHARED_SECRETS,
          ...options.env,
        }),
      );
    }
    cluster.frontPort = await allocatePort();
    cluster.statsPort = await allocatePort();
    if (options.start ?? true) {
      for (const replica of cluster.replicas) replica.start();
      await Promise.all(cluster.replicas.map((r) => r.waitReady()));
    }
    await cluster.startHaproxy();
    if (options.start ?? true) await cluster.waitUpInHaproxy(cluster.replicas.length);
    return cluster;
  }

  get url(): string {
    return `http://127.0.0.1:${this.frontPort}`;
  }

  get graphql(): string {
    return `${this.url}/graphql`;
  }

  /**
   * The load balancer: round robin over the replicas, health checks on `/readyz` every 250 ms
   * (down after 2 failures, up after 2 successes); a request whose connection fails, whose
   * server closes without answering, or that gets a 503 is retried up to 3 times on another
   * replica. That is safe here because a 503 means "not stored" (or OUTCOME_UNKNOWN, settled by
   * the same idempotency key) and every sending carries its key.
   */
  haproxyConfig(): string {
    const servers = this.replicas
      .map(
        (r) =>
          `  server ${r.name} 127.0.0.1:${r.port} check inter 250ms fastinter 250ms downinter 250ms fall 2 rise 2`,
      )
      .join("\n");
    return `global
  maxconn 2000
  log stderr format raw local0 warning

defaults
  mode http
  log global
  option httplog
  timeout connect 2s
  timeout client 30s
  timeout server 15s
  timeout http-request 10s
  timeout queue 10s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response 503

frontend gas
  bind 127.0.0.1:${this.frontPort}
  option forwardfor
  default_backend replicas

backend replicas
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  # Which replica answered, for the tests' counts.
  http-response set-header X-Replica %[srv_name]
  # The app's own 503 carries Retry-After; HAProxy's when no replica is up says the same.
  errorfile 503 ${join(this.dir, "503.http")}
${servers}

listen stats
  bind 127.0.0.1:${this.statsPort}
  stats enable
  stats uri /stats
`;
  }

  async startHaproxy(): Promise<void> {
    writeFileSync(
      join(this.dir, "503.http"),
      "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\n" +
        "cache-control: no-store\r\nconnection: close\r\n\r\n" +
        '{"errors":[{"message":"No replica is available.","extensions":{"code":"SERVICE_UNAVAILABLE"}}]}\n',
    );
    const config = join(this.dir, "haproxy.cfg");
    writeFileSync(config, this.haproxyConfig());
    // -db: foreground, no daemon; the test owns the process.
    const child = spawn(HAPROXY, ["-db", "-f", config], { stdio: ["ignore", "pipe", "pipe"] });
    const keep = (chunk: Buffer) => {
      this.haproxyOutput = (this.haproxyOutput + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.haproxy = child;
    const deadline = Date.now() + 10_000;
    while ((await this.serverStates().catch(() => null)) === null) {
      if (child.exitCode !== null) throw new Error(`haproxy exited: ${this.haproxyOutput}`);
      if (Date.now() > deadline) throw new Error(`haproxy did not start: ${this.haproxyOutput}`);
      await sleep(100);
    }
  }

  /** HAProxy's retries and redispatches so far, summed over the replicas (stats CSV). */
  async retries(): Promise<{ retries: number; redispatches: number }> {
    const response = await fetch(`http://127.0.0.1:${this.statsPort}/stats;csv`, {
      signal: AbortSignal.timeout(2000),
    });
    const lines = (await response.text()).split("\n");
    const header = lines[0].replace(/^# /, "").split(",");
    const [px, sv, wretr, wredis] = ["pxname", "svname", "wretr", "wredis"].map((c) =>
      header.indexOf(c),
    );
    const row = lines
      .map((l) => l.split(","))
      .find((c) => c[px] === "replicas" && c[sv] === "BACKEND");
    return { retries: Number(row?.[wretr] ?? 0), redispatches: Number(row?.[wredis] ?? 0) };
  }

  /** HAProxy's view of each replica (`UP`, `DOWN`, `UP 1/2`, ...), from its stats CSV. */
  async serverStates(): Promise<Record<string, string>> {
    const response = await fetch(`http://127.0.0.1:${this.statsPort}/stats;csv`, {
      signal: AbortSignal.timeout(2000),
    });
    const lines = (await response.text()).split("\n");
    const header = lines[0].replace(/^# /, "").split(",");
    const [px, sv, status] = ["pxname", "svname", "status"].map((c) => header.indexOf(c));
    const states: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const cells = line.split(",");
      if (cells[px] === "replicas" && cells[sv] !== "BACKEND" && cells[sv] !== "FRONTEND") {
        states[cells[sv]] = cells[status];
      }
    }
    return states;
  }

  /** Waits until HAProxy counts `count` replicas UP (or exactly those in `names`). */
  async waitUpInHaproxy(count: number, names?: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await this.serverStates();
      const up = Object.entries(states)
        .filter(([, state]) => state === "UP")
        .map(([name]) => name);
      if (up.length === count && (!names || names.every((n) => up.includes(n)))) return;
      if (Date.now() > deadline) {
        throw new Error(`HAProxy sees ${JSON.stringify(states)}, wanted ${count} UP`);
      }
      await sleep(100);
    }
  }

  /** Waits until HAProxy has taken `name` out of rotation. */
  async waitDownInHaproxy(name: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.serverStates())[name]?.startsWith("DOWN")) {
      if (Date.now() > deadline) throw new Error(`HAProxy still routes to ${name}`);
      await sleep(50);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.replicas.map(async (r) => {
        if (!r.running) return;
        r.child!.kill("SIGKILL");
        await r.exited;
      }),
    );
    if (this.haproxy && this.haproxy.exitCode === null && this.haproxy.signalCode === null) {
      const exited = new Promise((done) => this.haproxy!.once("exit", done));
      this.haproxy.kill("SIGTERM");
      await within(exited, 5000);
      if (this.haproxy.exitCode === null && this.haproxy.signalCode === null) {
        this.haproxy.kill("SIGKILL");
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
