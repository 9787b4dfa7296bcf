import { RateLimiterSQLite } from "rate-limiter-flexible";
import type { DataSource } from "typeorm";
import type { BucketShape, LimiterTable, TableLimiterOptions } from "./limiter-table";
import { bucketTakeParameters, paysSql, RATE_LIMIT_TABLE } from "./limiter-table";

interface Connection {
  prepare(sql: string): { get(...args: unknown[]): unknown };
}

/** On the DataSource's own better-sqlite3 connection: the caller takes its turn (`inTurn`). */
export class SqliteLimiterTable implements LimiterTable {
  constructor(private readonly dataSource: DataSource) {}

  limiter(options: TableLimiterOptions): RateLimiterSQLite {
    return new RateLimiterSQLite({
      ...options,
      storeClient: this.connection(),
      storeType: "better-sqlite3",
    });
  }

  async takeFromBucket(key: string, cost: number, at: number, shape: BucketShape) {
    const { fresh, pays, grow } = bucketTakeParameters(key, cost, at, shape);
    const row = this.connection()
      .prepare(
        `INSERT INTO ${RATE_LIMIT_TABLE} ("key", points, expire) VALUES (?, ?, ?)
           ON CONFLICT("key") DO UPDATE SET
             points = CASE WHEN ${paysSql("MAX")} THEN 1 ELSE 0 END,
             expire = CASE WHEN ${paysSql("MAX")} THEN MAX(COALESCE(expire, 0), ?) + ? ELSE expire END
           RETURNING points, expire`,
      )
      .get(...fresh, ...pays, ...pays, ...grow) as { points: number; expire: number };
    return { ok: row.points === 1, fullAt: Number(row.expire) };
  }

  async addToWindow(key: string, cost: number, at: number, durationMs: number) {
    const end = at + durationMs;
    const row = this.connection()
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

  async windowEnd(key: string): Promise<number | null> {
    const row = this.connection()
      .prepare(`SELECT expire FROM ${RATE_LIMIT_TABLE} WHERE "key" = ?`)
      .get(key) as { expire: number | null } | undefined;
    return row?.expire == null ? null : Number(row.expire);
  }

  async close(): Promise<void> {}

  private connection(): Connection {
    return (this.dataSource.driver as unknown as { databaseConnection: Connection })
      .databaseConnection;
  }
}
