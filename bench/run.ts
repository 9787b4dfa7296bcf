import "reflect-metadata";
import { execSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { createConnection } from "mysql2/promise";
import { parseDatabaseUrl } from "../server/src/config";
import { openDatabase } from "../server/src/db/open-database";
import { growReadings, importBaseRegistry, seedUsers } from "./data";
import { benchOptions, type BenchOptions, resultsName } from "./options";
import { type BenchResults, correctnessFailures, markdown } from "./report";
import { measureApp } from "./scenarios/app";
import { type BenchContext, freshBudgets } from "./scenarios/context";
import { feedDrain } from "./scenarios/feed-drain";
import { explainStatements } from "./scenarios/explain";
import { floors } from "./scenarios/floor";
import { galeraCluster } from "./scenarios/galera";
import { measureImport } from "./scenarios/import";
import { login } from "./scenarios/login";
import { mixedLoad } from "./scenarios/mixed";
import { accountsScreen, deepCursor, history } from "./scenarios/reads";
import { sending } from "./scenarios/sending";
import { queueReminders, type ReminderFigures, remindersMarkdown } from "./scenarios/reminders";
import { webhookThroughput } from "./scenarios/webhooks";
import {
  benchSecrets,
  SERVER_NODE,
  serverNodeVersion,
  startBaseline,
  startFullStack,
} from "./servers";

const ROOT = join(__dirname, "..");
const log = (line: string) => process.stderr.write(line + "\n");

/** A fresh database for the run: `gas_bench` beside DATABASE_URL's, or a new SQLite file. */
async function freshDatabase(options: BenchOptions): Promise<string> {
  if (options.db === "sqlite") {
    return `sqlite:${join(mkdtempSync(join(tmpdir(), "gas-bench-")), "gas.sqlite")}`;
  }
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith("mysql://")) {
    throw new Error(
      "Set DATABASE_URL=mysql://… (bash scripts/mariadb.sh start /tmp/gas-mariadb 3310 prints one), " +
        "or run with --db sqlite.",
    );
  }
  const server = new URL(url);
  const admin = await createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
  });
  await admin.query("DROP DATABASE IF EXISTS gas_bench");
  await admin.query("CREATE DATABASE gas_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
  await admin.end();
  server.pathname = "/gas_bench";
  return server.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const options = benchOptions();
  const { only } = options;
  const started = Date.now();
  if (options.build) {
    log("Building the app (npm run build) …");
    execSync("npm run build", { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  }
  const results: BenchResults & { reminders?: ReminderFigures } = {
    date: new Date().toISOString().slice(0, 10),
    database: options.db === "mysql" ? "MariaDB/MySQL" : "SQLite (embedded default)",
    quick: options.quick,
    machine:
      `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}` +
      (SERVER_NODE === process.execPath ? "" : `, servers on Node ${serverNodeVersion()}`),
    comparisons: [],
    explain: [],
  };
  if ([1, 2, 3, 4, 5, 6, 10, 12].some((n) => only.has(n))) await serverScenarios(options, results);
  if (only.has(7)) {
    log("Scenario 7: app size and Lighthouse");
    results.app = await measureApp({ quick: options.quick, log });
  }
  if (only.has(8) && options.db === "mysql") {
    const accounts = options.quick ? 20_000 : 600_000;
    log(`Scenario 8: import of ${accounts} accounts vs LOAD DATA LOCAL INFILE`);
    results.import = await measureImport(process.env.DATABASE_URL!, accounts);
  }
  if (only.has(9)) results.galera = await galeraCluster(options, log);
  if (only.has(11)) {
    log(`Scenario 11: an integrator drains a feed of ${options.size.feedReadings} sendings`);
    const url = await freshDatabase(options);
    const dataSource = await openDatabase(parseDatabaseUrl(url), undefined, {
      statementTimeoutSeconds: 0,
    });
    const full = await startFullStack(url, await freePort());
    try {
      results.feedDrain = await feedDrain(dataSource, full.url, options.size.feedReadings, log);
    } finally {
      await full.stop();
      await dataSource.destroy();
    }
  }
  if (only.has(13)) {
    const meters = options.quick ? 20_000 : 600_000;
    log(`Scenario 13: a day's reminders for ${meters} meters`);
    const url = await freshDatabase(options);
    const dataSource = await openDatabase(parseDatabaseUrl(url), undefined, {
      statementTimeoutSeconds: 0,
    });
    try {
      results.reminders = await queueReminders(dataSource, meters, log);
    } finally {
      await dataSource.destroy();
    }
  }

  const table = [
    markdown(results),
    ...(results.reminders ? remindersMarkdown(results.reminders) : []),
  ].join("\n");
  process.stdout.write("\n" + table);
  const dir = join(ROOT, "bench/results");
  mkdirSync(dir, { recursive: true });
  const name = resultsName(results.date, options);
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(results, null, 2) + "\n");
  writeFileSync(join(dir, `${name}.md`), table);
  log(
    `\nWrote bench/results/${name}.json and .md in ${((Date.now() - started) / 60_000).toFixed(1)} min.`,
  );
  const failures = correctnessFailures(results);
  if (failures.length) {
    log(`Wrong answers (not timings): ${failures.join("; ")}`);
    process.exit(1);
  }
  process.exit(0);
}

/** Scenarios 1–6: the full stack and the baseline on one generated database. */
async function serverScenarios(options: BenchOptions, results: BenchResults): Promise<void> {
  const { size, only } = options;
  const url = await freshDatabase(options);
  log(`Database: ${options.db === "mysql" ? url.replace(/\/\/[^@]*@/, "//…@") : url}`);
  // No statement timeout for the benchmark's own bulk statements (the servers keep theirs).
  const dataSource = await openDatabase(parseDatabaseUrl(url), undefined, {
    statementTimeoutSeconds: 0,
  });
  log(`Importing the generated registry (${size.baseAccounts} accounts, 24 months) …`);
  await importBaseRegistry(dataSource, size);
  await growReadings(dataSource, size.stages[0], log);
  log("Seeding users, links and sessions …");
  const data = await seedUsers(dataSource, size, benchSecrets.pepper);
  const servers = {
    full: await startFullStack(url, await freePort()),
    baseline: await startBaseline(url, await freePort()),
  };
  const context: BenchContext = { options, data, dataSource, servers, readings: 0, log };
  try {
    for (const stage of size.stages) {
      context.readings = await growReadings(dataSource, stage, log);
      log(`Stage: ${context.readings} readings`);
      // First at the largest stage, while every user's per-minute budget is whole again.
      if (only.has(4) && stage === size.stages[size.stages.length - 1]) {
        results.explain = await explainStatements(context, url, await deepCursor(context, 900));
      }
      if (only.has(1) || only.has(4)) results.comparisons.push(...(await accountsScreen(context)));
      if (only.has(2) || only.has(4)) results.comparisons.push(...(await sending(context)));
      if (only.has(3) || only.has(4)) results.comparisons.push(...(await history(context)));
      if (!only.has(4)) break;
    }
    if (only.has(10) && options.db === "mysql") {
      log("Scenario 10: against the database and HTTP floors");
      // Scenarios 1–4 spent its users' per-minute budgets, and the floor spends them for the
      // next ones: each starts whole.
      await freshBudgets(context);
      results.floor = await floors(context, url);
      await freshBudgets(context);
    }
    const screenRps =
      results.comparisons.find((c) => c.scenario === 1)?.full.rps ?? (options.quick ? 200 : 500);
    if (only.has(5)) {
      log("Scenario 5: login");
      results.login = await login(context, screenRps);
    }
    if (only.has(6)) {
      log("Scenario 6: mixed month-end load");
      const loginsPerSecond = results.login?.logins.full.rps ?? 8;
      results.mixed = await mixedLoad(context, screenRps, loginsPerSecond);
    }
    if (only.has(12)) {
      log("Scenario 12: webhooks under the month-end mix");
      results.webhooks = await webhookThroughput(context, url, results.mixed?.rate ?? 40);
    }
  } finally {
    await servers.full.stop();
    await servers.baseline.stop();
  }
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
