import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from "typeorm";

/**
 * API clients of integrators; the external id of payments (integrators' natural key); the
 * commit-ordered feed sequence of readings (CON-6): `readings.feed_seq` is taken from the one-row
 * `feed_sequence` counter, whose row lock is held until the writing transaction commits, so
 * sequence numbers become visible in increasing order.
 */
export class Integrators1764400000000 implements MigrationInterface {
  name = "Integrators1764400000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "api_clients",
        columns: [
          {
            name: "id",
            type: "integer",
            isPrimary: true,
            isGenerated: true,
            generationStrategy: "increment",
          },
          { name: "client_id", type: "varchar", length: "40", isUnique: true },
          { name: "secret_hash", type: "varchar", length: "64" },
          { name: "name", type: "varchar", length: "100" },
          { name: "scopes", type: "varchar", length: "200" },
          { name: "created_at", type: "datetime", precision: 3 },
          { name: "revoked_at", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "feed_sequence",
        columns: [
          { name: "name", type: "varchar", length: "32", isPrimary: true },
          { name: "value", type: "bigint", default: "0" },
        ],
      }),
    );
    await queryRunner.addColumn(
      "payments",
      new TableColumn({ name: "external_id", type: "varchar", length: "160", isNullable: true }),
    );
    await queryRunner.createIndex(
      "payments",
      new TableIndex({
        name: "uq_payments_external_id",
        columnNames: ["external_id"],
        isUnique: true,
      }),
    );
    await queryRunner.addColumn(
      "readings",
      new TableColumn({ name: "feed_seq", type: "bigint", isNullable: true }),
    );
    await queryRunner.createIndex(
      "readings",
      new TableIndex({ name: "uq_readings_feed_seq", columnNames: ["feed_seq"], isUnique: true }),
    );
    await queryRunner.createIndex(
      "readings",
      new TableIndex({ name: "ix_readings_period_feed", columnNames: ["period", "feed_seq"] }),
    );
    // Sendings made before the feed existed join it in id order; the counter continues after them.
    await queryRunner.query(
      "UPDATE readings SET feed_seq = id WHERE source IN ('SUBSCRIBER', 'PARTNER')",
    );
    await queryRunner.query(
      "INSERT INTO feed_sequence (name, value) " +
        "SELECT 'readings', COALESCE(MAX(feed_seq), 0) FROM readings",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex("readings", "ix_readings_period_feed");
    await queryRunner.dropIndex("readings", "uq_readings_feed_seq");
    await queryRunner.dropColumn("readings", "feed_seq");
    await queryRunner.dropIndex("payments", "uq_payments_external_id");
    await queryRunner.dropColumn("payments", "external_id");
    await queryRunner.dropTable("feed_sequence");
    await queryRunner.dropTable("api_clients");
  }
}
