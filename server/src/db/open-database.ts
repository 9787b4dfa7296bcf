import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { DatabaseConfig } from "./database-config";
import { createDataSource } from "./data-source";
import { dialectOf } from "./dialect";
import { migrateLocked } from "./migration-lock";
import { type CallbackPool, DEFAULT_QUEUE_BUDGET_MS, guardQueueTime } from "./queue-budget";
import { applySessionSettings, STATEMENT_TIMEOUT_SECONDS } from "./session-settings";
import { DEFAULT_SYNC_WAIT } from "./galera";

/**
 * Connects (retrying with backoff while the database is starting) and brings the schema up to
 * date with the migrations before anything is served.
 */
export async function openDatabase(
  database: DatabaseConfig,
  log?: Logger,
  {
    attempts = 10,
    statementTimeoutSeconds = STATEMENT_TIMEOUT_SECONDS,
    queueBudgetMs = DEFAULT_QUEUE_BUDGET_MS,
    syncWait = DEFAULT_SYNC_WAIT,
  }: {
    attempts?: number;
    statementTimeoutSeconds?: number;
    queueBudgetMs?: number;
    /** On a Galera node: `wsrep_sync_wait` for every session (galera.ts). */
    syncWait?: number;
  } = {},
): Promise<DataSource> {
  for (let attempt = 1; ; attempt++) {
    const dataSource = createDataSource(database, log);
    try {
      await dataSource.initialize();
    } catch (error) {
      if (attempt >= attempts) throw error;
      const delay = Math.min(200 * 2 ** attempt, 5000);
      log?.warn(
        { attempt, delayMs: delay, err: (error as Error).message },
        "database not ready, retrying",
      );
      await sleep(delay);
      continue;
    }
    try {
      // Replicas started together take turns (issue 17): one applies each migration once.
      await migrateLocked(dataSource);
      // After the migrations: they may legitimately run long.
      await applySessionSettings(dataSource, { statementTimeoutSeconds, syncWait }, log);
      await dialectOf(dataSource).prepare();
      if (database.type === "mysql") {
        const { pool } = dataSource.driver as unknown as { pool: CallbackPool };
        guardQueueTime(dataSource, pool, queueBudgetMs);
      }
    } catch (error) {
      await dataSource.destroy().catch(() => undefined);
      throw error;
    }
    return dataSource;
  }
}
