import type { EntityManager } from "typeorm";
import { dialectOf } from "../db/dialect";

/**
 * The next position in the readings feed (CON-6). The UPDATE takes the row lock of the one-row
 * `feed_sequence` counter and keeps it until the calling transaction ends, so a transaction can
 * only take number N+1 after the one holding N has committed or rolled back: numbers become
 * visible to readers in increasing order and a reader that has seen N+1 can never later find a
 * committed N it did not see. (On SQLite writers take turns anyway.) A rolled-back transaction
 * leaves a hole in the numbering, never a reading out of order.
 */
export function nextFeedSeq(manager: EntityManager): Promise<bigint> {
  return dialectOf(manager.connection).nextSequence(manager, "readings");
}
