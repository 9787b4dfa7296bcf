import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from "typeorm";
import { id, instant, integer, text } from "./columns";

/**
 * Reminders and one-tap submit links (issue 20 §1, §2): the subscriber's reminder channels,
 * the links (stored hashed), one row per reminder (unique per meter, channel and day: a second
 * or resumed run adds nothing), and one row per reminder day (its lease and counts).
 */
export class Reminders1765000000000 implements MigrationInterface {
  name = "Reminders1765000000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns("users", [
      new TableColumn({ name: "reminder_email", type: "boolean", default: "1" }),
      new TableColumn({ name: "reminder_push", type: "boolean", default: "0" }),
    ]);
    // Which reminder an e-mail is ("reminder:<day>:<user id>"): its send-time check, its counts.
    await queryRunner.addColumn("mail_outbox", new TableColumn(text("ref", 64, true)));
    await queryRunner.createIndex(
      "mail_outbox",
      new TableIndex({ name: "ix_mail_outbox_ref", columnNames: ["ref"] }),
    );
    await queryRunner.createTable(
      new Table({
        name: "submit_links",
        columns: [
          id(),
          text("token_hash", 64),
          integer("meter_id"),
          integer("user_id"),
          text("period", 7),
          text("language", 2),
          instant("expires_at"),
          instant("revoked_at", true),
          instant("created_at"),
        ],
        indices: [
          new TableIndex({
            name: "uq_submit_links_token",
            columnNames: ["token_hash"],
            isUnique: true,
          }),
          new TableIndex({ name: "ix_submit_links_user", columnNames: ["user_id"] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "reminders",
        columns: [
          id(),
          integer("meter_id"),
          text("channel", 8),
          text("day", 10),
          integer("user_id"),
          instant("created_at"),
        ],
        indices: [
          new TableIndex({
            name: "uq_reminders_meter_channel_day",
            columnNames: ["meter_id", "channel", "day"],
            isUnique: true,
          }),
          new TableIndex({ name: "ix_reminders_day", columnNames: ["day", "channel"] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "reminder_runs",
        columns: [
          { name: "day", type: "varchar", length: "10", isPrimary: true },
          instant("started_at"),
          instant("finished_at", true),
          integer("queued"),
          text("lease_owner", 64, true),
          instant("lease_until", true),
        ],
      }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("reminder_runs");
    await queryRunner.dropTable("reminders");
    await queryRunner.dropTable("submit_links");
    await queryRunner.dropIndex("mail_outbox", "ix_mail_outbox_ref");
    await queryRunner.dropColumn("mail_outbox", "ref");
    await queryRunner.dropColumn("users", "reminder_push");
    await queryRunner.dropColumn("users", "reminder_email");
  }
}
