import { createPool, type Pool } from "mysql2";
import { RateLimiterMySQL } from "rate-limiter-flexible";
import type { BucketShape, LimiterTable, WindowCharge, TableLimiterOptions } from "./limiter-table";
import { bucketTakeParameters, paysSql, RATE_LIMIT_TABLE } from "./limiter-table";
import { applyToSessions, type SessionPool } from "./session-settings";
import { isLockConflict } from "./transaction";

/** Over a callback-style mysql2 pool of its own (rate-limiter-flexible's MySQL client). */
export class MysqlLimiterTable implements LimiterTable {
  private readonly pool: Pool;
  private readonly database: string;

  /** `sessionSettings`: what every session starts with (session-settings.ts). */
  constructor(url: string, sessionSettings: string[] = []) {
    this.pool = createPool({
      uri: url,
      connectionLimit: 10,
      // Bounded (FT-1), but roomy: every guarded request takes up to four connections.
      queueLimit: 1000,
      connectTimeout: 5000,
    });
    applyToSessions(this.pool as unknown as SessionPool, sessionSettings);
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
          // InnoDB may pick the upsert as a deadlock victim: run it again.
          if (attempt >= 3 || !isLockConflict(error)) throw error;
        }
      }
    } finally {
      conn.release();
    }
  }

  async addToWindows(charges: WindowCharge[], at: number) {
    // In key order, so two replicas' upserts lock rows in the same order (no deadlock).
    const sorted = [...charges].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const pool = this.pool.promise();
    // `points` is assigned first, on the old `expire`; VALUES(…) is the row this upsert brought.
    // One statement, so running it again after a conflict (it was rolled back) adds once.
    const upsert = () =>
      pool.query(
        `INSERT INTO ${RATE_LIMIT_TABLE} (\`key\`, points, expire)
       VALUES ${sorted.map(() => "(?, ?, ?)").join(", ")}
       ON DUPLICATE KEY UPDATE
         points = IF(expire IS NULL OR expire <= ?, VALUES(points), points + VALUES(points)),
         expire = IF(expire IS NULL OR expire <= ?, VALUES(expire), expire)`,
        [...sorted.flatMap((charge) => [charge.key, charge.cost, charge.end]), at, at],
      );
    for (let attempt = 1; ; attempt++) {
      try {
        await upsert();
        break;
      } catch (error) {
        if (attempt >= 3 || !isLockConflict(error)) throw error;
      }
    }
    const [rows] = await pool.query(
      `SELECT \`key\`, points, expire FROM ${RATE_LIMIT_TABLE} WHERE \`key\` IN (?)`,
      [sorted.map((charge) => charge.key)],
    );
    return new Map(
      (rows as Array<{ key: string; points: number; expire: number | string }>).map((row) => [
        row.key,
        { points: Number(row.points), expire: Number(row.expire) },
      ]),
    );
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => this.pool.end(() => resolve()));
  }
}
