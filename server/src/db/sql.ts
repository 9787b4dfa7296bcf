import { DataSource, type EntityManager, QueryFailedError } from "typeorm";

/** Prepared statements each pooled MySQL/MariaDB connection keeps (`maxPreparedStatements`). */
export const PREPARED_STATEMENTS_PER_CONNECTION = 256;

type ExecuteCallback = (error: Error | null, result?: unknown) => void;
interface Executor {
  execute(sql: string, parameters: unknown[], callback: ExecuteCallback): unknown;
}

/**
 * Runs one hand-written statement; answers the driver's result (rows, or the write's header).
 * On MySQL/MariaDB it is prepared once per connection (mysql2 `execute`: the binary protocol, no
 * client-side escaping, no parsing on the server the next time); inside a transaction on its
 * connection, else on any of the pool's. SQLite's driver prepares anyway (`query`). Parameters:
 * bigints as strings or bigint, dates as Date (the pool's `timezone` applies), no `undefined`;
 * a number goes as a DOUBLE, so `LIMIT` takes a checked integer literal, not a `?`.
 */
export async function run<T = unknown>(
  on: DataSource | EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<T> {
  const manager = on instanceof DataSource ? on.manager : on;
  const dataSource = manager.connection;
  if (dataSource.options.type !== "mysql") return manager.query(sql, parameters);
  const runner = manager.queryRunner;
  const executor: Executor =
    runner && !runner.isReleased
      ? ((await runner.connect()) as Executor)
      : (dataSource.driver as unknown as { pool: Executor }).pool;
  // The statement counter (statement-counter.ts) and the slow-statement log stay as they were.
  dataSource.logger.logQuery(sql, parameters, runner);
  const started = Date.now();
  return new Promise<T>((resolve, reject) => {
    executor.execute(sql, parameters, (error, result) => {
      const ms = Date.now() - started;
      const slowMs = dataSource.options.maxQueryExecutionTime;
      if (slowMs && ms > slowMs) dataSource.logger.logQuerySlow(ms, sql, parameters, runner);
      if (error) {
        dataSource.logger.logQueryError(error, sql, parameters, runner);
        reject(new QueryFailedError(sql, parameters, error));
      } else resolve(result as T);
    });
  });
}
