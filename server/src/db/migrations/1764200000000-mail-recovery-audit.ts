import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from "typeorm";
import { id, instant, text } from "./columns";

/**
 * One-time e-mail tokens (password reset, address confirmation), the mail outbox that is written
 * in the same transaction as the action that sends mail, and the audit log.
 */
export class MailRecoveryAudit1764200000000 implements MigrationInterface {
  name = "MailRecoveryAudit1764200000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "user_tokens",
        columns: [
          id(),
          { name: "user_id", type: "int" },
          text("purpose", 24),
          // SHA-256 (hex) of the token: the token itself is only in the e-mail.
          { ...text("token_hash", 64), isUnique: true },
          instant("expires_at"),
          instant("used_at", true),
          instant("created_at"),
        ],
        indices: [
          new TableIndex({ name: "ix_user_tokens_user", columnNames: ["user_id", "purpose"] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ["user_id"],
            referencedTableName: "users",
            referencedColumnNames: ["id"],
            onDelete: "CASCADE",
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: "mail_outbox",
        columns: [
          id(),
          text("kind", 32),
          text("recipient", 254),
          // The rendered message, sealed (AES-256-GCM); emptied once sent or given up.
          { name: "payload", type: "text", isNullable: true },
          text("status", 16),
          { name: "attempts", type: "int", default: 0 },
          instant("next_attempt_at"),
          text("last_error", 500, true),
          instant("created_at"),
          instant("sent_at", true),
        ],
        indices: [
          new TableIndex({
            name: "ix_mail_outbox_due",
            columnNames: ["status", "next_attempt_at"],
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: "audit_events",
        columns: [
          id(),
          instant("occurred_at"),
          text("event_type", 48),
          // No foreign key: the audit trail outlives the user row.
          { name: "user_id", type: "int", isNullable: true },
          text("ip", 45, true),
          text("user_agent", 255, true),
          text("request_id", 64, true),
          text("detail", 1000, true),
        ],
        indices: [
          new TableIndex({
            name: "ix_audit_events_user",
            columnNames: ["user_id", "occurred_at"],
          }),
          new TableIndex({
            name: "ix_audit_events_type",
            columnNames: ["event_type", "occurred_at"],
          }),
        ],
      }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ["audit_events", "mail_outbox", "user_tokens"]) {
      await queryRunner.dropTable(table);
    }
  }
}
