import "reflect-metadata";
import { resolve } from "node:path";
import pino from "pino";
import type { DataSource } from "typeorm";
import { ConfigError, loadConfig } from "../config";
import { openDatabase } from "../db/open-database";
import { systemClock } from "../core/clock";
import { importProgress } from "./import-progress";
import { REGISTRY_FILES, RegistryError } from "./registry-files";
import { importRegistry } from "./registry-import.service";

/** `npm run registry:import -- DIR`: imports the registry CSV files in DIR and prints counts. */
async function main(): Promise<void> {
  const [dir] = process.argv.slice(2);
  if (!dir) throw new RegistryError("Usage: npm run registry:import -- DIR");
  // npm runs scripts in the project root; a relative DIR means the folder npm was called from.
  const folder = resolve(process.env.INIT_CWD ?? process.cwd(), dir);
  const config = loadConfig();
  // Logs go to stderr so that stdout holds only the report.
  const log = pino({ level: config.logLevel }, pino.destination(2));
  let dataSource: DataSource | undefined;
  try {
    dataSource = await openDatabase(config.database, log);
    const seen = new Set<string>();
    const show = importProgress();
    const started = Date.now();
    const report = await importRegistry(dataSource, folder, {
      clock: systemClock,
      onProgress: (file, progress) => {
        if (progress.done) seen.add(file);
        show(file, progress);
      },
    });
    console.log(`\nImported in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    const width = Math.max(...REGISTRY_FILES.map((name) => name.length)) + 1;
    for (const name of REGISTRY_FILES) {
      const { created, updated, unchanged } = report[name];
      const counts = seen.has(`${name}.csv`)
        ? `${created} created, ${updated} updated, ${unchanged} unchanged`
        : "no file, skipped";
      console.log(`${`${name}:`.padEnd(width)} ${counts}`);
    }
  } finally {
    await dataSource?.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const known = error instanceof RegistryError || error instanceof ConfigError;
    console.error(known ? error.message : error);
    process.exit(1);
  },
);
