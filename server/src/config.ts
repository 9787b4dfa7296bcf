import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export type DatabaseConfig =
  { type: "mysql"; url: string; database: string } | { type: "sqlite"; path: string };

export interface Config {
  nodeEnv: string;
  isProduction: boolean;
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Folder for the embedded default's files (generated secrets, SQLite database). */
  dataDir: string;
  jwtSecret: string;
  passwordPepper: string;
  bcryptCost: number;
  seedDemo: boolean;
  logLevel: string;
}

export class ConfigError extends Error {}

const DEFAULT_DATABASE_URL = "sqlite:data/gas.sqlite";
const MIN_SECRET_LENGTH = 32;

/** Reads and validates every setting once; throws ConfigError with a message a person can act on. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? "development";
  const isProduction = nodeEnv === "production";
  const database = parseDatabaseUrl(env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  const dataDir =
    database.type === "sqlite" ? dirname(database.path) : resolve(env.DATA_DIR ?? "data");

  const secret = (name: "JWT_SECRET" | "PASSWORD_PEPPER"): string => {
    const value = env[name];
    if (value !== undefined && value !== "") {
      if (value.length < MIN_SECRET_LENGTH) {
        throw new ConfigError(`${name} must be at least ${MIN_SECRET_LENGTH} characters long.`);
      }
      return value;
    }
    if (isProduction) {
      throw new ConfigError(
        `${name} is required when NODE_ENV=production. ` +
          `Generate one with: node -e "console.log(require('crypto').randomBytes(48).toString('base64url'))"`,
      );
    }
    return generatedSecret(dataDir, name);
  };

  return {
    nodeEnv,
    isProduction,
    port: parseIntSetting(env, "PORT", 4000, 0, 65535),
    host: env.HOST ?? "0.0.0.0",
    database,
    dataDir,
    jwtSecret: secret("JWT_SECRET"),
    passwordPepper: secret("PASSWORD_PEPPER"),
    bcryptCost: parseIntSetting(env, "BCRYPT_COST", 12, 4, 15),
    // The demo registry is for the embedded default; a MySQL registry comes from the utility.
    seedDemo: parseBoolean(env, "SEED_DEMO", database.type === "sqlite"),
    logLevel: env.LOG_LEVEL ?? (nodeEnv === "test" ? "silent" : "info"),
  };
}

/** Both databases this code runs on; `sqlite:` is the embedded default. */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length).replace(/^\/\//, "");
    if (path === "") throw new ConfigError("DATABASE_URL sqlite:PATH needs a file path.");
    return { type: "sqlite", path: resolve(path) };
  }
  if (url.startsWith("mysql://")) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError("DATABASE_URL is not a valid mysql://user:pass@host:port/db URL.");
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
    if (!parsed.hostname || !database) {
      throw new ConfigError(
        "DATABASE_URL must name a host and a database: mysql://user:pass@host:port/db",
      );
    }
    return { type: "mysql", url, database };
  }
  throw new ConfigError(
    "DATABASE_URL must start with mysql:// or sqlite: (for example sqlite:data/gas.sqlite).",
  );
}

/** The embedded default makes a secret once and keeps it beside its database. */
function generatedSecret(dataDir: string, name: string): string {
  const file = join(dataDir, "secrets", `${name.toLowerCase()}.txt`);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const value = randomBytes(48).toString("base64url");
  writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" });
  return value;
}

function parseIntSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

function parseBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (["true", "1", "yes"].includes(raw.toLowerCase())) return true;
  if (["false", "0", "no"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false; got "${raw}".`);
}
