import type { DataSource } from "typeorm";
import type { AuditService } from "../audit/audit.service";
import type { RequestMeta } from "../audit/request-meta";
import type { PasswordHasher } from "../auth/password-hasher.service";
import type { SessionsService } from "../auth/sessions.service";
import { withTransaction } from "../db/transaction";
import type { MailService } from "../mail/mail.service";
import type { Clock } from "../core/clock";
import { AppError } from "../common/app-error";
import { normalizeEmail } from "../users/email.rules";
import { UserEntity } from "../users/user.entity";
import { assertAcceptablePassword } from "../users/users.service";
import { hasTokenShape, newOneTimeToken, RESET_TOKEN_TTL_MS } from "./one-time-token";
import { type PasswordResetTokenStatus, resetTokenStatus } from "./reset-token-status";
import { type ResetRequestThrottle, unlimitedResetRequests } from "./reset-throttle";
import { TokenPurpose } from "./user-token.entity";
import { UserTokens } from "./user-tokens";

/** The path of the app's "choose a new password" screen; the token follows in the fragment. */
export const RESET_PATH = "/reset-password";

/** "Forgot password" by e-mail (SECURITY REC-1..REC-6). */
export class PasswordResetService {
  private readonly tokens: UserTokens;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    /** REC-5 / RL-6: replace with the rate limiter's implementation (see reset-throttle.ts). */
    public throttle: ResetRequestThrottle = unlimitedResetRequests,
  ) {
    this.tokens = new UserTokens(clock);
  }

  /**
   * Always succeeds, on the same path for known and unknown addresses (REC-1): the same
   * look-up, a token made and hashed, the same transaction with its void-older-tokens UPDATE and
   * audit row. Only a known address gets a stored token and an e-mail. A new request voids the
   * older tokens (REC-3).
   */
  async request(email: string, meta: RequestMeta): Promise<void> {
    const emailNormalized = normalizeEmail(email);
    // REC-5: the single place that decides whether a reset e-mail may go out.
    const mayMail = await this.throttle.mayRequestReset(email, meta);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ emailNormalized });
    const target = user && mayMail ? user : null;

    await withTransaction(this.dataSource, async (manager) => {
      // A throttled request leaves the live link alone: it must not be a way to void it.
      await this.tokens.voidAll(manager, target?.id ?? 0, TokenPurpose.PASSWORD_RESET);
      if (target) {
        const token = await this.tokens.issue(
          manager,
          target.id,
          TokenPurpose.PASSWORD_RESET,
          RESET_TOKEN_TTL_MS,
        );
        await this.mail.enqueue(manager, target, {
          kind: "PASSWORD_RESET",
          firstName: target.firstName,
          link: this.mail.link(RESET_PATH, token),
          validMinutes: RESET_TOKEN_TTL_MS / 60_000,
        });
      } else {
        newOneTimeToken(); // the same random and hash work as a real token
      }
      await this.audit.record(
        {
          type: "PASSWORD_RESET_REQUESTED",
          userId: user?.id ?? null,
          meta,
          detail: { knownAddress: user !== null, throttled: !mayMail },
        },
        manager,
      );
    });
  }

  /**
   * Sets a new password with a reset token: the policy of registration applies; the token is
   * spent by one conditional UPDATE; every session ends, every reset token is void, a notice is
   * sent. It does not log in and never locks the account (REC-2, REC-3, SES-6).
   */
  async reset(token: string, newPassword: string, meta: RequestMeta): Promise<void> {
    const live = hasTokenShape(token)
      ? await this.tokens.find(this.dataSource.manager, token, TokenPurpose.PASSWORD_RESET)
      : null;
    if (!live || !this.tokens.isLive(live)) return this.refuse(meta, live?.userId ?? null);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: live.userId });
    if (!user) return this.refuse(meta, null);

    assertAcceptablePassword(newPassword, "newPassword", {
      email: user.email,
      names: [user.lastName, user.firstName],
    });
    const passwordHash = await this.hasher.hash(newPassword);
    try {
      await withTransaction(this.dataSource, async (manager) => {
        if (!(await this.tokens.spend(manager, live.id))) {
          throw new AppError("INVALID_RESET_TOKEN");
        }
        const now = this.clock.now();
        await manager.getRepository(UserEntity).update(
          { id: user.id },
          // The link reached the mailbox: that also confirms the address.
          { passwordHash, updatedAt: now, emailVerifiedAt: user.emailVerifiedAt ?? now },
        );
        await this.sessions.endOthers(manager, user.id, null);
        await this.tokens.voidAll(manager, user.id, TokenPurpose.PASSWORD_RESET);
        await this.mail.enqueue(manager, user, {
          kind: "PASSWORD_CHANGED",
          firstName: user.firstName,
          how: "RESET",
          loginUrl: this.mail.appUrl("/"),
        });
        await this.audit.record({ type: "PASSWORD_RESET", userId: user.id, meta }, manager);
      });
    } catch (error) {
      if (error instanceof AppError && error.code === "INVALID_RESET_TOKEN") {
        return this.refuse(meta, user.id);
      }
      throw error;
    }
  }

  /**
   * The token's status, for the reset page: read only, so it neither spends nor extends it, and
   * it names no account. Limited per client address before anything is looked up.
   */
  async tokenStatus(token: string, meta: RequestMeta): Promise<PasswordResetTokenStatus> {
    await this.throttle.beforeResetTokenCheck(meta);
    const row = hasTokenShape(token)
      ? await this.tokens.find(this.dataSource.manager, token, TokenPurpose.PASSWORD_RESET)
      : null;
    return resetTokenStatus(row, this.clock.now());
  }

  /** Used, expired and unknown tokens answer alike. */
  private async refuse(meta: RequestMeta, userId: number | null): Promise<never> {
    await this.audit.record({
      type: "PASSWORD_RESET_FAILED",
      userId,
      meta,
      detail: { reason: "INVALID_RESET_TOKEN" },
    });
    throw new AppError("INVALID_RESET_TOKEN");
  }
}
