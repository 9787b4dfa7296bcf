import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const ROOT = resolve(__dirname, "../..");

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr(): string;
  kill(): void;
}

/** The real server (`server/src/main.ts`) as a child process on a free loopback port. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", "server/src/main.ts"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "development",
        PORT: String(port),
        HOST: "127.0.0.1",
        SEED_DEMO: "false",
        LOG_LEVEL: "silent",
        BCRYPT_COST: "4",
        ...env,
      },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    stderr: () => stderr,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/** The status of GET `url`, or 0 when the connection fails. */
export const statusOf = (url: string): Promise<number> =>
  fetch(url).then(
    (response) => response.status,
    () => 0,
  );

/** Polls until GET `url` answers `status`; throws after `timeoutMs`. */
export async function waitForStatus(
  server: ServerProcess,
  path: string,
  status: number,
  timeoutMs = 50_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await statusOf(`${server.url}${path}`)) !== status) {
    if (Date.now() > deadline || server.child.exitCode !== null) {
      throw new Error(`${path} did not answer ${status}: ${server.stderr()}`);
    }
    await sleep(200);
  }
}
