import type { DataSource, EntityManager } from "typeorm";
import type { AuditService } from "../audit/audit.service";
import { NO_REQUEST, type RequestMeta } from "../audit/request-meta";
import { hydratePrefixed, prefixedColumns, selectEntities } from "../db/hydrate";
import { run } from "../db/sql";
import { MeterEntity } from "../readings/meter.entity";
import { isUniqueViolation, withTransaction } from "../db/transaction";
import type { GuessLimiter } from "../rate-limit/guess-limiter";
import type { Clock } from "../core/clock";
import { PersonType } from "../core/enums";
import { AppError, invalidField } from "../common/app-error";
import type { UserEntity } from "../users/user.entity";
import type { WebhookEventsService } from "../webhooks/webhook-events.service";
import { AccountLinkEntity } from "./account-link.entity";
import { normalizeAccountNumber } from "./account-number.rules";
import {
  type AccountProof,
  LAST_PAYMENT_ORDER,
  proofHolds,
  readProof,
} from "./account-proof.rules";
import { AccountEntity } from "./account.entity";
import { PaymentEntity } from "./payment.entity";

export type { AccountProof };

/** An account and, when they were asked for, its meters in order of installation. */
export interface AccountWithMeters {
  account: AccountEntity;
  meters: MeterEntity[];
}

/** How many proof comparisons ran in this process (tests count them: T8, T19 in docs/security.md). */
export const proofComparisons = { count: 0 };

