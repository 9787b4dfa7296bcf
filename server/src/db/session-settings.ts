import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { DEFAULT_SYNC_WAIT, isGaleraNode } from "./galera";

/** GQL-5: no statement runs longer than this (the request deadline is 10 s as well). */
export const STATEMENT_TIMEOUT_SECONDS = 10;

interface PoolConnection {
  query(sql: string, callback: (error: Error | null) => void): unknown;
}
export interface SessionPool {
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

const settings = new WeakMap<DataSource, string[]>();

/** The statements every session of this DataSource's server starts with (other pools too). */
export function sessionSettingsOf(dataSource: DataSource): string[] {
  return settings.get(dataSource) ?? [];
}

/**
 * Sets up every session of the MySQL/MariaDB pool, the ones it opens from now on (before they are
 * handed out) and the ones already open: the statement timeout, and on a Galera node the reads'
 * wait for the cluster's earlier commits (galera.ts). SQLite has no such settings.
 */
export async function applySessionSettings(
  dataSource: DataSource,
  {
    statementTimeoutSeconds = STATEMENT_TIMEOUT_SECONDS,
    syncWait = DEFAULT_SYNC_WAIT,
  }: { statementTimeoutSeconds?: number; syncWait?: number } = {},
  log?: Logger,
): Promise<void> {
  if (dataSource.options.type !== "mysql") return;
  const [{ version }] = (await dataSource.query("SELECT VERSION() AS version")) as Array<{
    version: string;
  }>;
  const statements: string[] = [];
  if (statementTimeoutSeconds > 0) {
    statements.push(statementTimeoutSql(version, statementTimeoutSeconds));
  }
  if (await isGaleraNode(dataSource)) {
    statements.push(`SET SESSION wsrep_sync_wait = ${Math.trunc(syncWait)}`);
  }
  settings.set(dataSource, statements);
  const pool = (dataSource.driver as unknown as { pool: SessionPool }).pool;
  applyToSessions(pool, statements, log);
}

/** Runs `statements` on each session of a mysql2 pool, open now or opened later. */
export function applyToSessions(pool: SessionPool, statements: string[], log?: Logger): void {
  if (statements.length === 0) return;
  const apply = (connection: PoolConnection) => {
    for (const sql of statements) {
      connection.query(sql, (error) => {
        if (error) log?.error({ err: error.message, sql }, "could not set up a database session");
      });
    }
  };
  pool.on("connection", apply);
  for (const connection of pool._allConnections?.toArray() ?? []) apply(connection);
}
