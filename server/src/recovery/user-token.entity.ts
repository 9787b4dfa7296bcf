import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

export enum TokenPurpose {
  PASSWORD_RESET = "PASSWORD_RESET",
  EMAIL_CONFIRMATION = "EMAIL_CONFIRMATION",
}

/**
 * A one-time token sent by e-mail (SECURITY JWT-3: opaque, never a JWT). Only its SHA-256 is
 * stored; `usedAt` is set by the single conditional UPDATE that spends it.
 */
@Entity("user_tokens")
@Index("ix_user_tokens_user", ["userId", "purpose"])
export class UserTokenEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "user_id", type: "int" })
  userId: number;

  @Column({ type: "varchar", length: 24 })
  purpose: TokenPurpose;

  @Column({ name: "token_hash", type: "varchar", length: 64, unique: true })
  tokenHash: string;

  @Column({ name: "expires_at", type: "datetime", precision: 3 })
  expiresAt: Date;

  @Column({ name: "used_at", type: "datetime", precision: 3, nullable: true })
  usedAt: Date | null;

  @Column({ name: "created_at", type: "datetime", precision: 3 })
  createdAt: Date;
}
