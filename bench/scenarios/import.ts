import "reflect-metadata";
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection } from "mysql2/promise";
import { parseDatabaseUrl } from "../../server/src/config";
import { openDatabase } from "../../server/src/db/open-database";
import { generateRegistry, REGISTRY_HEADERS } from "../../server/src/registry/registry-generator";
import { importRegistry } from "../../server/src/registry/registry-import.service";
import { systemClock } from "../../server/src/core/clock";

export interface ImportFigures {
  accounts: number;
  importSeconds: number;
  loadDataSeconds: number;
}

/**
 * Scenario 8: `registry:import` of N generated accounts into MariaDB against MariaDB's own
 * `LOAD DATA LOCAL INFILE` of the same accounts.csv, in the same run, each into a fresh database.
 */
export async function measureImport(url: string, accounts: number): Promise<ImportFigures> {
  const dir = mkdtempSync(join(tmpdir(), "gas-bench-import-"));
  let csv = REGISTRY_HEADERS.accounts;
  for (const lines of generateRegistry({ accounts, months: 0, until: "2026-10", seed: 1 })) {
    csv += lines.accounts;
  }
  writeFileSync(join(dir, "accounts.csv"), csv);

  const server = new URL(url);
  const admin = await createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
    infileStreamFactory: (path: string) => createReadStream(path),
  });
  const fresh = async (name: string) => {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    server.pathname = `/${name}`;
    return openDatabase(parseDatabaseUrl(server.toString()));
  };
  try {
    const ours = await fresh("gas_bench_import");
    let started = performance.now();
    await importRegistry(ours, dir, { clock: systemClock });
    const importSeconds = (performance.now() - started) / 1000;
    await ours.destroy();

    const baseline = await fresh("gas_bench_load_data");
    await baseline.destroy();
    await admin.query("USE gas_bench_load_data");
    started = performance.now();
    await admin.query(
      `LOAD DATA LOCAL INFILE ? INTO TABLE accounts CHARACTER SET utf8mb4
       FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\\n'
       IGNORE 1 LINES (number, holder_name, address, @owner_bin)
       SET owner_bin = NULLIF(@owner_bin, ''), created_at = NOW(3), updated_at = NOW(3)`,
      [join(dir, "accounts.csv")],
    );
    const loadSeconds = (performance.now() - started) / 1000;
    const [[{ loaded }]] = (await admin.query(
      "SELECT COUNT(*) AS loaded FROM accounts",
    )) as unknown as [[{ loaded: number }]];

    if (Number(loaded) !== accounts) throw new Error(`LOAD DATA loaded ${loaded} of ${accounts}`);
    await admin.query("DROP DATABASE gas_bench_import");
    await admin.query("DROP DATABASE gas_bench_load_data");
    return { accounts, importSeconds, loadDataSeconds: loadSeconds };
  } finally {
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
