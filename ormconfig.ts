import "reflect-metadata";
import pino from "pino";
import { loadConfig } from "./server/src/config";
import { createDataSource } from "./server/src/db/data-source";
import { StatementCountingLogger } from "./server/src/db/statement-counter";

/**
 * The project's DataSource for TypeORM's own CLI and for `npm run migrate`: the same entities,
 * migrations and driver settings the server uses, from the same validated settings
 * (`DATABASE_URL`, default `sqlite:data/gas.sqlite`; see server/src/config.ts).
 *
 *   npx typeorm-ts-node-commonjs migration:show -d ormconfig.ts
 *   DATABASE_URL=mysql://gas:gas@127.0.0.1:3306/gas npx typeorm-ts-node-commonjs migration:show -d ormconfig.ts
 *
 * Apply migrations with `npm run migrate`, not `typeorm migration:run`: the former takes the
 * migration lock (server/src/db/migration-lock.ts), so replicas started together take turns.
 * CI checks with `typeorm migration:generate --check` that the entities and migrations agree.
 */
const config = loadConfig();
const log = pino({ level: process.env.LOG_LEVEL ?? "info" });

/** The server's logger, plus TypeORM's schema messages (`migration:show`'s list) on stdout. */
class CommandLineLogger extends StatementCountingLogger {
  override logSchemaBuild(message?: string): void {
    if (message) console.log(message);
  }
}

const dataSource = createDataSource(config.database, log);
dataSource.setOptions({ logger: new CommandLineLogger(log) });

export default dataSource;
