import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { DataSource } from "typeorm";
import { isLockConflict, isUniqueViolation } from "./transaction";

/** How long a lease lasts without renewal: a holder that dies frees the lock after this. */
export const LEASE_SECONDS = 30;
const RENEW_MS = 5_000;
const TABLE = "migration_lease";

/**
 * Galera does not replicate `GET_LOCK` (each node has its own), so on a cluster the migration
 * lock is a row every node sees: taken by inserting it (two nodes at once: one insert wins,
 * the other fails its unique key or its certification and waits), renewed while the work runs,
 * deleted at the end; one whose holder died expires after LEASE_SECONDS.
 */
export async function withLeaseLock<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
  timeoutSeconds: number,
): Promise<T> {
  await dataSource.query(
    `CREATE TABLE IF NOT EXISTS ${TABLE} (
       name VARCHAR(64) NOT NULL PRIMARY KEY,
       holder CHAR(36) NOT NULL,
       expires_at DATETIME(3) NOT NULL
     ) ENGINE=InnoDB`,
  );
  const holder = randomUUID();
  const giveUpAt = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    try {
      await dataSource.query(
        `INSERT INTO ${TABLE} (name, holder, expires_at)
         VALUES ('migrations', ?, NOW(3) + INTERVAL ${LEASE_SECONDS} SECOND)`,
        [holder],
      );
      break;
    } catch (error) {
      if (!isUniqueViolation(error) && !isLockConflict(error)) throw error;
    }
    if (Date.now() > giveUpAt) {
      throw new Error(`another replica held the migration lock for over ${timeoutSeconds} s`);
    }
    await dataSource
      .query(`DELETE FROM ${TABLE} WHERE name = 'migrations' AND expires_at < NOW(3)`)
      .catch(() => undefined);
    await sleep(200 + Math.random() * 200);
  }
  const renewal = setInterval(() => {
    dataSource
      .query(
        `UPDATE ${TABLE} SET expires_at = NOW(3) + INTERVAL ${LEASE_SECONDS} SECOND
         WHERE name = 'migrations' AND holder = ?`,
        [holder],
      )
      .catch(() => undefined);
  }, RENEW_MS);
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await dataSource
      .query(`DELETE FROM ${TABLE} WHERE name = 'migrations' AND holder = ?`, [holder])
      .catch(() => undefined);
  }
}
