import type { Logger } from "pino";
import type { DataSource } from "typeorm";

/** GQL-5: no statement runs longer than this (the request deadline is 10 s as well). */
export const STATEMENT_TIMEOUT_SECONDS = 10;

interface PoolConnection {
  query(sql: string, callback: (error: Error | null) => void): unknown;
}
interface Pool {
  on(event: "connection", listener: (connection: PoolConnection) => void): void;
  _allConnections?: { toArray(): PoolConnection[] };
}

/** The per-session statement that bounds execution time on this server's flavour. */
export function statementTimeoutSql(serverVersion: string, seconds: number): string {
  // MariaDB: max_statement_time in seconds, any statement. MySQL: max_execution_time in ms,
  // read-only SELECTs (writes are bounded by innodb_lock_wait_timeout).
  return /mariadb/i.test(serverVersion)
    ? `SET SESSION max_statement_time = ${Number(seconds)}`
    : `SET SESSION max_execution_time = ${Math.round(Number(seconds) * 1000)}`;
}

/**
 * Sets the statement timeout on every session of the MySQL/MariaDB pool: the ones it opens from
 * now on (before they are handed out) and the ones already open. SQLite has no such setting.
 */
export async function applyStatementTimeout(
  dataSource: DataSource,
  seconds = STATEMENT_TIMEOUT_SECONDS,
  log?: Logger,
): Promise<void> {
  if (dataSource.options.type !== "mysql" || seconds <= 0) return;
  const [{ version }] = (await dataSource.query("SELECT VERSION() AS version")) as Array<{
    version: string;
  }>;
  const sql = statementTimeoutSql(version, seconds);
  const pool = (dataSource.driver as unknown as { pool: Pool }).pool;
  const apply = (connection: PoolConnection) =>
    connection.query(sql, (error) => {
      if (error) log?.error({ err: error.message }, "could not set the statement timeout");
    });
  pool.on("connection", apply);
  for (const connection of pool._allConnections?.toArray() ?? []) apply(connection);
}
