import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from "typeorm";
import { id, instant, integer, text } from "./columns";

/** Web push (issue 20 §3): one row per subscribed browser. */
export class PushSubscriptions1765100000000 implements MigrationInterface {
  name = "PushSubscriptions1765100000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "push_subscriptions",
        columns: [
          id(),
          integer("user_id"),
          text("session_id", 36, true),
          text("endpoint", 500),
          text("p256dh", 100),
          text("auth", 32),
          text("device", 100, true),
          instant("created_at"),
          instant("last_success_at", true),
        ],
        uniques: [
          new TableUnique({ name: "uq_push_subscriptions_endpoint", columnNames: ["endpoint"] }),
        ],
        indices: [
          new TableIndex({ name: "ix_push_subscriptions_user", columnNames: ["user_id"] }),
          new TableIndex({ name: "ix_push_subscriptions_session", columnNames: ["session_id"] }),
        ],
      }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("push_subscriptions");
  }
}
