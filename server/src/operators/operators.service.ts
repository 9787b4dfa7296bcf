import type { DataSource } from "typeorm";
import { AccountLinkEntity } from "../accounts/account-link.entity";
import { normalizeAccountNumber } from "../accounts/account-number.rules";
import { AccountEntity } from "../accounts/account.entity";
import type { AuditService } from "../audit/audit.service";
import type { RequestMeta } from "../audit/request-meta";
import type { PasswordHasher } from "../auth/password-hasher.service";
import { withTransaction } from "../db/transaction";
import type { GuessLimiter } from "../rate-limit/guess-limiter";
import type { Clock } from "../core/clock";
import { Language, PersonType, UserRole } from "../core/enums";
import { AppError } from "../common/app-error";
import { UserEntity } from "../users/user.entity";
import { normalizeEmail } from "../users/email.rules";
import type { WebhookEventsService } from "../webhooks/webhook-events.service";

/** A user who sees an account: by a link he made, or as the legal entity owning it. */
export interface LinkedUser {
  user: UserEntity;
  /** When he linked it; null for a legal entity (its list follows the registry). */
  linkedAt: Date | null;
}

/** What a utility operator may do (support desk); every change is audited. */
export class OperatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly guesses: Pick<GuessLimiter, "lift">,
    private readonly audit: Pick<AuditService, "record">,
    private readonly hasher: Pick<PasswordHasher, "hash">,
    private readonly webhookEvents?: Pick<WebhookEventsService, "accountEvent">,
  ) {}

  /** A registry account by number, or null. */
  async account(accountNumber: string): Promise<AccountEntity | null> {
    const number = normalizeAccountNumber(accountNumber, "number");
    return this.dataSource.getRepository(AccountEntity).findOneBy({ number });
  }

  /** The users who see an account: those who linked it, and legal entities of its owner BIN. */
  async linkedUsers(account: AccountEntity): Promise<LinkedUser[]> {
    const links = await this.dataSource
      .getRepository(AccountLinkEntity)
      .find({ where: { accountId: account.id }, order: { createdAt: "ASC", id: "ASC" } });
    const users = links.length
      ? await this.dataSource
          .getRepository(UserEntity)
          .createQueryBuilder("u")
          .where("u.id IN (:...ids)", { ids: links.map((l) => l.userId) })
          .getMany()
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    const linked: LinkedUser[] = links
      .filter((l) => byId.has(l.userId))
      .map((l) => ({ user: byId.get(l.userId)!, linkedAt: l.createdAt }));
    if (account.ownerBin) {
      const companies = await this.dataSource.getRepository(UserEntity).find({
        where: { personType: PersonType.LEGAL_ENTITY, bin: account.ownerBin },
        order: { id: "ASC" },
      });
      linked.push(...companies.map((user) => ({ user, linkedAt: null })));
    }
    return linked;
  }

  /** Removes a user's link to an account (a legal entity's list follows the registry). */
  async unlinkUser(
    operator: UserEntity,
    accountNumber: string,
    userId: number,
    meta: RequestMeta,
  ): Promise<void> {
    const account = await this.account(accountNumber);
    if (!account) throw new AppError("ACCOUNT_NOT_FOUND", { field: "accountNumber" });
    await withTransaction(this.dataSource, async (manager) => {
      const removed = await manager
        .getRepository(AccountLinkEntity)
        .delete({ userId, accountId: account.id });
      if (!removed.affected) throw new AppError("ACCOUNT_NOT_LINKED", { field: "userId" });
      await this.webhookEvents?.accountEvent(manager, "account.unlinked", account.id, "OPERATOR");
      await this.audit.record(
        {
          type: "ACCOUNT_UNLINKED",
          userId,
          meta,
          detail: { accountId: account.id, byOperatorId: operator.id },
        },
        manager,
      );
    });
  }

  /**
   * Ends the verification block (guessing limit, RL-1) on an account number for everyone;
   * true when there was a block. Audited either way.
   */
  async liftVerificationBlock(
    operator: UserEntity,
    accountNumber: string,
    meta: RequestMeta,
  ): Promise<boolean> {
    const number = normalizeAccountNumber(accountNumber);
    const lifted = await this.guesses.lift(number);
    await this.audit.record({
      type: "BLOCK_LIFTED",
      userId: operator.id,
      meta,
      detail: { budget: "guessPerAccount", accountNumber: number, lifted },
    });
    return lifted;
  }

  /** For `npm run user:create-operator`: a user with role OPERATOR (no registry account). */
  async createOperator(email: string, password: string, name: string): Promise<UserEntity> {
    const passwordHash = await this.hasher.hash(password);
    const now = this.clock.now();
    return this.dataSource.getRepository(UserEntity).save({
      email: email.trim(),
      emailNormalized: normalizeEmail(email),
      passwordHash,
      lastName: name,
      firstName: "",
      phone: "",
      personType: PersonType.INDIVIDUAL,
      bin: null,
      language: Language.RU,
      role: UserRole.OPERATOR,
      emailVerifiedAt: now,
      createdAt: now,
      updatedAt: now,
    });
  }
}
