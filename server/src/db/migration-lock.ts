import type { DataSource } from "typeorm";
import { dialectOf } from "./dialect";

/** How long a replica waits for another one's migrations before it gives up. */
export const MIGRATION_LOCK_TIMEOUT_SECONDS = 600;

/**
 * Runs `work` while holding the database's migration lock, so replicas started together take
 * turns: the first applies the pending migrations, the others then find none pending.
 * MySQL/MariaDB: a named lock (`GET_LOCK`) on its own connection, freed if the process dies.
 * SQLite: an immediate transaction, so the work must not start one itself (run the migrations
 * with `transaction: "none"`; they are still all-or-nothing inside this one).
 */
export async function withMigrationLock<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
  timeoutSeconds = MIGRATION_LOCK_TIMEOUT_SECONDS,
): Promise<T> {
  return dialectOf(dataSource).withMigrationLock(work, timeoutSeconds);
}

/** Applies the pending migrations under the lock; answers the ones this process applied. */
export function migrateLocked(dataSource: DataSource): Promise<Array<{ name: string }>> {
  const transaction = dialectOf(dataSource).migrationTransaction;
  return withMigrationLock(dataSource, () => dataSource.runMigrations({ transaction }));
}

/** Reverts the last migration under the lock. */
export function revertLocked(dataSource: DataSource): Promise<void> {
  const transaction = dialectOf(dataSource).migrationTransaction;
  return withMigrationLock(dataSource, () => dataSource.undoLastMigration({ transaction }));
}
