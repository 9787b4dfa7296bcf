import "reflect-metadata";
import pino from "pino";
import type { DataSource } from "typeorm";
import { AuditService } from "../audit/audit.service";
import { PasswordHasher } from "../auth/password-hasher.service";
import { checkPassword } from "../auth/password-policy.rules";
import { ConfigError, loadConfig } from "../config";
import { openDatabase } from "../db/open-database";
import { isUniqueViolation } from "../db/transaction";
import { option, UsageError } from "../common/cli-args";
import { systemClock } from "../core/clock";
import { OperatorsService } from "./operators.service";

const USAGE = 'npm run user:create-operator -- --email EMAIL --password PASSWORD [--name "NAME"]';

/** Creates a support-desk user (role OPERATOR), who logs in like anyone else. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const email = option(argv, "email");
  const password = option(argv, "password");
  const name = option(argv, "name") ?? "Operator";
  if (!email || !password || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(USAGE);
  const verdict = checkPassword(password);
  if (verdict !== "OK") throw new UsageError(`The password is not acceptable (${verdict}).`);
  const config = loadConfig();
  const log = pino({ level: config.logLevel }, pino.destination(2));
  let dataSource: DataSource | undefined;
  const hasher = new PasswordHasher(config.passwordPepper, config.bcryptCost);
  try {
    dataSource = await openDatabase(config.database, log);
    const audit = new AuditService(dataSource, systemClock);
    const noLimiter = { lift: async () => false };
    const operators = new OperatorsService(dataSource, systemClock, noLimiter, audit, hasher);
    try {
      const user = await operators.createOperator(email, password, name);
      console.log(`Created operator ${user.email} (user id ${user.id}).`);
    } catch (error) {
      if (isUniqueViolation(error)) throw new UsageError(`${email} is already registered.`);
      throw error;
    }
  } finally {
    await hasher.close();
    await dataSource?.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof ConfigError;
    console.error(known ? error.message : error);
    process.exit(1);
  },
);
