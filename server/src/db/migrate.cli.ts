import "reflect-metadata";
import pino from "pino";
import { loadConfig } from "../config";
import { createDataSource } from "./data-source";
import { migrateLocked, revertLocked } from "./migration-lock";

/** `npm run migrate` applies pending migrations; `-- --revert` undoes the last one. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: "info" });
  const dataSource = createDataSource(config.database, log);
  await dataSource.initialize();
  try {
    if (process.argv.includes("--revert")) {
      await revertLocked(dataSource);
      console.log("Reverted the last migration.");
    } else {
      const applied = await migrateLocked(dataSource);
      console.log(
        applied.length
          ? `Applied: ${applied.map((m) => m.name).join(", ")}`
          : "Schema is up to date.",
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
