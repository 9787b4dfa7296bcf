import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { MAIN_SCRIPT, startNodeOptions } from "../server/test/start-command";

/*
 * The app as a subscriber meets it: the built server (which serves client/dist) on a fresh
 * SQLite database with the demo registry, on a free port, driven by Debian's Chromium.
 * `npm run e2e` builds first; the config is read again by each worker, so the port and the
 * folder are chosen once and handed down through the environment.
 */
function freePort(): string {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return execFileSync(process.execPath, ["-e", script]).toString().trim();
}

process.env.E2E_PORT ??= freePort();
process.env.E2E_DIR ??= mkdtempSync(join(tmpdir(), "gas-e2e-"));
const port = process.env.E2E_PORT;
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: ".",
  outputDir: "../test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    viewport: { width: 360, height: 740 },
    locale: "ru-RU",
    timezoneId: "Asia/Almaty",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: ["node", ...startNodeOptions(), MAIN_SCRIPT].join(" "),
    cwd: "..",
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: port,
      HOST: "127.0.0.1",
      DATABASE_URL: `sqlite:${join(process.env.E2E_DIR, "gas.sqlite")}`,
      SEED_DEMO: "true",
      LOG_LEVEL: "warn",
      BCRYPT_COST: "4",
      // As behind the production proxy: each spec file is a client address of its own
      // (`clientAddress` in support.ts), so the per-address limits of one do not spill over.
      TRUST_PROXY: "127.0.0.1",
    },
  },
});
