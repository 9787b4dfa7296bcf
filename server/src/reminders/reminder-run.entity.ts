import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * One reminder day's run: its lease (the replica holding an unexpired lease works; a crashed
 * one's lease runs out and another resumes) and how many reminders it queued.
 */
@Entity("reminder_runs")
export class ReminderRunEntity {
  /** The Almaty date, "YYYY-MM-DD". */
  @PrimaryColumn({ type: "varchar", length: 10 })
  day: string;

  @Column({ name: "started_at", type: "datetime", precision: 3 })
  startedAt: Date;

  @Column({ name: "finished_at", type: "datetime", precision: 3, nullable: true })
  finishedAt: Date | null;

  @Column({ type: "int" })
  queued: number;

  @Column({ name: "lease_owner", type: "varchar", length: 64, nullable: true })
  leaseOwner: string | null;

  @Column({ name: "lease_until", type: "datetime", precision: 3, nullable: true })
  leaseUntil: Date | null;
}
