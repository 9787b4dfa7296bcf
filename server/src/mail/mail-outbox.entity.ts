import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

export enum OutboxStatus {
  PENDING = "PENDING",
  SENT = "SENT",
  /** Given up after the last retry. */
  FAILED = "FAILED",
  /** Not sent: its send-time check found it no longer needed (a reminder after a sending). */
  CANCELLED = "CANCELLED",
}

/** A message waiting to be sent, written in the same transaction as the action that sends it. */
@Entity("mail_outbox")
@Index("ix_mail_outbox_due", ["status", "nextAttemptAt"])
@Index("ix_mail_outbox_ref", ["ref"])
export class MailOutboxEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  /** Which template (MailKind); the message itself is in `payload`. */
  @Column({ type: "varchar", length: 32 })
  kind: string;

  @Column({ type: "varchar", length: 254 })
  recipient: string;

  /** What the message is about, for a send-time check (`MailService.checkBeforeSending`). */
  @Column({ type: "varchar", length: 64, nullable: true })
  ref: string | null;

  /** The rendered message, sealed with AES-256-GCM; null once sent or given up. */
  @Column({ type: "text", nullable: true })
  payload: string | null;

  @Column({ type: "varchar", length: 16 })
  status: OutboxStatus;

  @Column({ type: "int", default: 0 })
  attempts: number;

  @Column({ name: "next_attempt_at", type: "datetime", precision: 3 })
  nextAttemptAt: Date;

  @Column({ name: "last_error", type: "varchar", length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: "created_at", type: "datetime", precision: 3 })
  createdAt: Date;

  @Column({ name: "sent_at", type: "datetime", precision: 3, nullable: true })
  sentAt: Date | null;
}
