import type { UserTokenEntity } from "./user-token.entity";

/** What the reset page may say about a link before the new password is chosen. */
export enum PasswordResetTokenStatus {
  VALID = "VALID",
  USED = "USED",
  EXPIRED = "EXPIRED",
  INVALID = "INVALID",
}

/**
 * A stored reset token's status (null: unknown or garbled). Spent or voided (by a newer link or
 * a reset) is USED even once its 30 minutes are over: that is what the link's owner did last.
 */
export function resetTokenStatus(
  row: Pick<UserTokenEntity, "usedAt" | "expiresAt"> | null,
  now: Date,
): PasswordResetTokenStatus {
  if (!row) return PasswordResetTokenStatus.INVALID;
  if (row.usedAt !== null) return PasswordResetTokenStatus.USED;
  if (row.expiresAt <= now) return PasswordResetTokenStatus.EXPIRED;
  return PasswordResetTokenStatus.VALID;
}
