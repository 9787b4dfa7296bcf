import type { DataSource, EntityManager } from "typeorm";
import type { Dialect, SequenceName } from "./dialect";
import { SqliteLimiterTable } from "./limiter-table.sqlite";
import { withImmediateTransaction } from "./migration-lock.sqlite";

/**
 * SQLite has one connection in TypeORM and no row locks, so writers take turns (`inTurn`); that
 * also gives the "one writer at a time" that the monthly limit relies on there.
 */
export class SqliteDialect implements Dialect {
  // The lock is the immediate transaction itself: migrations must not open one.
  readonly migrationTransaction = "none";
  readonly forUpdate = "";
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  inTurn<T>(work: () => Promise<T>): Promise<T> {
    const mine = this.turn.catch(() => undefined).then(work);
    this.turn = mine;
    return mine;
  }

  async lockRows(): Promise<void> {}

  async nextSequence(manager: EntityManager, name: SequenceName): Promise<bigint> {
    const rows: Array<{ value: number }> = await manager.query(
      `UPDATE feed_sequence SET value = value + 1 WHERE name = '${name}' RETURNING value`,
    );
    return BigInt(rows[0].value);
  }

  async prepare(): Promise<void> {}

  /** Statements run synchronously here: the commit is refused instead. */
  async interruptStatement(): Promise<void> {}

  withMigrationLock<T>(work: () => Promise<T>, timeoutSeconds: number): Promise<T> {
    return withImmediateTransaction(this.dataSource, work, timeoutSeconds);
  }

  openLimiterTable(): SqliteLimiterTable {
    return new SqliteLimiterTable(this.dataSource);
  }
}
