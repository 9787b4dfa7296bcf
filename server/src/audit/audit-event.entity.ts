import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** One security-relevant event (SECURITY AUTH-5). Never holds a secret: see audit.service.ts. */
@Entity("audit_events")
@Index("ix_audit_events_user", ["userId", "occurredAt"])
@Index("ix_audit_events_type", ["eventType", "occurredAt"])
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  /** UTC. */
  @Column({ name: "occurred_at", type: "datetime", precision: 3 })
  occurredAt: Date;

  @Column({ name: "event_type", type: "varchar", length: 48 })
  eventType: string;

  @Column({ name: "user_id", type: "int", nullable: true })
  userId: number | null;

  @Column({ type: "varchar", length: 45, nullable: true })
  ip: string | null;

  @Column({ name: "user_agent", type: "varchar", length: 255, nullable: true })
  userAgent: string | null;

  @Column({ name: "request_id", type: "varchar", length: 64, nullable: true })
  requestId: string | null;

  /** Small JSON object. */
  @Column({ type: "varchar", length: 1000, nullable: true })
  detail: string | null;
}
