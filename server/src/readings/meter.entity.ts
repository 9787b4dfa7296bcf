import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity("meters")
export class MeterEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Index()
  @Column({ name: "account_id", type: "int" })
  accountId: number;

  @Column({ name: "serial_number", type: "varchar", length: 64, unique: true })
  serialNumber: string;

  @Column({ name: "installed_at", type: "datetime", precision: 3 })
  installedAt: Date;

  /** Set when the meter was replaced; its history stays. */
  @Column({ name: "removed_at", type: "datetime", precision: 3, nullable: true })
  removedAt: Date | null;

  /** The next verification (поверка) is due by the end of this Almaty day, "YYYY-MM-DD". */
  @Column({ name: "verification_due", type: "date", nullable: true, utc: true })
  verificationDue: string | null;
}
