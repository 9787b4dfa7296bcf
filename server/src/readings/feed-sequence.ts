import type { DataSource, EntityManager } from "typeorm";
import { dialectOf } from "../db/dialect";
import { streamOf } from "./feed-cursor.rules";

/**
 * The next position in the readings feed (CON-6). The UPDATE takes the row lock of the one-row
 * `feed_sequence` counter and keeps it until the calling transaction ends, so a transaction can
 * only take number N+1 after the one holding N has committed or rolled back: numbers become
 * visible to readers in increasing order and a reader that has seen N+1 can never later find a
 * committed N it did not see. (On SQLite writers take turns anyway.) A rolled-back transaction
 * leaves a hole in the numbering, never a reading out of order.
 *
 * On a Galera cluster each node numbers a stream of its own (feed-cursor.rules.ts), so sendings
 * on different nodes never write the same counter row (db/dialect.mysql.ts).
 */
export function nextFeedSeq(manager: EntityManager): Promise<bigint> {
  return dialectOf(manager.connection).nextSequence(manager, "readings");
}

/**
 * The feed's streams (0 on one server, and one more for each Galera node that has sent), each
 * with the last number it gave, in stream order.
 */
export async function feedHeads(dataSource: DataSource): Promise<Map<bigint, bigint>> {
  const rows: Array<{ value: string | number }> = await dataSource.query(
    "SELECT value FROM feed_sequence WHERE name = 'readings' OR name LIKE 'readings#%'",
  );
  const heads = new Map<bigint, bigint>();
  for (const value of rows.map((row) => BigInt(row.value)).sort((a, b) => (a < b ? -1 : 1))) {
    heads.set(streamOf(value), value);
  }
  return heads;
}
