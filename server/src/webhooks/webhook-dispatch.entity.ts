import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * The webhook dispatcher's place in the readings feed and its lease: one row, `readings`. The
 * replica holding an unexpired lease turns new feed entries into deliveries; the cursor moves
 * in the same transaction as the deliveries are written, so each reading is fanned out once.
 */
@Entity("webhook_dispatch")
export class WebhookDispatchEntity {
  @PrimaryColumn({ type: "varchar", length: 32 })
  name: string;

  /** The feed cursor after the last reading fanned out; null until the dispatcher first runs. */
  @Column({ name: "feed_cursor", type: "varchar", length: 2000, nullable: true })
  feedCursor: string | null;

  @Column({ name: "lease_owner", type: "varchar", length: 64, nullable: true })
  leaseOwner: string | null;

  @Column({ name: "lease_until", type: "datetime", precision: 3, nullable: true })
  leaseUntil: Date | null;
}
