import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger as TypeOrmLogger } from "typeorm";
import type { Logger } from "pino";

/** Counts SQL statements per request (a test asserts the accounts screen stays flat). */
export const statementCount = new AsyncLocalStorage<{ statements: number }>();

export class StatementCountingLogger implements TypeOrmLogger {
  constructor(private readonly pinoLog?: Logger) {}

  logQuery(): void {
    const store = statementCount.getStore();
    if (store) store.statements += 1;
  }

  logQueryError(error: string | Error): void {
    // The statement and its parameters stay out of the log: they can hold personal data.
    this.pinoLog?.debug({ err: typeof error === "string" ? error : error.message }, "query failed");
  }

  logQuerySlow(time: number): void {
    this.pinoLog?.warn({ ms: time }, "slow query");
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.pinoLog?.info(message);
  }

  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") this.pinoLog?.warn({ message }, "typeorm");
  }
}
