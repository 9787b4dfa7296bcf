import { setTimeout as sleep } from "node:timers/promises";
import type { DataSource } from "typeorm";

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
  return dataSource.options.type === "mysql"
    ? withNamedLock(dataSource, work, timeoutSeconds)
    : withImmediateTransaction(dataSource, work, timeoutSeconds);
}

async function withNamedLock<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
  timeoutSeconds: number,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    // Named locks are server-wide: the database's name keeps two databases apart.
    const [{ got }] = (await runner.query(
      "SELECT GET_LOCK(CONCAT('gas_migrations:', DATABASE()), ?) AS got",
      [timeoutSeconds],
    )) as Array<{ got: number | string | null }>;
    if (Number(got) !== 1) {
      throw new Error(`another replica held the migration lock for over ${timeoutSeconds} s`);
    }
    try {
      return await work();
    } finally {
      await runner
        .query("SELECT RELEASE_LOCK(CONCAT('gas_migrations:', DATABASE()))")
        .catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}

async function withImmediateTransaction<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
  timeoutSeconds: number,
): Promise<T> {
  const giveUpAt = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    try {
      await dataSource.query("BEGIN IMMEDIATE");
      break;
    } catch (error) {
      // busy_timeout has already waited; keep waiting while another process migrates.
      if (!isBusy(error) || Date.now() > giveUpAt) throw error;
      await sleep(100);
    }
  }
  try {
    const result = await work();
    await dataSource.query("COMMIT");
    return result;
  } catch (error) {
    await dataSource.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

const isBusy = (error: unknown): boolean =>
  /SQLITE_BUSY|database is locked/.test(
    `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`,
  );

/** Applies the pending migrations under the lock; answers the ones this process applied. */
export function migrateLocked(dataSource: DataSource): Promise<Array<{ name: string }>> {
  const transaction = dataSource.options.type === "mysql" ? "each" : "none";
  return withMigrationLock(dataSource, () => dataSource.runMigrations({ transaction }));
}

/** Reverts the last migration under the lock. */
export function revertLocked(dataSource: DataSource): Promise<void> {
  const transaction = dataSource.options.type === "mysql" ? "each" : "none";
  return withMigrationLock(dataSource, () => dataSource.undoLastMigration({ transaction }));
}
