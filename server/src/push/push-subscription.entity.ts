import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";

/**
 * One browser's web push subscription (one device of a subscriber). Removed when that device's
 * session logs out, at `logoutEverywhere`, and when the push service answers 404 or 410.
 */
@Entity("push_subscriptions")
@Unique("uq_push_subscriptions_endpoint", ["endpoint"])
@Index("ix_push_subscriptions_user", ["userId"])
@Index("ix_push_subscriptions_session", ["sessionId"])
export class PushSubscriptionEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "user_id", type: "int" })
  userId: number;

  /** The session that subscribed (stable across refreshes): its logout removes the row. */
  @Column({ name: "session_id", type: "varchar", length: 36, nullable: true })
  sessionId: string | null;

  /** The push service's URL for this browser, checked to be https and public. */
  @Column({ type: "varchar", length: 500 })
  endpoint: string;

  /** The browser's P-256 public key (base64url, 65 bytes). */
  @Column({ type: "varchar", length: 100 })
  p256dh: string;

  /** The browser's auth secret (base64url, 16 bytes). */
  @Column({ type: "varchar", length: 32 })
  auth: string;

  /** What the subscriber called the device, if anything ("Pixel 7"). */
  @Column({ type: "varchar", length: 100, nullable: true })
  device: string | null;

  @Column({ name: "created_at", type: "datetime", precision: 3 })
  createdAt: Date;

  @Column({ name: "last_success_at", type: "datetime", precision: 3, nullable: true })
  lastSuccessAt: Date | null;
}
