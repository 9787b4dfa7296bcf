import { type MigrationInterface, type QueryRunner, Table, TableIndex } from "typeorm";
import { id, instant, integer, text } from "./columns";

/**
 * Webhooks (issue 19): the endpoints API clients register, their deliveries, and the
 * dispatcher's one row (its cursor in the readings feed and its lease).
 */
export class Webhooks1764700000000 implements MigrationInterface {
  name = "Webhooks1764700000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "webhook_endpoints",
        columns: [
          id(),
          integer("api_client_id"),
          text("url", 500),
          text("events", 200),
          { name: "secret_sealed", type: "text" },
          instant("created_at"),
          instant("deleted_at", true),
        ],
        indices: [
          new TableIndex({ name: "ix_webhook_endpoints_client", columnNames: ["api_client_id"] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "webhook_deliveries",
        columns: [
          id(),
          integer("endpoint_id"),
          integer("api_client_id"),
          text("event_id", 40),
          text("event_type", 32),
          { name: "payload", type: "text" },
          text("status", 16),
          { name: "attempts", type: "int", default: 0 },
          instant("next_attempt_at"),
          text("last_error", 500, true),
          instant("created_at"),
          instant("delivered_at", true),
        ],
        indices: [
          new TableIndex({
            name: "uq_webhook_deliveries_endpoint_event",
            columnNames: ["endpoint_id", "event_id"],
            isUnique: true,
          }),
          new TableIndex({
            name: "ix_webhook_deliveries_due",
            columnNames: ["status", "next_attempt_at"],
          }),
          new TableIndex({
            name: "ix_webhook_deliveries_client",
            columnNames: ["api_client_id", "id"],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "webhook_dispatch",
        columns: [
          { name: "name", type: "varchar", length: "32", isPrimary: true },
          text("feed_cursor", 2000, true),
          text("lease_owner", 64, true),
          instant("lease_until", true),
        ],
      }),
    );
    await queryRunner.query("INSERT INTO webhook_dispatch (name) VALUES ('readings')");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("webhook_dispatch");
    await queryRunner.dropTable("webhook_deliveries");
    await queryRunner.dropTable("webhook_endpoints");
  }
}
