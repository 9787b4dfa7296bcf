import type { DataSource } from "typeorm";
import { normalizeAccountNumber } from "../accounts/account-number.rules";
import { AccountEntity } from "../accounts/account.entity";
import { AppError } from "../common/app-error";

/** What a partner (scope readings:submit) may read of an account before sending to it. */
export class PartnerAccountsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The registry account of this number, refused like an unknown account anywhere else
   * (ACCOUNT_NOT_FOUND): a partner is a known client paying for each look-up from its budget.
   */
  async byNumber(number: string): Promise<AccountEntity> {
    const normalized = normalizeAccountNumber(number, "number");
    const account = await this.dataSource
      .getRepository(AccountEntity)
      .findOneBy({ number: normalized });
    if (!account) throw new AppError("ACCOUNT_NOT_FOUND", { field: "number" });
    return account;
  }
}
