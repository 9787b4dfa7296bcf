import { setTimeout as sleep } from "node:timers/promises";
import { createConnection, type Connection } from "mysql2/promise";
import type { DataSource } from "typeorm";
import type { TestDatabase } from "./test-database";

/**
 * MySQL/MariaDB sessions of their own next to the app's pool, to step transactions against the
 * app's (T2, T3, T16). Each is one connection: statements run in the order they are awaited.
 */
export interface RawSession {
  /** The server's id of this session (`CONNECTION_ID()`). */
  id: number;
  query<T = any>(sql: string, params?: unknown[]): Promise<T>;
  close(): Promise<void>;
}

export async function openSession(db: TestDatabase): Promise<RawSession> {
  if (db.config.type !== "mysql") throw new Error("raw sessions need MySQL/MariaDB");
  const connection: Connection = await createConnection({
    uri: db.config.url,
    timezone: "Z",
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  const [[{ id }]] = (await connection.query("SELECT CONNECTION_ID() AS id")) as any;
  return {
    id: Number(id),
    async query(sql, params) {
      const [rows] = await connection.query(sql, params);
      return rows as any;
    },
    async close() {
      await connection.end().catch(() => connection.destroy());
    },
  };
}

/** The audit insert that ends a sending's transaction (readings.service.ts). */
export const AUDIT_INSERT = /INSERT INTO `audit_events`/;

/**
 * Opens a transaction in `session` that holds the gap lock above the newest audit event: the
 * app's next audit insert waits for it. A sending's transaction then waits at its last
 * statement, holding the meter lock, its feed number and its uncommitted reading.
 */
export async function blockAuditInserts(session: RawSession): Promise<void> {
  await session.query("START TRANSACTION");
  const [{ last }] = await session.query("SELECT COALESCE(MAX(id), 0) AS last FROM audit_events");
  await session.query("SELECT id FROM audit_events WHERE id > ? FOR UPDATE", [last]);
}

export interface LockWait {
  threadId: number;
  trxId: string;
  query: string;
}

/**
 * The transactions of this test database that wait for a lock right now, except those of the
 * sessions in `exclude`, as InnoDB reports them. (`SHOW ENGINE INNODB STATUS` is made on demand;
 * `information_schema.INNODB_TRX` is a cache that is not refreshed while anyone read it in the
 * last 100 ms, so it can show a wait that is over, or starve when several tests poll it.)
 */
export async function lockWaits(
  observer: RawSession,
  db: TestDatabase,
  exclude: number[] = [],
): Promise<LockWait[]> {
  if (db.config.type !== "mysql") return [];
  const [{ Status: status }] = await observer.query<Array<{ Status: string }>>(
    "SHOW ENGINE INNODB STATUS",
  );
  const ours = new Set(
    (
      await observer.query<Array<{ id: number | string }>>(
        "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ?",
        [db.config.database],
      )
    ).map((row) => Number(row.id)),
  );
  const list = status.slice(status.indexOf("LIST OF TRANSACTIONS"));
  const waits: LockWait[] = [];
  for (const block of list.split(/^---TRANSACTION /m).slice(1)) {
    if (!/^LOCK WAIT /m.test(block)) continue;
    const thread = /^(?:MariaDB|MySQL) thread id (\d+),.*$/m.exec(block);
    if (!thread) continue;
    const threadId = Number(thread[1]);
    if (!ours.has(threadId) || exclude.includes(threadId)) continue;
    const after = block.slice(thread.index + thread[0].length + 1);
    waits.push({
      threadId,
      trxId: /^(\d+)/.exec(block)?.[1] ?? "",
      query: after.slice(0, Math.max(0, after.indexOf("------- TRX HAS BEEN WAITING"))).trim(),
    });
  }
  return waits;
}

/**
 * Waits until a transaction (not of `exclude`, not one of `seen`) waits for a lock in a statement
 * matching `statement`. Fails after `timeoutMs`: the expected wait never came.
 */
export async function nextLockWait(
  observer: RawSession,
  db: TestDatabase,
  options: { statement: RegExp; exclude?: number[]; seen?: string[]; timeoutMs?: number },
): Promise<LockWait> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const waits = await lockWaits(observer, db, options.exclude);
    const found = waits.find(
      (w) => options.statement.test(w.query) && !(options.seen ?? []).includes(w.trxId),
    );
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(
        `no transaction waited on ${options.statement} within the time (waiting: ${JSON.stringify(waits)})`,
      );
    }
    await sleep(50);
  }
}

/** Whether a promise has settled by now (without waiting for it). */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol("pending");
  const first = await Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    sleep(0, pending),
  ]);
  return first !== pending;
}

interface PoolConnection {
  query(sql: string, callback: (error: Error | null) => void): unknown;
}
interface Pool {
  on(event: "connection", listener: (connection: PoolConnection) => void): void;
  off(event: "connection", listener: (connection: PoolConnection) => void): void;
  _allConnections?: { toArray(): PoolConnection[] };
}

/**
 * Runs `sql` (a `SET SESSION …`) on every session of the app's pool, open or opened later, the
 * way the statement timeout is applied; the returned function undoes it with `undoSql`.
 */
export async function onEveryPoolSession(
  dataSource: DataSource,
  sql: string,
  undoSql: string,
): Promise<() => Promise<void>> {
  const pool = (dataSource.driver as unknown as { pool: Pool }).pool;
  const run = (connection: PoolConnection, statement: string) =>
    new Promise<void>((done, fail) =>
      connection.query(statement, (error) => (error ? fail(error) : done())),
    );
  const apply = (connection: PoolConnection) => void run(connection, sql).catch(() => undefined);
  pool.on("connection", apply);
  await Promise.all((pool._allConnections?.toArray() ?? []).map((c) => run(c, sql)));
  return async () => {
    pool.off("connection", apply);
    await Promise.all(
      (pool._allConnections?.toArray() ?? []).map((c) => run(c, undoSql).catch(() => undefined)),
    );
  };
}
