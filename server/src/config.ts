import { dirname, resolve } from "node:path";
import { generatedSecret } from "./common/generated-secret";
import type { DatabaseConfig } from "./db/database-config";
import { type PushConfig, pushConfig } from "./push/push-config";
import { type ReminderConfig, reminderConfig } from "./reminders/reminder-config";
import { type WebhookConfig, webhookConfig } from "./webhooks/webhook-config";

export type { DatabaseConfig };

export interface Config extends WebhookConfig, PushConfig, ReminderConfig {
  nodeEnv: string;
  isProduction: boolean;
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Folder for the embedded default's files (generated secrets, SQLite database). */
  dataDir: string;
  jwtSecret: string;
  /** Signs integrator tokens (own key, `kid` header); never shared with subscriber tokens. */
  integratorJwtSecret: string;
  /** The previous integrator key during a rotation: tokens it signed still verify. */
  integratorJwtPreviousSecret: string | null;
  passwordPepper: string;
  bcryptCost: number;
  seedDemo: boolean;
  logLevel: string;
  /** The origin (and optional path) of the app that e-mail links point to; never the Host header. */
  publicUrl: string;
  /** `smtp://user:pass@host:port` (or `smtps://`); null: mail is written to `<dataDir>/outbox/`. */
  smtpUrl: string | null;
  /** The From address of every e-mail. */
  mailFrom: string;
  /** Proxies whose X-Forwarded-For is believed (addresses/CIDRs); empty: the socket address. */
  trustProxy: string[];
  /** Origins allowed to call the API from a browser, with credentials; empty: none. */
  corsOrigins: string[];
  /** Introspection (on outside production; in production only with GRAPHQL_INTROSPECTION). */
  graphqlIntrospection: boolean;
  /** GraphiQL at GET /graphql for a browser (http/explorer.ts): GRAPHQL_EXPLORER, on outside production. */
  graphqlExplorer: boolean;
  /** FT-6: after SIGTERM, how long `/readyz` says 503 before the port closes (ms). */
  shutdownDrainMs: number;
  /** Connections one process holds at most; more are closed as they arrive (issue 17 item 6). */
  maxConnections: number;
  /** New requests are refused (503) while work waits longer for the event loop or a pool connection. */
  queueTimeBudgetMs: number;
  /** On a Galera node, `wsrep_sync_wait` for every session (db/galera.ts); 1 by default. */
  galeraSyncWait: number;
}

export class ConfigError extends Error {}

/** The parsers the feature modules' own settings are read with (push, reminders, webhooks). */
export type ParseIntSetting = typeof parseIntSetting;
export type ParseBoolean = typeof parseBoolean;

const DEFAULT_DATABASE_URL = "sqlite:data/gas.sqlite";
const MIN_SECRET_LENGTH = 32;
/** Well under the usual 1,024 open files a process gets, leaving room for the pool and files. */
const DEFAULT_MAX_CONNECTIONS = 800;
const MAX_CONNECTIONS_CEILING = 100_000;

