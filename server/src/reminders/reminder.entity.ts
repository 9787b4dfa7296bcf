import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";

export enum ReminderChannel {
  EMAIL = "EMAIL",
  PUSH = "PUSH",
}

/** Where a push reminder stands; e-mail reminders have none (the mail outbox keeps theirs). */
export enum PushReminderStatus {
  /** Waiting to be sent, or claimed by a sender until `claimedUntil` (then sent again). */
  PENDING = "PENDING",
  SENT = "SENT",
  /** Not sent: a sending came first, push was turned off, or no device is subscribed. */
  CANCELLED = "CANCELLED",
  /** No device reached after the last attempt. */
  FAILED = "FAILED",
}

/**
 * One reminder of one meter to one subscriber on one channel and day. The unique key makes a
 * second run, a second replica or a resumed run add nothing, and lets every subscriber linked
 * to an account be reminded.
 */
@Entity("reminders")
@Unique("uq_reminders_meter_user_channel_day", ["meterId", "userId", "channel", "day"])
@Index("ix_reminders_day", ["day", "channel"])
@Index("ix_reminders_user_day", ["userId", "day", "channel"])
export class ReminderEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "meter_id", type: "int" })
  meterId: number;

  @Column({ type: "varchar", length: 8 })
  channel: ReminderChannel;

  /** The Almaty date of the reminder day, "YYYY-MM-DD". */
  @Column({ type: "varchar", length: 10 })
  day: string;

  @Column({ name: "user_id", type: "int" })
  userId: number;

  @Column({ name: "created_at", type: "datetime", precision: 3 })
  createdAt: Date;

  /** Push only: the sending's state (README "Reminders"); null for e-mail. */
  @Column({ type: "varchar", length: 10, nullable: true })
  status: PushReminderStatus | null;

  /** Push only: sendings tried. */
  @Column({ type: "int", default: 0 })
  attempts: number;

  /** Push only: a sender claimed it until then; after that, another pass sends it. */
  @Column({ name: "claimed_until", type: "datetime", precision: 3, nullable: true })
  claimedUntil: Date | null;

  @Column({ name: "sent_at", type: "datetime", precision: 3, nullable: true })
  sentAt: Date | null;
}
