import type { DataSource } from "typeorm";
import type { AccountWithMeters } from "../accounts/accounts.service";
import { retryRead } from "../db/transaction";
import type { MeterEntity } from "../readings/meter.entity";
import type { ReadingEntity } from "../readings/reading.entity";
import {
  countedSendings,
  latestReadings,
  latestReadingsAndCountedSendings,
  metersOfAccounts,
} from "../readings/readings.queries";
import type { Selection } from "./look-ahead";
import { Lookup } from "./lookup";

/** Per-request batching: the accounts screen costs the same statements for 1 or 50 accounts. */
export function createLoaders(dataSource: DataSource, period: string) {
  const manager = dataSource.manager;
  const latestReading = new Lookup<number, ReadingEntity | null>(async (meterIds) => {
    const latest = await retryRead(() => latestReadings(manager, meterIds));
    return meterIds.map((id) => latest.get(id) ?? null);
  });
  const countedSendingsOf = new Lookup<number, ReadingEntity[]>(async (meterIds) => {
    const sendings = await retryRead(() => countedSendings(manager, meterIds, period));
    return meterIds.map((id) => sendings.get(id) ?? []);
  });
  return {
    period,
    latestReading,
    countedSendings: countedSendingsOf,
    /** Loads both of the above for these meters in one statement. */
    async loadReadingsOf(meterIds: readonly number[]): Promise<void> {
      const { latest, sendings } = await retryRead(() =>
        latestReadingsAndCountedSendings(manager, meterIds, period),
      );
      for (const id of meterIds) {
        latestReading.set(id, latest.get(id) ?? null);
        countedSendingsOf.set(id, sendings.get(id) ?? []);
      }
    },
    metersByAccount: new Lookup<number, MeterEntity[]>(async (accountIds) => {
      const meters = await retryRead(() => metersOfAccounts(manager, accountIds));
      return accountIds.map((id) => meters.filter((m) => m.accountId === id));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Loads, a level at a time, what `accounts` asks of these accounts' meters, so that the meter
 * fields then resolve synchronously, without a promise per field and object (9% more
 * 50-account screens per second), and with one statement fewer than field-by-field batching.
 */
export async function loadMetersAhead(
  loaders: Loaders,
  accountIds: readonly number[],
  accounts: Selection,
): Promise<void> {
  if (!accounts.has("meters")) return;
  const meters = accounts.under("meters");
  const meterIds = (await loaders.metersByAccount.getAll(accountIds)).flat().map((m) => m.id);
  // lastReading needs the latest reading; submission needs it and the month's sendings.
  if (meters.has("submission")) await loaders.loadReadingsOf(meterIds);
  else if (meters.has("lastReading")) await loaders.latestReading.getAll(meterIds);
}

/**
 * Accounts found with their meters when `accounts` selects them (`AccountsService.accountsOf`,
 * `accessibleAccount`): the meters are kept as loaded, then the rest is loaded ahead.
 */
export async function loadAccountsAhead(
  loaders: Loaders,
  found: readonly AccountWithMeters[],
  accounts: Selection,
): Promise<void> {
  if (!accounts.has("meters")) return;
  for (const { account, meters } of found) loaders.metersByAccount.set(account.id, meters);
  await loadMetersAhead(
    loaders,
    found.map(({ account }) => account.id),
    accounts,
  );
}

/**
 * After a sending, this request's loaded month of the meter is stale: drops it, then loads
 * again, in one statement, what the answer selects under `meter`.
 */
export async function reloadMeterAfterSending(
  loaders: Loaders,
  meterId: number,
  meter: Selection,
): Promise<void> {
  loaders.latestReading.forget(meterId);
  loaders.countedSendings.forget(meterId);
  if (meter.has("submission")) await loaders.loadReadingsOf([meterId]);
  else if (meter.has("lastReading")) await loaders.latestReading.get(meterId);
}
