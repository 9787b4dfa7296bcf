import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { MysqlConnectionOptions } from "typeorm/driver/mysql/MysqlConnectionOptions";
import type { Dialect, SequenceName } from "./dialect";
import { MysqlLimiterTable } from "./limiter-table.mysql";
import { isGaleraNode } from "./galera";
import { withLeaseLock } from "./migration-lock.galera";
import { withNamedLock } from "./migration-lock.mysql";
import { sessionSettingsOf } from "./session-settings";

export class MysqlDialect implements Dialect {
  readonly migrationTransaction = "each";

  constructor(private readonly dataSource: DataSource) {}

  inTurn<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async lockRows<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<void> {
    await query.setLock("pessimistic_write").getOne();
  }

  async nextSequence(manager: EntityManager, name: SequenceName): Promise<bigint> {
    // MySQL's sequence idiom: LAST_INSERT_ID(expr) sends the new value back with the UPDATE's
    // answer, so the row lock is held for one round trip fewer.
    const answer: { insertId: number | string } = await manager.query(
      `UPDATE feed_sequence SET value = LAST_INSERT_ID(value + 1) WHERE name = '${name}'`,
    );
    return BigInt(answer.insertId);
  }

  /** A row lock wait, say: the rollback then follows at once. */
  async interruptStatement(manager: EntityManager): Promise<void> {
    const connection = (manager.queryRunner as { databaseConnection?: { threadId?: unknown } })
      ?.databaseConnection;
    const threadId = connection?.threadId;
    if (typeof threadId !== "number") return;
    await this.dataSource.query(`KILL QUERY ${threadId}`).then(
      () => undefined,
      () => undefined,
    );
  }

  async withMigrationLock<T>(work: () => Promise<T>, timeoutSeconds: number): Promise<T> {
    const lock = (await isGaleraNode(this.dataSource)) ? withLeaseLock : withNamedLock;
    return lock(this.dataSource, work, timeoutSeconds);
  }

  openLimiterTable(): MysqlLimiterTable {
    return new MysqlLimiterTable(
      (this.dataSource.options as MysqlConnectionOptions).url!,
      sessionSettingsOf(this.dataSource),
    );
  }
}
