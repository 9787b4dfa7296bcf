import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * One login on one device. The access token carries `id` (sid); the cookie carries an opaque
 * token whose SHA-256 is `tokenHash`, replaced at every refresh. `previousTokenHash` lets a
 * replayed, already rotated token be recognised (and the session revoked).
 */
@Entity("sessions")
export class SessionEntity {
  /** Random UUID: unguessable and stable across refreshes. */
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ name: "user_id", type: "int" })
  userId: number;

  @Column({ name: "token_hash", type: "varchar", length: 64, unique: true })
  tokenHash: string;

  @Index()
  @Column({ name: "previous_token_hash", type: "varchar", length: 64, nullable: true })
  previousTokenHash: string | null;

  @Column({ name: "remember_me", type: "boolean" })
  rememberMe: boolean;

  @Column({ name: "expires_at", type: "datetime", precision: 3 })
  expiresAt: Date;

  @Column({ name: "created_at", type: "datetime", precision: 3 })
  createdAt: Date;

  @Column({ name: "last_used_at", type: "datetime", precision: 3 })
  lastUsedAt: Date;
}
