import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig } from "./config";

const sqliteIn = (dir: string) => `sqlite:${join(dir, "gas.sqlite")}`;
const secret = "s".repeat(40);

describe("loadConfig", () => {
  it("defaults to port 4000, the embedded SQLite file, bcrypt cost 12 and the demo registry", () => {
    const dir = mkdtempSync(join(tmpdir(), "gas-config-"));
    const config = loadConfig({ DATABASE_URL: sqliteIn(dir) });
    expect(config).toMatchObject({
      port: 4000,
      bcryptCost: 12,
      seedDemo: true,
      isProduction: false,
    });
    expect(config.database).toEqual({ type: "sqlite", path: join(dir, "gas.sqlite") });
  });

  it("drains 5 s on SIGTERM in production, not in development, unless SHUTDOWN_DRAIN_MS says", () => {
    const dir = mkdtempSync(join(tmpdir(), "gas-config-"));
    const production = {
      NODE_ENV: "production",
      DATABASE_URL: sqliteIn(dir),
      JWT_SECRET: secret,
      PASSWORD_PEPPER: secret,
      INTEGRATOR_JWT_SECRET: secret,
      PUBLIC_URL: "https://gas.example.kz",
    };
    expect(loadConfig(production).shutdownDrainMs).toBe(5000);
    expect(loadConfig({ ...production, SHUTDOWN_DRAIN_MS: "500" }).shutdownDrainMs).toBe(500);
    expect(loadConfig({ DATABASE_URL: sqliteIn(dir) }).shutdownDrainMs).toBe(0);
  });

  it("caps connections at 800 per process unless MAX_CONNECTIONS says", () => {
    const dir = mkdtempSync(join(tmpdir(), "gas-config-"));
    expect(loadConfig({ DATABASE_URL: sqliteIn(dir) }).maxConnections).toBe(800);
    expect(
      loadConfig({ DATABASE_URL: sqliteIn(dir), MAX_CONNECTIONS: "2000" }).maxConnections,
    ).toBe(2000);
  });

  it("sheds by a queue-time budget of 1 s unless QUEUE_TIME_BUDGET_MS says", () => {
    const dir = mkdtempSync(join(tmpdir(), "gas-config-"));
    expect(loadConfig({ DATABASE_URL: sqliteIn(dir) }).queueTimeBudgetMs).toBe(1000);
    const env = { DATABASE_URL: sqliteIn(dir), QUEUE_TIME_BUDGET_MS: "5" };
    expect(() => loadConfig(env)).toThrow(/QUEUE_TIME_BUDGET_MS must be an integer from 10/);
  });

  it("reminds on the 20th and 24th from 10:00 unless REMINDER_DAYS and REMINDER_HOUR say", () => {
    const dir = mkdtempSync(join(tmpdir(), "gas-config-"));
    const base = { DATABASE_URL: sqliteIn(dir) };
    expect(loadConfig(base)).toMatchObject({ reminderDays: [20, 24], reminderHour: 10 });
    expect(loadConfig({ ...base, REMINDER_DAYS: "25, 5", REMINDER_HOUR: "9" })).toMatchObject({
      reminderDays: [5, 25],
      reminderHour: 9,
    });
    expect(loadConfig({ ...base, REMINDER_DAYS: "" }).reminderDays).toEqual([]);
    expect(() => loadConfig({ ...base, REMINDER_DAYS: "31" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, REMINDER_DAYS: "20;24" })).toThrow(/REMINDER_DAYS/);
    expect(() => loadConfig({ ...base, REMINDER_HOUR: "24" })).toThrow(/REMINDER_HOUR/);
  });

  it("uses sqlite:data/gas.sqlite when DATABASE_URL is unset", () => {
    const cwd = process.cwd();
    const dir = mkdtempSync(join(tmpdir(), "gas-config-"));
    process.chdir(dir);
    try {
      expect(loadConfig({}).database).toEqual({
        type: "sqlite",
        path: join(dir, "data/gas.sqlite"),
      });
    } finally {
      process.chdir(cwd);
    }
  });

  it("generates the secrets once and keeps them, readable by the owner only", () => {
    const dir = mkdtempSync(join(tmpdir(), "gas-config-"));
    const first = loadConfig({ DATABASE_URL: sqliteIn(dir) });
    const second = loadConfig({ DATABASE_URL: sqliteIn(dir) });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(43);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.passwordPepper).toBe(first.passwordPepper);
    expect(first.passwordPepper).not.toBe(first.jwtSecret);
    expect(second.integratorJwtSecret).toBe(first.integratorJwtSecret);
    expect(first.integratorJwtSecret).not.toBe(first.jwtSecret);
    expect(statSync(join(dir, "secrets", "password_pepper.txt")).mode & 0o777).toBe(0o600);
  });

  it("reads a MySQL URL and does not seed demo data there unless asked", () => {
    const env = {
      DATABASE_URL: "mysql://gas:pw@db.local:3306/gas",
      JWT_SECRET: secret,
      PASSWORD_PEPPER: secret,
      INTEGRATOR_JWT_SECRET: secret,
    };
    expect(loadConfig(env)).toMatchObject({
      database: { type: "mysql", database: "gas" },
      seedDemo: false,
    });
    expect(loadConfig({ ...env, SEED_DEMO: "true" }).seedDemo).toBe(true);
  });

  it.each([
    [
      "production without JWT_SECRET",
      { NODE_ENV: "production", DATABASE_URL: "mysql://u:p@h/db", PASSWORD_PEPPER: secret },
      /JWT_SECRET is required/,
    ],
    [
      "production without PASSWORD_PEPPER",
      { NODE_ENV: "production", DATABASE_URL: "mysql://u:p@h/db", JWT_SECRET: secret },
      /PASSWORD_PEPPER is required/,
    ],
    [
      "production without INTEGRATOR_JWT_SECRET",
      {
        NODE_ENV: "production",
        DATABASE_URL: "mysql://u:p@h/db",
        JWT_SECRET: secret,
        PASSWORD_PEPPER: secret,
      },
      /INTEGRATOR_JWT_SECRET is required/,
    ],
    [
      "a short secret",
      { JWT_SECRET: "short", DATABASE_URL: "mysql://u:p@h/db" },
      /at least 32 characters/,
    ],
    [
      "a bad port",
      {
        PORT: "http",
        DATABASE_URL: "mysql://u:p@h/db",
        JWT_SECRET: secret,
        PASSWORD_PEPPER: secret,
      },
      /PORT must be an integer/,
    ],
    [
      "an unknown database",
      { DATABASE_URL: "postgres://h/db" },
      /must start with mysql:\/\/ or sqlite:/,
    ],
    [
      "a MySQL URL without a database",
      { DATABASE_URL: "mysql://u:p@h/" },
      /must name a host and a database/,
    ],
    [
      "SEED_DEMO that is not a boolean",
      {
        SEED_DEMO: "maybe",
        DATABASE_URL: "mysql://u:p@h/db",
        JWT_SECRET: secret,
        PASSWORD_PEPPER: secret,
        INTEGRATOR_JWT_SECRET: secret,
      },
      /SEED_DEMO must be true or false/,
    ],
    [
      "a negative SHUTDOWN_DRAIN_MS",
      {
        SHUTDOWN_DRAIN_MS: "-1",
        DATABASE_URL: "mysql://u:p@h/db",
        JWT_SECRET: secret,
        PASSWORD_PEPPER: secret,
        INTEGRATOR_JWT_SECRET: secret,
      },
      /SHUTDOWN_DRAIN_MS must be an integer from 0 to 60000/,
    ],
    [
      "MAX_CONNECTIONS of 0",
      {
        MAX_CONNECTIONS: "0",
        DATABASE_URL: "mysql://u:p@h/db",
        JWT_SECRET: secret,
        PASSWORD_PEPPER: secret,
        INTEGRATOR_JWT_SECRET: secret,
      },
      /MAX_CONNECTIONS must be an integer from 1 to 100000/,
    ],
  ])("refuses %s with a clear message", (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe("mail settings", () => {
  const base = { DATABASE_URL: "mysql://u:p@h/db", JWT_SECRET: secret, PASSWORD_PEPPER: secret };

  it("defaults to files in the data folder, links to localhost and a no-reply sender", () => {
    expect(loadConfig({ ...base, INTEGRATOR_JWT_SECRET: secret })).toMatchObject({
      smtpUrl: null,
      publicUrl: "http://localhost:4000",
      mailFrom: "no-reply@localhost",
    });
  });

  it("reads SMTP_URL, MAIL_FROM and PUBLIC_URL (without a trailing slash)", () => {
    const config = loadConfig({
      ...base,
      INTEGRATOR_JWT_SECRET: secret,
      SMTP_URL: "smtps://mailer:p%40ss@smtp.example.kz:465",
      MAIL_FROM: "Газ показания <no-reply@gas.example.kz>",
      PUBLIC_URL: "https://gas.example.kz/",
    });
    expect(config).toMatchObject({
      smtpUrl: "smtps://mailer:p%40ss@smtp.example.kz:465",
      mailFrom: "Газ показания <no-reply@gas.example.kz>",
      publicUrl: "https://gas.example.kz",
    });
  });

  it.each([
    ["an SMTP_URL of another scheme", { SMTP_URL: "http://smtp.example.kz" }, /SMTP_URL must/],
    ["a PUBLIC_URL with a query", { PUBLIC_URL: "https://gas.example.kz/?a=1" }, /PUBLIC_URL must/],
    ["a PUBLIC_URL that is not a URL", { PUBLIC_URL: "gas.example.kz" }, /PUBLIC_URL must/],
    ["a MAIL_FROM without an address", { MAIL_FROM: "Gas readings" }, /MAIL_FROM must/],
    ["a MAIL_FROM with a line break", { MAIL_FROM: "a@b.kz\r\nBcc: x@y.kz" }, /MAIL_FROM must/],
    ["production without PUBLIC_URL", { NODE_ENV: "production" }, /PUBLIC_URL is required/],
  ])("refuses %s", (_name, env, message) => {
    expect(() => loadConfig({ ...base, INTEGRATOR_JWT_SECRET: secret, ...env })).toThrow(message);
  });
});
