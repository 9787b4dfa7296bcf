import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { MysqlDialect } from "./dialect.mysql";
import { SqliteDialect } from "./dialect.sqlite";
import type { LimiterTable } from "./limiter-table";

/** The counters of the `feed_sequence` table. */
export type SequenceName = "readings";

/**
 * What MySQL/MariaDB and SQLite do differently, behind one interface: features call it and never
 * test the driver.
 */
export interface Dialect {
  /**
   * Runs `work` when no other transaction of this DataSource is open (SQLite: one connection in
   * TypeORM, where concurrent transactions would nest as savepoints); at once on MySQL.
   */
  inTurn<T>(work: () => Promise<T>): Promise<T>;
  /** Locks the rows `query` selects until the transaction ends (SQLite: writers take turns). */
  lockRows<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<void>;
  /** Appended to a hand-written SELECT, locks its rows as `lockRows` does (SQLite: nothing). */
  readonly forUpdate: string;
  /** Adds one to a counter and answers the new value; its row stays locked until the end. */
  nextSequence(manager: EntityManager, name: SequenceName): Promise<bigint>;
  /** Interrupts the statement the transaction's connection is running, where one can be. */
  interruptStatement(manager: EntityManager): Promise<void>;
  /** Runs `work` holding the lock that lets one process at a time migrate (migration-lock.ts). */
  withMigrationLock<T>(work: () => Promise<T>, timeoutSeconds: number): Promise<T>;
  /** How the migrations run under that lock. */
  readonly migrationTransaction: "each" | "none";
  /** Once a process, before it serves: on a Galera node, opens the node's feed stream. */
  prepare(): Promise<void>;
  /** The rate limiters' table; close it when done. */
  openLimiterTable(): LimiterTable;
}

const dialects = new WeakMap<DataSource, Dialect>();

/** One a DataSource: SQLite's keeps the writers' turns. */
export function dialectOf(dataSource: DataSource): Dialect {
  let dialect = dialects.get(dataSource);
  if (!dialect) {
    dialect = createDialect(dataSource);
    dialects.set(dataSource, dialect);
  }
  return dialect;
}

function createDialect(dataSource: DataSource): Dialect {
  switch (dataSource.options.type) {
    case "mysql":
      return new MysqlDialect(dataSource);
    case "better-sqlite3":
      return new SqliteDialect(dataSource);
    default:
      throw new Error(`no dialect for ${dataSource.options.type}`);
  }
}
