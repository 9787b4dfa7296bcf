import { MigrationInterface, QueryRunner, Table } from "typeorm";

/**
 * The limiter store shared by every replica (RL-2, docs/security.md). The columns are the ones
 * rate-limiter-flexible's RateLimiterMySQL and RateLimiterSQLite read and write, in their order
 * (`INSERT INTO t VALUES (key, points, expire)`): the limiters run with `tableCreated: true`.
 */
export class RateLimits1764300000000 implements MigrationInterface {
  name = "RateLimits1764300000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "rate_limits",
        columns: [
          { name: "key", type: "varchar", length: "255", isPrimary: true },
          { name: "points", type: "int", default: 0 },
          // Epoch milliseconds; NULL never expires.
          { name: "expire", type: "bigint", unsigned: true, isNullable: true },
        ],
      }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("rate_limits");
  }
}
