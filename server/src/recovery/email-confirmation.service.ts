import type { DataSource, EntityManager } from "typeorm";
import { IsNull } from "typeorm";
import type { AuditService } from "../audit/audit.service";
import type { RequestMeta } from "../audit/request-meta";
import { withTransaction } from "../db/transaction";
import type { MailService } from "../mail/mail.service";
import type { Clock } from "../core/clock";
import { AppError } from "../common/app-error";
import { UserEntity } from "../users/user.entity";
import { CONFIRMATION_TOKEN_TTL_MS, hasTokenShape } from "./one-time-token";
import { TokenPurpose } from "./user-token.entity";
import { UserTokens } from "./user-tokens";

/** The path of the app's confirmation screen; the token follows in the fragment. */
export const CONFIRM_PATH = "/confirm-email";

/** Confirms that a subscriber owns the registered address. Login never waits for it. */
export class EmailConfirmationService {
  private readonly tokens: UserTokens;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {
    this.tokens = new UserTokens(clock);
  }

  /** Queues the confirmation e-mail in the caller's transaction (registration). */
  async issue(manager: EntityManager, user: UserEntity): Promise<void> {
    const token = await this.tokens.issue(
      manager,
      user.id,
      TokenPurpose.EMAIL_CONFIRMATION,
      CONFIRMATION_TOKEN_TTL_MS,
    );
    await this.mail.enqueue(manager, user, {
      kind: "EMAIL_CONFIRMATION",
      firstName: user.firstName,
      link: this.mail.link(CONFIRM_PATH, token),
      validDays: CONFIRMATION_TOKEN_TTL_MS / (24 * 60 * 60_000),
    });
  }

  /**
   * Marks the address verified. The link opened twice is still a success once the address is
   * verified; an unknown or expired token is INVALID_CONFIRMATION_TOKEN.
   */
  async confirm(token: string, meta: RequestMeta): Promise<void> {
    const row = hasTokenShape(token)
      ? await this.tokens.find(this.dataSource.manager, token, TokenPurpose.EMAIL_CONFIRMATION)
      : null;
    if (!row) throw new AppError("INVALID_CONFIRMATION_TOKEN");

    const confirmed = await withTransaction(this.dataSource, async (manager) => {
      if (!(await this.tokens.spend(manager, row.id))) return false;
      const now = this.clock.now();
      await manager
        .getRepository(UserEntity)
        .update({ id: row.userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: now });
      await this.audit.record({ type: "EMAIL_CONFIRMED", userId: row.userId, meta }, manager);
      return true;
    });
    if (confirmed) return;
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: row.userId });
    if (user?.emailVerifiedAt) return;
    throw new AppError("INVALID_CONFIRMATION_TOKEN");
  }
}