/** Reads and validates every setting once; throws ConfigError with a message a person can act on. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? "development";
  const isProduction = nodeEnv === "production";
  const database = parseDatabaseUrl(env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  const dataDir =
    database.type === "sqlite" ? dirname(database.path) : resolve(env.DATA_DIR ?? "data");

  const secret = (name: "JWT_SECRET" | "PASSWORD_PEPPER" | "INTEGRATOR_JWT_SECRET"): string => {
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
    integratorJwtSecret: secret("INTEGRATOR_JWT_SECRET"),
    integratorJwtPreviousSecret: optionalSecret(env, "INTEGRATOR_JWT_PREVIOUS_SECRET"),
    bcryptCost: parseIntSetting(env, "BCRYPT_COST", 12, 4, 15),
    // The demo registry is for the embedded default; a MySQL registry comes from the utility.
    seedDemo: parseBoolean(env, "SEED_DEMO", database.type === "sqlite"),
    logLevel: env.LOG_LEVEL ?? (nodeEnv === "test" ? "silent" : "info"),
    ...mailSettings(env, isProduction, parseIntSetting(env, "PORT", 4000, 0, 65535)),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
    graphqlIntrospection: parseBoolean(env, "GRAPHQL_INTROSPECTION", !isProduction),
    graphqlExplorer: parseBoolean(env, "GRAPHQL_EXPLORER", !isProduction),
    shutdownDrainMs: parseIntSetting(env, "SHUTDOWN_DRAIN_MS", isProduction ? 5000 : 0, 0, 60_000),
    maxConnections: parseIntSetting(
      env,
      "MAX_CONNECTIONS",
      DEFAULT_MAX_CONNECTIONS,
      1,
      MAX_CONNECTIONS_CEILING,
    ),
    queueTimeBudgetMs: parseIntSetting(env, "QUEUE_TIME_BUDGET_MS", 1000, 10, 10_000),
    galeraSyncWait: parseIntSetting(env, "GALERA_SYNC_WAIT", 1, 0, 15),
    ...webhookConfig(env, isProduction, parseIntSetting, parseBoolean, ConfigError),
    ...pushConfig(env, { isProduction, dataDir, parseBoolean, ConfigError }),
    ...reminderConfig(env, parseIntSetting, ConfigError),
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

function optionalSecret(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name];
  if (value === undefined || value === "") return null;
  if (value.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`${name} must be at least ${MIN_SECRET_LENGTH} characters long.`);
  }
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
  if (["true", "1", "yes", "on"].includes(raw.toLowerCase())) return true;
  if (["false", "0", "no", "off"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false (on or off); got "${raw}".`);
}

/** PUBLIC_URL, SMTP_URL and MAIL_FROM (SECURITY REC-4: links come from here, never from Host). */
function mailSettings(
  env: NodeJS.ProcessEnv,
  isProduction: boolean,
  port: number,
): Pick<Config, "publicUrl" | "smtpUrl" | "mailFrom"> {
  const rawPublicUrl = env.PUBLIC_URL;
  if ((rawPublicUrl === undefined || rawPublicUrl === "") && isProduction) {
    throw new ConfigError(
      "PUBLIC_URL is required when NODE_ENV=production: the address of the app that e-mail links " +
        "point to, for example https://gas.example.kz",
    );
  }
  const publicUrl = parsePublicUrl(rawPublicUrl || `http://localhost:${port}`);

  let smtpUrl: string | null = null;
  if (env.SMTP_URL) {
    const parsed = URL.canParse(env.SMTP_URL) ? new URL(env.SMTP_URL) : null;
    if (!parsed || !["smtp:", "smtps:"].includes(parsed.protocol) || !parsed.hostname) {
      throw new ConfigError(
        "SMTP_URL must look like smtp://user:pass@host:587 (or smtps://… for TLS from the start).",
      );
    }
    smtpUrl = env.SMTP_URL;
  }

  const mailFrom = env.MAIL_FROM || `no-reply@${new URL(publicUrl).hostname}`;
  // Name <address> or a bare address; no line breaks (they would inject headers).
  if (
    /[\r\n]/.test(mailFrom) ||
    !/^(?:[^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(mailFrom)
  ) {
    throw new ConfigError(
      `MAIL_FROM must be an e-mail address, optionally with a name: "Gas readings <no-reply@example.kz>"; got "${mailFrom}".`,
    );
  }
  return { publicUrl, smtpUrl, mailFrom };
}

function parsePublicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `PUBLIC_URL must be an http(s) URL such as https://gas.example.kz; got "${raw}".`,
    );
  }
  if (!["http:", "https:"].includes(url.protocol) || url.search || url.hash || url.username) {
    throw new ConfigError(
      `PUBLIC_URL must be an http(s) URL without query, fragment or credentials; got "${raw}".`,
    );
  }
  return url.toString().replace(/\/+$/, "");
}

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;

/** TRUST_PROXY: comma-separated proxy addresses or CIDRs (RL-4); never "true" or a hop count. */
export function parseTrustProxy(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === "") return [];
  const entries = raw.split(",").map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split("/");
    const isV4 = IPV4.test(address) && address.split(".").every((octet) => Number(octet) <= 255);
    const isV6 = /^[0-9a-f:.]+$/i.test(address) && address.includes(":");
    const maxBits = isV4 ? 32 : 128;
    const bitsOk =
      bits === undefined ||
      (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits && Number(bits) >= 0);
    if (rest.length > 0 || !(isV4 || isV6) || !bitsOk) {
      throw new ConfigError(
        `TRUST_PROXY must list proxy addresses or CIDRs separated by commas ` +
          `(for example 10.0.0.5,10.1.0.0/16); got "${entry}".`,
      );
    }
  }
  return entries;
}

/** CORS_ORIGINS: comma-separated origins such as https://gas.example.kz (no path, no "*"). */
export function parseCorsOrigins(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === "") return [];
  return raw.split(",").map((entry) => {
    const origin = entry.trim();
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      url = null;
    }
    if (!url || !["http:", "https:"].includes(url.protocol) || url.origin !== origin) {
      throw new ConfigError(
        `CORS_ORIGINS must list origins like https://gas.example.kz separated by commas ` +
          `(scheme, host and port only; no "*" or path); got "${origin}".`,
      );
    }
    return origin;
  });
}
