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

/** A token bucket's shape: `capacity` points, refilled at `refillPerSecond`. */
export interface BucketShape {
  capacity: number;
  refillPerSecond: number;
}

/** After a take: whether it was paid, and when (epoch ms) the bucket is full again. */
export interface BucketTake {
  ok: boolean;
  fullAt: number;
}

/** A fixed window's counter after a charge: its points so far and when (epoch ms) it ends. */
export interface WindowCount {
  points: number;
  /** Null when only a refusal needs it (read then, not on every charge). */
  expire: number | null;
}

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

  /**
   * Takes `cost` points from a token bucket in the shared table, atomically across replicas, or
   * none if it cannot pay. The row keeps one number, `expire`: the moment the bucket is full
   * again (GCRA); a missing or expired row is a full bucket, so the sweep may delete it. At `at`
   * the bucket holds `capacity − (expire − at) × refill` points. `points` keeps the last answer
   * (1 paid, 0 refused), read back in the same transaction. Throws if the store fails.
   */
  async takeFromBucket(
    key: string,
    cost: number,
    at: number,
    shape: BucketShape,
  ): Promise<BucketTake> {
    const { capacity, refillPerSecond } = shape;
    const costMs = Math.ceil((cost * 1000) / refillPerSecond);
    const freshOk = cost <= capacity;
    const fresh = [key, freshOk ? 1 : 0, freshOk ? at + costMs : at];
    // (max(expire, at) − at) × refill + cost × 1000 ≤ capacity × 1000: integers, no rounding.
    const pays = (max: string) => `(${max}(COALESCE(expire, 0), ?) - ?) * ? + ? <= ?`;
    const paysArgs = [at, at, refillPerSecond, cost * 1000, capacity * 1000];
    const pool = this.pool;
    if (!pool) {
      const row = this.sqlite()
        .prepare(
          `INSERT INTO ${RATE_LIMIT_TABLE} ("key", points, expire) VALUES (?, ?, ?)
           ON CONFLICT("key") DO UPDATE SET
             points = CASE WHEN ${pays("MAX")} THEN 1 ELSE 0 END,
             expire = CASE WHEN ${pays("MAX")} THEN MAX(COALESCE(expire, 0), ?) + ? ELSE expire END
           RETURNING points, expire`,
        )
        .get(...fresh, ...paysArgs, ...paysArgs, at, costMs) as { points: number; expire: number };
      return { ok: row.points === 1, fullAt: Number(row.expire) };
    }
    const conn = await pool.promise().getConnection();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await conn.beginTransaction();
          // Assignments run left to right: `points` is decided on the old `expire`, then `expire`.
          await conn.query(
            `INSERT INTO ${RATE_LIMIT_TABLE} (\`key\`, points, expire) VALUES (?, ?, ?)
             ON DUPLICATE KEY UPDATE
               points = IF(${pays("GREATEST")}, 1, 0),
               expire = IF(${pays("GREATEST")}, GREATEST(COALESCE(expire, 0), ?) + ?, expire)`,
            [...fresh, ...paysArgs, ...paysArgs, at, costMs],
          );
          const [rows] = await conn.query(
            `SELECT points, expire FROM ${RATE_LIMIT_TABLE} WHERE \`key\` = ?`,
            [key],
          );
          await conn.commit();
          const row = (rows as Array<{ points: number; expire: number | string }>)[0];
          return { ok: Number(row.points) === 1, fullAt: Number(row.expire) };
        } catch (error) {
          await conn.rollback().catch(() => undefined);
          const errno = (error as { errno?: unknown })?.errno;
          // InnoDB may pick the upsert as a deadlock victim: run it again.
          if (attempt >= 3 || (errno !== 1213 && errno !== 1205)) throw error;
        }
      }
    } finally {
      conn.release();
    }
  }

  /**
   * Adds `cost` to the counter of a fixed window (`durationMs` from its first charge) in one
   * statement, atomic across replicas: the charge on every request (the cost budget, RL-7),
   * where a limiter's transaction of four statements doubled the statements of a read. Throws if
   * the store fails.
   */
  async addToWindow(
    key: string,
    cost: number,
    at: number,
    durationMs: number,
  ): Promise<WindowCount> {
    const end = at + durationMs;
    const pool = this.pool;
    if (!pool) {
      const row = this.sqlite()
        .prepare(
          `INSERT INTO ${RATE_LIMIT_TABLE} ("key", points, expire) VALUES (?, ?, ?)
           ON CONFLICT("key") DO UPDATE SET
             points = CASE WHEN expire IS NULL OR expire <= ? THEN ? ELSE points + ? END,
             expire = CASE WHEN expire IS NULL OR expire <= ? THEN ? ELSE expire END
           RETURNING points, expire`,
        )
        .get(key, cost, end, at, cost, cost, at, end) as { points: number; expire: number };
      return { points: Number(row.points), expire: Number(row.expire) };
    }
    // `points` is assigned first, on the old `expire`; LAST_INSERT_ID(…) hands its new value back
    // in the statement's own answer (insertId), so no SELECT follows.
    const [result] = await pool.promise().query(
      `INSERT INTO ${RATE_LIMIT_TABLE} (\`key\`, points, expire) VALUES (?, ?, ?)
       ON DUPLICATE KEY UPDATE
         points = LAST_INSERT_ID(IF(expire IS NULL OR expire <= ?, ?, points + ?)),
         expire = IF(expire IS NULL OR expire <= ?, ?, expire)`,
      [key, cost, end, at, cost, cost, at, end],
    );
    const { affectedRows, insertId } = result as { affectedRows: number; insertId: number };
    // 1: a new row (this charge alone); 2: an existing row updated.
    if (affectedRows === 1) return { points: cost, expire: end };
    return { points: Number(insertId), expire: null };
  }

  /** When a fixed window ends (epoch ms), or null if it has no row. */
  async windowEnd(key: string): Promise<number | null> {
    if (!this.pool) {
      const row = this.sqlite()
        .prepare(`SELECT expire FROM ${RATE_LIMIT_TABLE} WHERE "key" = ?`)
        .get(key) as { expire: number | null } | undefined;
      return row?.expire == null ? null : Number(row.expire);
    }
    const [rows] = await this.pool
      .promise()
      .query(`SELECT expire FROM ${RATE_LIMIT_TABLE} WHERE \`key\` = ?`, [key]);
    const row = (rows as Array<{ expire: number | string | null }>)[0];
    return row?.expire == null ? null : Number(row.expire);
  }

  private sqlite(): { prepare(sql: string): { get(...args: unknown[]): unknown } } {
    return (
      this.dataSource.driver as unknown as {
        databaseConnection: { prepare(sql: string): { get(...args: unknown[]): unknown } };
      }
    ).databaseConnection;
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
