import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableCheck,
  TableForeignKey,
  TableIndex,
  TableUnique,
} from "typeorm";
import { bigint, id, instant, integer, text } from "./columns";

const references = (column: string, table: string, onDelete = "CASCADE") =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ["id"],
    onDelete,
  });

export class InitialSchema1764100000000 implements MigrationInterface {
  name = "InitialSchema1764100000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "users",
        columns: [
          id(),
          text("email", 254),
          { ...text("email_normalized", 254), isUnique: true },
          text("password_hash", 100),
          text("last_name", 100),
          text("first_name", 100),
          text("phone", 16),
          text("person_type", 16),
          text("bin", 12, true),
          text("language", 2),
          { ...text("role", 16), default: "'SUBSCRIBER'" },
          instant("email_verified_at", true),
          instant("created_at"),
          instant("updated_at"),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: "sessions",
        columns: [
          { ...text("id", 36), isPrimary: true },
          integer("user_id"),
          { ...text("token_hash", 64), isUnique: true },
          text("previous_token_hash", 64, true),
          { name: "remember_me", type: "boolean" },
          instant("expires_at"),
          instant("created_at"),
          instant("last_used_at"),
        ],
        indices: [
          new TableIndex({ columnNames: ["user_id"] }),
          new TableIndex({ columnNames: ["previous_token_hash"] }),
        ],
        foreignKeys: [references("user_id", "users")],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: "accounts",
        columns: [
          id(),
          { ...text("number", 32), isUnique: true },
          text("holder_name", 200),
          text("address", 500),
          text("owner_bin", 12, true),
          instant("created_at"),
          instant("updated_at"),
        ],
        indices: [new TableIndex({ columnNames: ["owner_bin"] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: "account_links",
        columns: [id(), integer("user_id"), integer("account_id"), instant("created_at")],
        uniques: [
          new TableUnique({
            name: "uq_account_links_user_account",
            columnNames: ["user_id", "account_id"],
          }),
        ],
        indices: [new TableIndex({ columnNames: ["account_id"] })],
        foreignKeys: [references("user_id", "users"), references("account_id", "accounts")],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: "payments",
        columns: [id(), integer("account_id"), bigint("amount_tiyn"), instant("paid_at")],
        uniques: [
          new TableUnique({
            name: "uq_payments_natural",
            columnNames: ["account_id", "paid_at", "amount_tiyn"],
          }),
        ],
        indices: [
          new TableIndex({
            name: "ix_payments_account_paid",
            columnNames: ["account_id", "paid_at"],
          }),
        ],
        foreignKeys: [references("account_id", "accounts")],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: "meters",
        columns: [
          id(),
          integer("account_id"),
          { ...text("serial_number", 64), isUnique: true },
          instant("installed_at"),
          instant("removed_at", true),
        ],
        indices: [new TableIndex({ columnNames: ["account_id"] })],
        foreignKeys: [references("account_id", "accounts")],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: "readings",
        columns: [
          id(),
          integer("meter_id"),
          bigint("value_milli"),
          instant("taken_at"),
          text("period", 7),
          text("source", 16),
          integer("slot", true),
          { name: "is_correction", type: "boolean", default: "0" },
          bigint("previous_value_milli", true),
          integer("submitted_by_user_id", true),
          text("caller", 80, true),
          text("idempotency_key", 64, true),
          { ...text("external_id", 160, true), isUnique: true },
          instant("created_at"),
        ],
        uniques: [
          new TableUnique({
            name: "uq_readings_meter_period_slot",
            columnNames: ["meter_id", "period", "slot"],
          }),
          new TableUnique({
            name: "uq_readings_caller_key",
            columnNames: ["caller", "idempotency_key"],
          }),
        ],
        checks: [new TableCheck({ name: "ck_readings_slot", expression: "slot IN (1, 2)" })],
        indices: [
          new TableIndex({
            name: "ix_readings_meter_taken",
            columnNames: ["meter_id", "taken_at", "id"],
          }),
        ],
        foreignKeys: [
          references("meter_id", "meters"),
          references("submitted_by_user_id", "users", "SET NULL"),
        ],
      }),
    );
    if (queryRunner.connection.driver.options.type === "mysql") {
      // TypeORM's MySQL runner drops table checks; MySQL >= 8.0.16 and MariaDB enforce this one.
      await queryRunner.query(
        "ALTER TABLE readings ADD CONSTRAINT ck_readings_slot CHECK (slot IN (1, 2))",
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      "readings",
      "meters",
      "payments",
      "account_links",
      "accounts",
      "sessions",
      "users",
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
