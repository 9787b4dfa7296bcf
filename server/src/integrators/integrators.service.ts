import type { DataSource, EntityManager } from "typeorm";
import { isUniqueViolation, withTransaction } from "../db/transaction";
import type { Clock } from "../core/clock";
import { invalidField } from "../common/app-error";
import {
  type AccountItem,
  type ItemOutcome,
  ItemRejected,
  ItemStatus,
  MAX_BATCH_ITEMS,
  type MeterItem,
  type PaymentItem,
  type ReadingItem,
  recordPayment,
  recordReading,
  upsertAccount,
  upsertMeter,
} from "../registry/registry-sync.service";

/** Registry sync for integrators (API clients); framework-free. */
export class IntegratorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  upsertAccounts(items: AccountItem[]): Promise<ItemOutcome[]> {
    return this.batch(items, (manager, item, now) => upsertAccount(manager, item, now));
  }

  upsertMeters(items: MeterItem[]): Promise<ItemOutcome[]> {
    return this.batch(items, (manager, item, now) => upsertMeter(manager, item, now));
  }

  recordPayments(items: PaymentItem[]): Promise<ItemOutcome[]> {
    return this.batch(items, (manager, item, now) => recordPayment(manager, item, now));
  }

  recordReadings(items: ReadingItem[]): Promise<ItemOutcome[]> {
    return this.batch(items, (manager, item, now) => recordReading(manager, item, now));
  }

  /**
   * Each item in its own short transaction, in order: one bad item is answered REJECTED with a
   * code and the others go on. A unique-key race with a concurrent batch is settled by running
   * the item again (it then finds the row).
   */
  private async batch<T>(
    items: T[],
    apply: (manager: EntityManager, item: T, now: Date) => Promise<ItemStatus>,
  ): Promise<ItemOutcome[]> {
    if (items.length > MAX_BATCH_ITEMS) {
      throw invalidField("items", `A batch has at most ${MAX_BATCH_ITEMS} items.`);
    }
    const outcomes: ItemOutcome[] = [];
    for (const item of items) {
      outcomes.push(await this.one(item, apply));
    }
    return outcomes;
  }

  private async one<T>(
    item: T,
    apply: (manager: EntityManager, item: T, now: Date) => Promise<ItemStatus>,
  ): Promise<ItemOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        const now = this.clock.now();
        const status = await withTransaction(this.dataSource, (manager) =>
          apply(manager, item, now),
        );
        return { status };
      } catch (error) {
        if (error instanceof ItemRejected) {
          return {
            status: ItemStatus.REJECTED,
            code: error.code,
            field: error.field,
            message: error.message,
          };
        }
        if (attempt < 2 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }
}
