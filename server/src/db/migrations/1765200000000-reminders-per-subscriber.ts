import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from "typeorm";
import { instant, integer, text } from "./columns";

/**
 * Reminders per subscriber and web push as a channel (issue 20 §1, §3): the unique key becomes
 * (meter, user, channel, day), so every subscriber linked to an account is reminded once; a
 * push reminder row carries its sending state (queued, claimed, sent); expired links are found
 * by their expiry for the cleanup.
 */
export class RemindersPerSubscriber1765200000000 implements MigrationInterface {
  name = "RemindersPerSubscriber1765200000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex("reminders", "uq_reminders_meter_channel_day");
    await queryRunner.createIndex(
      "reminders",
      new TableIndex({
        name: "uq_reminders_meter_user_channel_day",
        columnNames: ["meter_id", "user_id", "channel", "day"],
        isUnique: true,
      }),
    );
    await queryRunner.addColumns("reminders", [
      new TableColumn(text("status", 10, true)),
      new TableColumn({ ...integer("attempts"), default: 0 }),
      new TableColumn(instant("claimed_until", true)),
      new TableColumn(instant("sent_at", true)),
    ]);
    await queryRunner.createIndex(
      "reminders",
      new TableIndex({ name: "ix_reminders_user_day", columnNames: ["user_id", "day", "channel"] }),
    );
    await queryRunner.createIndex(
      "submit_links",
      new TableIndex({ name: "ix_submit_links_expires", columnNames: ["expires_at"] }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex("submit_links", "ix_submit_links_expires");
    await queryRunner.dropIndex("reminders", "ix_reminders_user_day");
    for (const column of ["sent_at", "claimed_until", "attempts", "status"]) {
      await queryRunner.dropColumn("reminders", column);
    }
    await queryRunner.dropIndex("reminders", "uq_reminders_meter_user_channel_day");
    // Several subscribers' reminders of one meter and day would break the old key: keep one.
    await queryRunner.query(
      "DELETE FROM reminders WHERE id NOT IN (SELECT keep FROM (SELECT MIN(id) AS keep " +
        "FROM reminders GROUP BY meter_id, channel, day) kept)",
    );
    await queryRunner.createIndex(
      "reminders",
      new TableIndex({
        name: "uq_reminders_meter_channel_day",
        columnNames: ["meter_id", "channel", "day"],
        isUnique: true,
      }),
    );
  }
}
