import { createHash } from "node:crypto";
import { createPool, type Pool } from "mysql2";
import {
  RateLimiterMemory,
  RateLimiterMySQL,
  RateLimiterSQLite,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import type { DataSource } from "typeorm";
import type { DatabaseConfig } from "../config";
import { inTurn } from "../db/transaction";
import type { Budget } from "./budgets";

/** The table of migration 1764300000000 (columns as rate-limiter-flexible expects them). */
export const RATE_LIMIT_TABLE = "rate_limits";

/** A limiter key that never holds the raw value (e-mails stay out of the table). */
export const hashedKey = (...parts: Array<string | number>): string =>
  createHash("sha256").update(parts.join("\u0000")).digest("base64url");

/**
 * Limiters kept in the application's database, so every replica shares them: RateLimiterMySQL
 * over its own callback-style mysql2 pool, or RateLimiterSQLite on the DataSource's
 * better-sqlite3 connection. The table comes from a migration (`tableCreated: true`).
 */
export class LimiterStore {
  private readonly pool: Pool | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly database: DatabaseConfig,
  ) {
    this.pool =
      database.type === "mysql"
        ? createPool({
            uri: database.url,
            connectionLimit: 10,
            // Bounded (FT-1), but roomy: every guarded request takes up to four connections.
            queueLimit: 1000,
            connectTimeout: 5000,
          })
        : null;
  }

  /**
   * A limiter in the shared table. Without `insured`, a store failure rejects with an Error (the
   * caller refuses); with it, a per-process memory limiter takes over (generic budgets only).
   */
  create(keyPrefix: string, budget: Budget, { insured = false } = {}): RateLimiterAbstract {
    const options = {
      keyPrefix,
      points: budget.points,
      duration: budget.durationSeconds,
      blockDuration: budget.blockSeconds,
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
      ...(insured
        ? {
            insuranceLimiter: new RateLimiterMemory({
              keyPrefix,
              points: budget.points,
              duration: budget.durationSeconds,
              blockDuration: budget.blockSeconds,
            }),
          }
        : {}),
    };
    if (this.database.type === "mysql") {
      return new RateLimiterMySQL({
        ...options,
        storeClient: this.pool,
        storeType: "pool",
        dbName: this.database.database,
      });
    }
    return new RateLimiterSQLite({
      ...options,
      storeClient: (this.dataSource.driver as unknown as { databaseConnection: unknown })
        .databaseConnection,
      storeType: "better-sqlite3",
    });
  }

  /**
   * Runs limiter work. On SQLite the limiter shares TypeORM's single connection, so it waits
   * for the writer's turn: its points must never land inside (and roll back with) another
   * request's open transaction.
   */
  run<T>(work: () => Promise<T>): Promise<T> {
    return this.database.type === "sqlite" ? inTurn(this.dataSource, work) : work();
  }

  /** Removes expired rows (the limiters' own timer is off: we have no long-lived timers). */
  async clearExpired(now = Date.now()): Promise<void> {
    await this.run(() =>
      this.dataSource.query(`DELETE FROM ${RATE_LIMIT_TABLE} WHERE expire < ?`, [now]),
    );
  }

  async close(): Promise<void> {
    const pool = this.pool;
    if (pool) await new Promise<void>((resolve) => pool.end(() => resolve()));
  }
}
