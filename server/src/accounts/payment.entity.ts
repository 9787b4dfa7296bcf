import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { bigintColumn } from "../db/transformers";

@Entity("payments")
@Unique("uq_payments_natural", ["accountId", "paidAt", "amountTiyn"])
@Index("ix_payments_account_paid", ["accountId", "paidAt"])
export class PaymentEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "account_id", type: "int" })
  accountId: number;

  /** Exact money: integer tiyn. */
  @Column({ name: "amount_tiyn", type: "bigint", transformer: bigintColumn })
  amountTiyn: bigint;

  @Column({ name: "paid_at", type: "datetime", precision: 3 })
  paidAt: Date;

  /** The integrator's id of the payment (registry sync), so a retried batch adds nothing. */
  @Column({ name: "external_id", type: "varchar", length: 160, nullable: true, unique: true })
  externalId: string | null;
}
