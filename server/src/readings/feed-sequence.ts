import type { EntityManager } from "typeorm";
import { isSqlite } from "../db/transaction";

/**
 * The next position in the readings feed (CON-6). The UPDATE takes the row lock of the one-row
 * `feed_sequence` counter and keeps it until the calling transaction ends, so a transaction can
 * only take number N+1 after the one holding N has committed or rolled back: numbers become
 * visible to readers in increasing order and a reader that has seen N+1 can never later find a
 * committed N it did not see. (On SQLite writers take turns anyway.) A rolled-back transaction
 * leaves a hole in the numbering, never a reading out of order.
 */
export async function nextFeedSeq(manager: EntityManager): Promise<bigint> {
  if (isSqlite(manager.connection)) {
    const rows: Array<{ value: number }> = await manager.query(
      "UPDATE feed_sequence SET value = value + 1 WHERE name = 'readings' RETURNING value",
    );
    return BigInt(rows[0].value);
  }
  // MySQL's sequence idiom: LAST_INSERT_ID(expr) sends the new value back with the UPDATE's
  // answer, so the lock that orders the feed is held for one round trip fewer.
  const answer: { insertId: number | string } = await manager.query(
    "UPDATE feed_sequence SET value = LAST_INSERT_ID(value + 1) WHERE name = 'readings'",
  );
  return BigInt(answer.insertId);
}
