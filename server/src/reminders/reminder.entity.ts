import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";

export enum ReminderChannel {
  EMAIL = "EMAIL",
  PUSH = "PUSH",
}

/**
 * One reminder of one meter on one channel and day. The unique key makes a second run, a
 * second replica or a resumed run add nothing.
 */
@Entity("reminders")
@Unique("uq_reminders_meter_channel_day", ["meterId", "channel", "day"])
@Index("ix_reminders_day", ["day", "channel"])
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
}
