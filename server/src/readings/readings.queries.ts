import type { EntityManager } from "typeorm";
import { In, IsNull, Not } from "typeorm";
import { ReadingEntity } from "./reading.entity";

/** The latest reading (by time taken, then id) of each meter, in one statement. */
export async function latestReadings(
  manager: EntityManager,
  meterIds: readonly number[],
): Promise<Map<number, ReadingEntity>> {
  if (meterIds.length === 0) return new Map();
  const rows = await manager
    .getRepository(ReadingEntity)
    .createQueryBuilder("r")
    .where("r.meter_id IN (:...meterIds)", { meterIds })
    .andWhere(
      `NOT EXISTS (SELECT 1 FROM readings later WHERE later.meter_id = r.meter_id AND
        (later.taken_at > r.taken_at OR (later.taken_at = r.taken_at AND later.id > r.id)))`,
    )
    .getMany();
  return new Map(rows.map((r) => [r.meterId, r]));
}

/** The counted sendings (slot 1 and 2) of each meter in one period, in slot order. */
export async function countedSendings(
  manager: EntityManager,
  meterIds: readonly number[],
  period: string,
): Promise<Map<number, ReadingEntity[]>> {
  const byMeter = new Map<number, ReadingEntity[]>(meterIds.map((id) => [id, []]));
  if (meterIds.length === 0) return byMeter;
  const rows = await manager.getRepository(ReadingEntity).find({
    where: { meterId: In([...meterIds]), period, slot: Not(IsNull()) },
    order: { slot: "ASC" },
  });
  for (const row of rows) byMeter.get(row.meterId)?.push(row);
  return byMeter;
}
