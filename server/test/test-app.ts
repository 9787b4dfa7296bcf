import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino, { type Logger } from "pino";
import { buildApp, type App } from "../src/app";
import type { Config, DatabaseConfig } from "../src/config";
import { DEFAULT_BUDGETS, type BudgetOverrides } from "../src/rate-limit/budgets";
import { FixedClock } from "../src/core/clock";
import { openDatabase } from "../src/db/open-database";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { GraphQLClient } from "./graphql-client";

export interface TestApp {
  url: string;
  config: Config;
  db: TestDatabase;
  clock: FixedClock;
  app: App;
  client(): GraphQLClient;
  close(): Promise<void>;
}

/** The settings of a test server: fresh secrets, fast hashing, no mail, quiet. */
export function testConfig(database: DatabaseConfig, overrides: Partial<Config> = {}): Config {
  return {
    nodeEnv: "test",
    isProduction: false,
    port: 0,
    host: "127.0.0.1",
    database,
    dataDir: mkdtempSync(join(tmpdir(), "gas-data-")),
    jwtSecret: randomBytes(32).toString("base64url"),
    integratorJwtSecret: randomBytes(32).toString("base64url"),
    integratorJwtPreviousSecret: null,
    passwordPepper: randomBytes(32).toString("base64url"),
    // Cost 4 keeps the suite fast; the cost-12 default is checked in config.spec.ts.
    bcryptCost: 4,
    seedDemo: false,
    logLevel: "silent",
    publicUrl: "https://gas.example.kz",
    smtpUrl: null,
    mailFrom: "Gas readings <no-reply@gas.example.kz>",
    trustProxy: [],
    corsOrigins: [],
    graphqlIntrospection: true,
    graphqlExplorer: true,
    shutdownDrainMs: 0,
    maxConnections: 10_000,
    queueTimeBudgetMs: 1000,
    galeraSyncWait: 1,
    webhookAllowLoopback: false,
    webhookTimeoutMs: 5000,
    vapid: null,
    pushAllowLoopback: false,
    reminderDays: [20, 24],
    reminderHour: 10,
    ...overrides,
  };
}

/** The real server on a fresh database, listening on a free loopback port. */
export async function startTestApp(
  options: {
    now?: string;
    config?: Partial<Config>;
    log?: Logger;
    /**
     * Rate-limit budgets: "real" for the numbers in docs/security.md (the limit tests); by default every
     * budget is raised a thousandfold, since other tests send many requests from one address.
     */
    budgets?: "real" | BudgetOverrides;
    /** Run the mail dispatcher; off by default: tests deliver with `app.services.mail.flush()`. */
    mailDispatcher?: boolean;
    /** GQL-5 request deadline (ms); shortened by the deadline tests. */
    requestDeadlineMs?: number;
    /** The built GraphQL explorer's folder (a fixture); by default client/explorer/dist if built. */
    explorerDist?: string | null;
    /** Run the webhook dispatcher; off by default: tests call `services.webhookDispatcher.flush()`. */
    webhookDispatcher?: boolean;
    /** Run the reminder scheduler; off by default: tests call `services.reminders.runDay`. */
    reminderScheduler?: boolean;
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const clock = new FixedClock(new Date(options.now ?? "2026-11-15T06:00:00Z"));
  const config = testConfig(db.config, options.config);
  const log = options.log ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const app = await buildApp({
    config,
    dataSource: db.dataSource,
    clock,
    log,
    countStatements: true,
    budgets: options.budgets === "real" ? {} : (options.budgets ?? RELAXED_BUDGETS),
    mailDispatcher: options.mailDispatcher ?? false,
    webhookDispatcher: options.webhookDispatcher ?? false,
    reminderScheduler: options.reminderScheduler ?? false,
    requestDeadlineMs: options.requestDeadlineMs,
    explorerDist: options.explorerDist,
  });
  const address = await app.fastify.listen({ port: 0, host: "127.0.0.1" });
  return {
    url: address,
    config,
    db,
    clock,
    app,
    client: () => new GraphQLClient(`${address}/graphql`),
    async close() {
      await app.fastify.close();
      await db.drop();
    },
  };
}

/** Every budget a thousandfold: tests not about limits send many requests from one address. */
export const RELAXED_BUDGETS: BudgetOverrides = Object.fromEntries(
  Object.entries(DEFAULT_BUDGETS).map(([name, budget]) => [name, { points: budget.points * 1000 }]),
);

/** A second server (its own connections, its own memory) on a test app's database and secrets. */
export async function startTestReplica(t: TestApp, options: { budgets?: "real" } = {}) {
  const dataSource = await openDatabase(t.db.config);
  const app = await buildApp({
    config: t.config,
    dataSource,
    clock: new FixedClock(t.clock.now()),
    log: pino({ level: "silent" }),
    budgets: options.budgets === "real" ? {} : RELAXED_BUDGETS,
    mailDispatcher: false,
    webhookDispatcher: false,
    reminderScheduler: false,
  });
  const url = await app.fastify.listen({ port: 0, host: "127.0.0.1" });
  return {
    app,
    url,
    dataSource,
    client: () => new GraphQLClient(`${url}/graphql`),
    async close() {
      await app.fastify.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
