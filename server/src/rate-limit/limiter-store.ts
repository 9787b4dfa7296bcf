import { createHash } from "node:crypto";
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { DataSource } from "typeorm";
import { type Dialect, dialectOf } from "../db/dialect";
import {
  type BucketShape,
  type BucketTake,
  type LimiterTable,
  RATE_LIMIT_TABLE,
  type WindowCharge,
  type WindowCount,
} from "../db/limiter-table";
import type { Budget } from "./budgets";

/** A limiter key that never holds the raw value (e-mails stay out of the table). */
export const hashedKey = (...parts: Array<string | number>): string =>
  createHash("sha256").update(parts.join("\u0000")).digest("base64url");

/**
 * Limiters kept in the application's database, so every replica shares them; the statements are
 * the dialect's (db/limiter-table.ts). The table comes from a migration (`tableCreated: true`).
 */
export class LimiterStore {
  private readonly dialect: Dialect;
  private readonly table: LimiterTable;

  constructor(private readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource);
    this.table = this.dialect.openLimiterTable();
  }

  /**
   * A limiter in the shared table. Without `insured`, a store failure rejects with an Error (the
   * caller refuses); with it, a per-process memory limiter takes over (generic budgets only).
   */
  create(keyPrefix: string, budget: Budget, { insured = false } = {}): RateLimiterAbstract {
    return this.table.limiter({
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
    });
  }

  /**
   * Runs limiter work. On SQLite the limiter shares TypeORM's single connection, so it waits
   * for the writer's turn: its points must never land inside (and roll back with) another
   * request's open transaction.
   */
  run<T>(work: () => Promise<T>): Promise<T> {
    return this.dialect.inTurn(work);
  }

  takeFromBucket(key: string, cost: number, at: number, shape: BucketShape): Promise<BucketTake> {
    return this.table.takeFromBucket(key, cost, at, shape);
  }

  addToWindows(charges: WindowCharge[], at: number): Promise<Map<string, WindowCount>> {
    return this.table.addToWindows(charges, at);
  }

  /** Removes expired rows (the limiters' own timer is off: we have no long-lived timers). */
  async clearExpired(now = Date.now()): Promise<void> {
    await this.run(() =>
      this.dataSource.query(`DELETE FROM ${RATE_LIMIT_TABLE} WHERE expire < ?`, [now]),
    );
  }

  close(): Promise<void> {
    return this.table.close();
  }
}
