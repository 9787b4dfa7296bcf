import { type MigrationInterface, type QueryRunner, TableColumn } from "typeorm";

/** Each meter's next verification date (поверка, issue 20 §4), as the registry gives it. */
export class MeterVerification1764900000000 implements MigrationInterface {
  name = "MeterVerification1764900000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      "meters",
      new TableColumn({ name: "verification_due", type: "date", isNullable: true }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn("meters", "verification_due");
  }
}
