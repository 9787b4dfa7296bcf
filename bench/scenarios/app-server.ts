import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ROOT = resolve(__dirname, "..", "..");
const SERVER_MAIN = join(ROOT, "dist", "server", "src", "main.js");

export interface AppServer {
  url: string;
  stop: () => Promise<void>;
}

const pick = (env: NodeJS.ProcessEnv, names: string[]) =>
  Object.fromEntries(
    names.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]),
  );

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * The built server as it runs for users: NODE_ENV=production (its own secrets, the `__Host-`
 * Secure session cookie, which Chromium keeps on http://127.0.0.1 as a secure context), a fresh
 * SQLite database with the demo registry, a free port.
 */
export async function startServer(dir: string, log: (line: string) => void): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const secret = () => randomBytes(48).toString("base64url");
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    // Only what the server needs: a setting in the bench's own environment (a MySQL
    // DATABASE_URL, SMTP_URL, TRUST_PROXY…) must not leak into this server.
    env: {
      ...pick(process.env, ["PATH", "HOME", "TMPDIR", "TZ", "LANG"]),
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `sqlite:${join(dir, "gas.sqlite")}`,
      SEED_DEMO: "true",
      JWT_SECRET: secret(),
      PASSWORD_PEPPER: secret(),
      INTEGRATOR_JWT_SECRET: secret(),
      PUBLIC_URL: url,
      LOG_LEVEL: "warn",
      SHUTDOWN_DRAIN_MS: "0",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited = false;
  const exit = new Promise<void>((done) =>
    child.once("exit", () => {
      exited = true;
      done();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const killed = await Promise.race([exit.then(() => true), sleep(15_000).then(() => false)]);
    if (!killed) {
      child.kill("SIGKILL");
      await exit;
    }
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`the server exited before it was ready:\n${stderr}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready within 60 s:\n${stderr}`);
    }
    await sleep(200);
  }
  log(`server ready on ${url} (NODE_ENV=production, SQLite in ${dir})`);
  return { url, stop };
}
