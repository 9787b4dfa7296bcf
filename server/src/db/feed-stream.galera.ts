import type { DataSource } from "typeorm";
import type { SequenceName } from "./dialect";
import { isLockConflict, isUniqueViolation } from "./transaction";

/** 2⁴⁰: stream k numbers from k·2⁴⁰ + 1 (readings/feed-cursor.rules.ts). */
const STREAM_BITS = 40;

/**
 * Gives this Galera node a stream of its own, unless it has one: the next free stream number, as
 * a row of its own, committed on its own. Two nodes opening one at once both
 * pick the same number: one insert wins, the other fails on the name and takes the next.
 */
export async function openNodeStream(dataSource: DataSource, name: SequenceName): Promise<void> {
  const mine = async () =>
    (
      (await dataSource.query(
        "SELECT 1 AS found FROM feed_sequence WHERE node = @@wsrep_node_name",
      )) as unknown[]
    ).length > 0;
  for (let attempt = 1; !(await mine()); attempt++) {
    try {
      await dataSource.query(
        `INSERT INTO feed_sequence (name, node, value)
         SELECT CONCAT('${name}#', k), @@wsrep_node_name, k << ${STREAM_BITS}
         FROM (SELECT COALESCE(MAX(value >> ${STREAM_BITS}), 0) + 1 AS k FROM feed_sequence
               WHERE name = '${name}' OR name LIKE '${name}#%') AS next_stream`,
      );
      return;
    } catch (error) {
      if ((!isUniqueViolation(error) && !isLockConflict(error)) || attempt >= 5) throw error;
    }
  }
}

/** The stream this node numbers in, or null before `openNodeStream`. */
export async function nodeStreamOf(
  dataSource: DataSource,
  name: SequenceName,
): Promise<string | null> {
  const rows: Array<{ name: string }> = await dataSource.query(
    "SELECT name FROM feed_sequence WHERE node = @@wsrep_node_name AND name LIKE ?",
    [`${name}#%`],
  );
  return rows[0]?.name ?? null;
}
