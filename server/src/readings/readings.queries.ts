import type { EntityManager } from "typeorm";
import { selectEntities } from "../db/hydrate";
import { placeholders } from "../db/parameters";
import { MeterEntity } from "./meter.entity";
import { ReadingEntity } from "./reading.entity";

const SEEKS_PER_STATEMENT = 200;

/**
 * The latest reading (by time taken, then id) of each meter: one index seek per meter on
 * (meter_id, taken_at, id), joined back to its row, so the cost does not grow with a meter's
 * history (a NOT EXISTS over all of it did, quadratically).
 */
export async function latestReadings(
  manager: EntityManager,
  meterIds: readonly number[],
): Promise<Map<number, ReadingEntity>> {
  const latest = new Map<number, ReadingEntity>();
  // SQLite allows 500 SELECTs in one compound statement.
  for (let start = 0; start < meterIds.length; start += SEEKS_PER_STATEMENT) {
    const chunk = meterIds.slice(start, start + SEEKS_PER_STATEMENT);
    const seeks = chunk.map(
      (_, i) =>
        `SELECT id FROM (SELECT id FROM readings WHERE meter_id = ? ` +
        `ORDER BY taken_at DESC, id DESC LIMIT 1) AS seek${i}`,
    );
    const readings = await selectEntities(
      manager,
      ReadingEntity,
      `SELECT r.* FROM (${seeks.join(" UNION ALL ")}) AS latest ` +
        `INNER JOIN readings r ON r.id = latest.id`,
      chunk,
    );
    for (const reading of readings) {
      latest.set(reading.meterId, reading);
    }
  }
  return latest;
}

/** The latest reading of one meter (a single index seek). */
export function latestReading(
  manager: EntityManager,
  meterId: number,
): Promise<ReadingEntity | null> {
  return manager.getRepository(ReadingEntity).findOne({
    where: { meterId },
    order: { takenAt: "DESC", id: "DESC" },
  });
}

/** The counted sendings (slot 1 and 2) of each meter in one period, in slot order. */
export async function countedSendings(
  manager: EntityManager,
  meterIds: readonly number[],
  period: string,
): Promise<Map<number, ReadingEntity[]>> {
  const byMeter = new Map<number, ReadingEntity[]>(meterIds.map((id) => [id, []]));
  if (meterIds.length === 0) return byMeter;
  const readings = await selectEntities(
    manager,
    ReadingEntity,
    `SELECT r.* FROM readings r WHERE r.meter_id IN (${placeholders(meterIds.length)}) ` +
      "AND r.period = ? AND r.slot IS NOT NULL ORDER BY r.slot",
    [...meterIds, period],
  );
  for (const reading of readings) {
    byMeter.get(reading.meterId)?.push(reading);
  }
  return byMeter;
}

/** The meters of some accounts, each account's in order of installation. */
export async function metersOfAccounts(
  manager: EntityManager,
  accountIds: readonly number[],
): Promise<MeterEntity[]> {
  if (accountIds.length === 0) return [];
  return selectEntities(
    manager,
    MeterEntity,
    `SELECT m.* FROM meters m WHERE m.account_id IN (${placeholders(accountIds.length)}) ` +
      "ORDER BY m.installed_at, m.id",
    [...accountIds],
  );
}
