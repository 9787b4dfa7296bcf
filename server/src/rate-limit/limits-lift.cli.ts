import "reflect-metadata";
import { userInfo } from "node:os";
import pino from "pino";
import type { DataSource } from "typeorm";
import { ConfigError, loadConfig } from "../config";
import { openDatabase } from "../db/open-database";
import { systemClock } from "../core/clock";
import { AppError } from "../common/app-error";
import { liftAccountBlock } from "./lift";

const USAGE = "Usage: npm run limits:lift -- --account NUMBER";

/** `npm run limits:lift -- --account NUMBER`: lifts the guessing block on an account number. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--account");
  const number = at >= 0 ? args[at + 1] : undefined;
  if (!number || args.length !== 2) throw new ConfigError(USAGE);
  const config = loadConfig();
  const log = pino({ level: config.logLevel === "silent" ? "info" : config.logLevel });
  let dataSource: DataSource | undefined;
  try {
    dataSource = await openDatabase(config.database, log);
    const operator = process.env.SUDO_USER ?? userInfo().username;
    const lifted = await liftAccountBlock(
      { dataSource, clock: systemClock, log },
      number,
      operator,
    );
    console.log(lifted ? `Lifted the block on ${number}.` : `${number} was not blocked.`);
  } finally {
    await dataSource?.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else if (error instanceof AppError) console.error(`${USAGE}\n${error.message}`);
    else console.error(error);
    process.exit(1);
  },
);
