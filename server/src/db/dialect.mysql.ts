import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { MysqlConnectionOptions } from "typeorm/driver/mysql/MysqlConnectionOptions";
import type { Dialect, SequenceName } from "./dialect";
import { MysqlLimiterTable } from "./limiter-table.mysql";
import { isGaleraNode } from "./galera";
import { withLeaseLock } from "./migration-lock.galera";
import { nodeStreamOf, openNodeStream } from "./feed-stream.galera";
import { withNamedLock } from "./migration-lock.mysql";
import { sessionSettingsOf } from "./session-settings";
import { run } from "./sql";

export class MysqlDialect implements Dialect {
  readonly migrationTransaction = "each";
  readonly forUpdate = " FOR UPDATE";

  constructor(private readonly dataSource: DataSource) {}

  inTurn<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async lockRows<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<void> {
    await query.setLock("pessimistic_write").getOne();
  }

  async nextSequence(manager: EntityManager, name: SequenceName): Promise<bigint> {
    if (await isGaleraNode(this.dataSource)) return this.nextInNodeStream(manager, name);
    return this.nextInSharedStream(manager, name);
  }

  private async nextInSharedStream(manager: EntityManager, name: SequenceName): Promise<bigint> {
    // MySQL's sequence idiom: LAST_INSERT_ID(expr) sends the new value back with the UPDATE's
    // answer, so the row lock is held for one round trip fewer.
    const answer = await run<{ insertId: number | string }>(
      manager,
      `UPDATE feed_sequence SET value = LAST_INSERT_ID(value + 1) WHERE name = '${name}'`,
    );
    return BigInt(answer.insertId);
  }

  /**
   * On a Galera node: the next number of this node's own stream (readings/feed-cursor.rules.ts),
   * so sendings on different nodes never write the same counter row. The row lock orders this
   * node's sendings as the one row orders a server's. A node whose stream is not open yet
   * (`prepare` opens it; it cannot be opened inside this transaction, whose search for it locks
   * the gap the insert needs) numbers in stream 0, as one server does: correct, only slower.
   */
  private async nextInNodeStream(manager: EntityManager, name: SequenceName): Promise<bigint> {
    this.nodeStream ??= nodeStreamOf(this.dataSource, name);
    const stream = await this.nodeStream;
    if (stream === null) {
      this.nodeStream = undefined; // look again next time
      return this.nextInSharedStream(manager, name);
    }
    // By primary key: the one row is locked. (A search by `node` locked every row it scanned,
    // and each node's appliers then aborted the others' sendings.)
    const answer = await run<{ insertId: number | string }>(
      manager,
      "UPDATE feed_sequence SET value = LAST_INSERT_ID(value + 1) WHERE name = ?",
      [stream],
    );
    return BigInt(answer.insertId);
  }

  /** The name of this node's stream (`readings#<k>`), found once: a replica talks to one node. */
  private nodeStream?: Promise<string | null>;

  async prepare(): Promise<void> {
    if (await isGaleraNode(this.dataSource)) await openNodeStream(this.dataSource, "readings");
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
