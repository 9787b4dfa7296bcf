import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DataSource } from "typeorm";
import type { Logger } from "pino";
import type { DatabaseConfig } from "./database-config";
import { entities } from "./entities";
import { migrations } from "./migrations";
import { PREPARED_STATEMENTS_PER_CONNECTION } from "./sql";
import { StatementCountingLogger } from "./statement-counter";

export function createDataSource(database: DatabaseConfig, log?: Logger): DataSource {
  const common = {
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    logging: ["query", "error", "warn", "migration"] as const,
    logger: new StatementCountingLogger(log),
    maxQueryExecutionTime: 1000,
  };
  if (database.type === "sqlite") {
    mkdirSync(dirname(database.path), { recursive: true });
    return new DataSource({
      ...common,
      logging: [...common.logging],
      type: "better-sqlite3",
      database: database.path,
      // WAL lets readers go on while the single writer commits.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        // busy_timeout first: switching to WAL waits for a process that holds the file.
        db.pragma("busy_timeout = 5000");
        switchToWal(db);
        // An acknowledged sending survives a power loss too, not only a killed process.
        db.pragma("synchronous = FULL");
      },
    });
  }
  return new DataSource({
    ...common,
    logging: [...common.logging],
    type: "mysql",
    url: database.url,
    charset: "utf8mb4_unicode_ci",
    timezone: "Z",
    // A BIGINT within 2^53 comes as a number (as on SQLite), a larger one as a string; each goes
    // through BigInt() (transformers.ts), exact either way. As strings, every one went through
    // Long#toString: 2 % of a history page's server CPU (issue 21).
    supportBigNumbers: true,
    bigNumberStrings: false,
    poolSize: 20,
    extra: {
      // No limit on how many wait: queue-budget.ts refuses by how long they would wait
      // (issue 17 item 5; a queue of 100 refused 96 % of 400 concurrent reads).
      queueLimit: 0,
      connectTimeout: 5000,
      // mysql2's default (16,000 a connection) times the pool would pass MariaDB's
      // max_prepared_stmt_count (16,382 for the whole server); the app has a few dozen.
      maxPreparedStatements: PREPARED_STATEMENTS_PER_CONNECTION,
    },
  });
}

/**
 * WAL on a fresh file needs it to itself for a moment: several processes opening it at once
 * (replicas migrating together) can wait past busy_timeout, so the switch is tried a few times.
 */
function switchToWal(db: { pragma(sql: string): unknown }, attempts = 6): void {
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      const busy = /SQLITE_BUSY|database is locked/.test(String(error));
      if (!busy || attempt >= attempts) throw error;
    }
  }
}
