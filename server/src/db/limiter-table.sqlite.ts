import { RateLimiterSQLite } from "rate-limiter-flexible";
import type { DataSource } from "typeorm";
import type { BucketShape, LimiterTable, WindowCharge, TableLimiterOptions } from "./limiter-table";
import { bucketTakeParameters, paysSql, RATE_LIMIT_TABLE } from "./limiter-table";

interface Connection {
  prepare(sql: string): { get(...args: unknown[]): unknown; all(...args: unknown[]): unknown[] };
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

  async addToWindows(charges: WindowCharge[], at: number) {
    const rows = this.connection()
      .prepare(
        `INSERT INTO ${RATE_LIMIT_TABLE} ("key", points, expire)
           VALUES ${charges.map(() => "(?, ?, ?)").join(", ")}
           ON CONFLICT("key") DO UPDATE SET
             points = CASE WHEN expire IS NULL OR expire <= ? THEN excluded.points
                      ELSE points + excluded.points END,
             expire = CASE WHEN expire IS NULL OR expire <= ? THEN excluded.expire ELSE expire END
           RETURNING "key", points, expire`,
      )
      .all(...charges.flatMap((charge) => [charge.key, charge.cost, charge.end]), at, at) as Array<{
      key: string;
      points: number;
      expire: number;
    }>;
    return new Map(
      rows.map((row) => [row.key, { points: Number(row.points), expire: Number(row.expire) }]),
    );
  }

  async close(): Promise<void> {}

  private connection(): Connection {
    return (this.dataSource.driver as unknown as { databaseConnection: Connection })
      .databaseConnection;
  }
}
