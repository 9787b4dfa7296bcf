import { createPool, type Pool } from "mysql2";
import { RateLimiterMySQL } from "rate-limiter-flexible";
import type { BucketShape, LimiterTable, TableLimiterOptions } from "./limiter-table";
import { bucketTakeParameters, paysSql, RATE_LIMIT_TABLE } from "./limiter-table";

/** Over a callback-style mysql2 pool of its own (rate-limiter-flexible's MySQL client). */
export class MysqlLimiterTable implements LimiterTable {
  private readonly pool: Pool;
  private readonly database: string;

  constructor(url: string) {
    this.pool = createPool({
      uri: url,
      connectionLimit: 10,
      // Bounded (FT-1), but roomy: every guarded request takes up to four connections.
      queueLimit: 1000,
      connectTimeout: 5000,
    });
    this.database = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  }

  limiter(options: TableLimiterOptions): RateLimiterMySQL {
    return new RateLimiterMySQL({
      ...options,
      storeClient: this.pool,
      storeType: "pool",
      dbName: this.database,
    });
  }

  async takeFromBucket(key: string, cost: number, at: number, shape: BucketShape) {
    const { fresh, pays, grow } = bucketTakeParameters(key, cost, at, shape);
    const conn = await this.pool.promise().getConnection();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await conn.beginTransaction();
          // Assignments run left to right: `points` is decided on the old `expire`, then `expire`.
          await conn.query(
            `INSERT INTO ${RATE_LIMIT_TABLE} (\`key\`, points, expire) VALUES (?, ?, ?)
             ON DUPLICATE KEY UPDATE
               points = IF(${paysSql("GREATEST")}, 1, 0),
               expire = IF(${paysSql("GREATEST")}, GREATEST(COALESCE(expire, 0), ?) + ?, expire)`,
            [...fresh, ...pays, ...pays, ...grow],
          );
          // Read back in the same transaction: `points` holds this take's answer.
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

  async addToWindow(key: string, cost: number, at: number, durationMs: number) {
    const end = at + durationMs;
    // `points` is assigned first, on the old `expire`; LAST_INSERT_ID(…) hands its new value back
    // in the statement's own answer (insertId), so no SELECT follows.
    const [result] = await this.pool.promise().query(
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

  async windowEnd(key: string): Promise<number | null> {
    const [rows] = await this.pool
      .promise()
      .query(`SELECT expire FROM ${RATE_LIMIT_TABLE} WHERE \`key\` = ?`, [key]);
    const row = (rows as Array<{ expire: number | string | null }>)[0];
    return row?.expire == null ? null : Number(row.expire);
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => this.pool.end(() => resolve()));
  }
}
