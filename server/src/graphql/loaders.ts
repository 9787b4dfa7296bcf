import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { retryRead } from "../db/transaction";
import type { MeterEntity } from "../readings/meter.entity";
import type { ReadingEntity } from "../readings/reading.entity";
import { countedSendings, latestReadings, metersOfAccounts } from "../readings/readings.queries";

/** Per-request batching: the accounts screen costs the same statements for 1 or 50 accounts. */
export function createLoaders(dataSource: DataSource, period: string) {
  const manager = dataSource.manager;
  return {
    period,
    metersByAccount: new DataLoader<number, MeterEntity[]>(async (accountIds) => {
      const meters = await retryRead(() => metersOfAccounts(manager, accountIds));
      return accountIds.map((id) => meters.filter((m) => m.accountId === id));
    }),
    latestReading: new DataLoader<number, ReadingEntity | null>(async (meterIds) => {
      const latest = await retryRead(() => latestReadings(manager, meterIds));
      return meterIds.map((id) => latest.get(id) ?? null);
    }),
    countedSendings: new DataLoader<number, ReadingEntity[]>(async (meterIds) => {
      const sendings = await retryRead(() => countedSendings(manager, meterIds, period));
      return meterIds.map((id) => sendings.get(id) ?? []);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