export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly guesses: GuessLimiter,
    private readonly audit?: AuditService,
    private readonly webhookEvents?: WebhookEventsService,
  ) {}

  /**
   * Runs `work`, which compares an account proof, within the guessing limits (RL-1): a point is
   * taken before the comparison; a malformed proof is refused first, without one.
   */
  async withProofLimits<T>(
    proof: AccountProof,
    meta: RequestMeta,
    userId: number | undefined,
    work: () => Promise<T>,
  ): Promise<T> {
    const { number } = wellFormed(proof);
    return this.guesses.guard(number, meta, userId, work);
  }

  /**
   * The account whose last payment is exactly the amount given (`account-proof.rules.ts`).
   * Whether the number or the amount was wrong is never told apart.
   */
  async verifyProof(manager: EntityManager, proof: AccountProof): Promise<AccountEntity> {
    const { number, amountTiyn } = wellFormed(proof);
    proofComparisons.count++;
    const account = await manager.getRepository(AccountEntity).findOneBy({ number });
    const latest = account
      ? await manager.getRepository(PaymentEntity).findOne({
          where: { accountId: account.id },
          order: LAST_PAYMENT_ORDER,
        })
      : null;
    if (!proofHolds(amountTiyn, account, latest)) {
      throw new AppError("ACCOUNT_VERIFICATION_FAILED");
    }
    return account!;
  }

  async link(user: UserEntity, proof: AccountProof, meta: RequestMeta): Promise<AccountEntity> {
    if (user.personType === PersonType.LEGAL_ENTITY)
      throw new AppError("LEGAL_ENTITY_ACCOUNTS_FIXED");
    return this.withProofLimits(proof, meta, user.id, () => this.linkProven(user, proof, meta));
  }

  private async linkProven(
    user: UserEntity,
    proof: AccountProof,
    meta: RequestMeta,
  ): Promise<AccountEntity> {
    try {
      return await withTransaction(this.dataSource, async (manager) => {
        const account = await this.verifyProof(manager, proof);
        const links = manager.getRepository(AccountLinkEntity);
        if (await links.existsBy({ userId: user.id, accountId: account.id })) {
          throw new AppError("ACCOUNT_ALREADY_LINKED");
        }
        await links.insert(this.newLink(user.id, account.id));
        await this.linked(manager, account.id, "SUBSCRIBER");
        await this.audit?.record(
          { type: "ACCOUNT_LINKED", userId: user.id, meta, detail: { accountId: account.id } },
          manager,
        );
        return account;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("ACCOUNT_ALREADY_LINKED");
      throw error;
    }
  }

  newLink(userId: number, accountId: number): Partial<AccountLinkEntity> {
    return { userId, accountId, createdAt: this.clock.now() };
  }

  /** Tells webhooks of a new link, in the transaction that inserted it. */
  linked(manager: EntityManager, accountId: number, by: "REGISTRATION" | "SUBSCRIBER") {
    return this.webhookEvents?.accountEvent(manager, "account.linked", accountId, by);
  }

  async unlink(
    user: UserEntity,
    accountNumber: string,
    meta: RequestMeta = NO_REQUEST,
  ): Promise<void> {
    if (user.personType === PersonType.LEGAL_ENTITY)
      throw new AppError("LEGAL_ENTITY_ACCOUNTS_FIXED");
    const number = normalizeAccountNumber(accountNumber, "number");
    const account = await this.dataSource.getRepository(AccountEntity).findOneBy({ number });
    if (!account) throw new AppError("ACCOUNT_NOT_LINKED");
    // The webhook event commits with the removal or not at all.
    await withTransaction(this.dataSource, async (manager) => {
      const removed = await manager
        .getRepository(AccountLinkEntity)
        .delete({ userId: user.id, accountId: account.id });
      if (!removed.affected) throw new AppError("ACCOUNT_NOT_LINKED");
      await this.webhookEvents?.accountEvent(manager, "account.unlinked", account.id, "SUBSCRIBER");
    });
    await this.audit?.record({
      type: "ACCOUNT_UNLINKED",
      userId: user.id,
      meta,
      detail: { accountId: account.id },
    });
  }

  /**
   * The accounts a user sees (his links in the order he added them, or, for a legal entity,
   * every account of its BIN by number), with their meters when asked: one statement.
   */
  async accountsOf(user: UserEntity, withMeters = false): Promise<AccountWithMeters[]> {
    if (user.personType === PersonType.LEGAL_ENTITY) {
      if (!user.bin) return [];
      return this.select(withMeters, "", "a.owner_bin = ?", "a.number", [user.bin]);
    }
    const links = "INNER JOIN account_links l ON l.account_id = a.id";
    return this.select(withMeters, links, "l.user_id = ?", "l.created_at, l.id", [user.id]);
  }

  /**
   * An account the user may see, or null: someone else's account answers like a missing one.
   * With its meters when asked; one statement either way (the history screen runs it on every
   * page).
   */
  async accessibleAccount(
    user: UserEntity,
    accountNumber: string,
    withMeters = false,
  ): Promise<AccountWithMeters | null> {
    const number = normalizeAccountNumber(accountNumber, "number");
    const visible = this.visibility(user, "a.id");
    if (!visible) return null;
    const where = `a.number = ? AND ${visible.sql}`;
    const [found] = await this.select(withMeters, "", where, "a.id", [
      number,
      ...visible.parameters,
    ]);
    return found ?? null;
  }

  /**
   * Accounts (`a`, joined as `join` says) and, when asked, their meters in order of
   * installation, from one prepared statement: the account screens' first round trip.
   */
  private async select(
    withMeters: boolean,
    join: string,
    where: string,
    order: string,
    parameters: unknown[],
  ): Promise<AccountWithMeters[]> {
    const manager = this.dataSource.manager;
    if (!withMeters) {
      const sql = `SELECT a.* FROM accounts a ${join} WHERE ${where} ORDER BY ${order}`;
      const accounts = await selectEntities(manager, AccountEntity, sql, parameters);
      return accounts.map((account) => ({ account, meters: [] }));
    }
    this.columns ??= [
      prefixedColumns(manager, AccountEntity, "a"),
      prefixedColumns(manager, MeterEntity, "m"),
    ].join(", ");
    const rows = await run<Array<Record<string, unknown>>>(
      manager,
      `SELECT ${this.columns} FROM accounts a ${join} ` +
        `LEFT JOIN meters m ON m.account_id = a.id WHERE ${where} ` +
        `ORDER BY ${order}, m.installed_at, m.id`,
      parameters,
    );
    const meters = hydratePrefixed(manager, MeterEntity, "m", rows);
    const found = new Map<number, AccountWithMeters>();
    // Every row has its account (FROM accounts); a meter only where the account has one.
    hydratePrefixed(manager, AccountEntity, "a", rows).forEach((account, i) => {
      const { id } = account!;
      if (!found.has(id)) found.set(id, { account: account!, meters: [] });
      if (meters[i]) found.get(id)!.meters.push(meters[i]);
    });
    return [...found.values()];
  }

  /** The select list of `select` with meters (built once: it is a prepared statement's text). */
  private columns?: string;

  /**
   * Who may see an account, for a hand-written statement: a condition on the account id
   * `accountId` (a column of the statement), or null when the user sees no account at all.
   * Linked to an individual, or owned by a legal entity's BIN.
   */
  visibility(user: UserEntity, accountId: string): { sql: string; parameters: unknown[] } | null {
    if (user.personType === PersonType.LEGAL_ENTITY) {
      if (!user.bin) return null;
      const sql = `EXISTS (SELECT 1 FROM accounts a WHERE a.id = ${accountId} AND a.owner_bin = ?)`;
      return { sql, parameters: [user.bin] };
    }
    const sql = `EXISTS (SELECT 1 FROM account_links l WHERE l.account_id = ${accountId} AND l.user_id = ?)`;
    return { sql, parameters: [user.id] };
  }

  async hasAccountsOfBin(manager: EntityManager, bin: string): Promise<boolean> {
    return manager.getRepository(AccountEntity).existsBy({ ownerBin: bin });
  }
}

/** The proof's number and amount, or the refusal of its first malformed field. */
function wellFormed(proof: AccountProof): { number: string; amountTiyn: bigint } {
  const read = readProof(proof);
  if (read.kind === "ok") return read;
  throw read.field === "accountNumber"
    ? invalidField("accountNumber", "Invalid account number.")
    : invalidField("lastPaymentAmount", "Amount in tenge with at most 2 decimals.");
}
