import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { bigintColumn } from "../db/transformers";
import { ReadingSource } from "../core/enums";

/**
 * A meter reading. Sendings that count against the monthly limit (subscriber and partner) hold
 * `slot` 1 or 2; the unique key on (meter, period, slot) makes a third impossible even if two
 * requests race past the application's check.
 */
@Entity("readings")
@Unique("uq_readings_meter_period_slot", ["meterId", "period", "slot"])
@Unique("uq_readings_caller_key", ["caller", "idempotencyKey"])
@Index("ix_readings_meter_taken", ["meterId", "takenAt", "id"])
@Check("ck_readings_slot", "slot IN (1, 2)")
export class ReadingEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "meter_id", type: "int" })
  meterId: number;

  /** Exact value: integer thousandths of a cubic metre. */
  @Column({ name: "value_milli", type: "bigint", transformer: bigintColumn })
  valueMilli: bigint;

  @Column({ name: "taken_at", type: "datetime", precision: 3 })
  takenAt: Date;

  /** Calendar month in Asia/Almaty, "YYYY-MM". */
  @Column({ type: "varchar", length: 7 })
  period: string;

  @Column({ type: "varchar", length: 16 })
  source: ReadingSource;

  @Column({ type: "int", nullable: true })
  slot: number | null;

  @Column({ name: "is_correction", type: "boolean", default: false })
  isCorrection: boolean;

  /** The value this sending was compared with (its minimum); null for registry readings. */
  @Column({
    name: "previous_value_milli",
    type: "bigint",
    nullable: true,
    transformer: bigintColumn,
  })
  previousValueMilli: bigint | null;

  @Column({ name: "submitted_by_user_id", type: "int", nullable: true })
  submittedByUserId: number | null;

  /** Who sent it, for idempotency: "user:<id>" or "client:<id>". */
  @Column({ type: "varchar", length: 80, nullable: true })
  caller: string | null;

  @Column({ name: "idempotency_key", type: "varchar", length: 64, nullable: true })
  idempotencyKey: string | null;

  /** Natural key of a registry reading (import, integrators), so a retried batch adds nothing. */
  @Column({ name: "external_id", type: "varchar", length: 160, nullable: true, unique: true })
  externalId: string | null;

  @Column({ name: "created_at", type: "datetime", precision: 3 })
  createdAt: Date;

  /**
   * Position in the readings feed (sendings only), numbered under the `feed_sequence` row lock so
   * that numbers commit in increasing order (CON-6); null for registry readings.
   */
  @Column({ name: "feed_seq", type: "bigint", nullable: true, transformer: bigintColumn })
  feedSeq: bigint | null;
}
