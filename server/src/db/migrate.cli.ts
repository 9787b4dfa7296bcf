import "reflect-metadata";
import { migrateLocked, revertLocked } from "./migration-lock";

/**
 * `npm run migrate` applies pending migrations; `-- --revert` undoes the last one. The DataSource
 * is the top-level `ormconfig.ts`, the one TypeORM's own CLI uses; the lock is taken here.
 */
async function main(): Promise<void> {
  // Imported here so that a configuration error is reported by the catch below.
  const { default: dataSource } = await import("../../../ormconfig");
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
