import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Language } from "../core/enums";

/**
 * A one-tap submit link (README "Reminders"): its bearer may see one meter's window and send
 * that month's reading, nothing else. Only the token's SHA-256 is stored.
 */
@Entity("submit_links")
@Index("ix_submit_links_user", ["userId"])
@Index("ix_submit_links_expires", ["expiresAt"])
export class SubmitLinkEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Index("uq_submit_links_token", { unique: true })
  @Column({ name: "token_hash", type: "varchar", length: 64 })
  tokenHash: string;

  @Column({ name: "meter_id", type: "int" })
  meterId: number;

  /** The subscriber it was sent to; the sending is his, under his access to the meter. */
  @Column({ name: "user_id", type: "int" })
  userId: number;

  /** The Almaty month it is good for, "YYYY-MM". */
  @Column({ type: "varchar", length: 7 })
  period: string;

  /** The language of the e-mail, for the page. */
  @Column({ type: "varchar", length: 2 })
  language: Language;

  /** The end of the Almaty month. */
  @Column({ name: "expires_at", type: "datetime", precision: 3 })
  expiresAt: Date;

  /** Set by a password change or `logoutEverywhere`. */
  @Column({ name: "revoked_at", type: "datetime", precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ name: "created_at", type: "datetime", precision: 3 })
  createdAt: Date;
}
