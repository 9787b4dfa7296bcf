import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection } from "mysql2/promise";
import type { DataSource } from "typeorm";
import { type DatabaseConfig, parseDatabaseUrl } from "../src/config";
import { openDatabase } from "../src/db/open-database";

export interface TestDatabase {
  config: DatabaseConfig;
  dataSource: DataSource;
  /** Closes the connection and drops the database (or deletes the SQLite folder). */
  drop(): Promise<void>;
}

let counter = 0;

/**
 * A fresh database for one test file, built by the real migrations: a new MariaDB/MySQL
 * database when DATABASE_URL is a mysql URL, else a SQLite file in a temporary folder. Jest
 * workers never share one.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  const worker = process.env.JEST_WORKER_ID ?? "0";
  if (url?.startsWith("mysql://")) {
    const name = `gas_test_${process.pid}_${worker}_${counter++}`;
    const server = new URL(url);
    const admin = await createConnection({
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username),
      password: decodeURIComponent(server.password),
    });
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    server.pathname = `/${name}`;
    const config = parseDatabaseUrl(server.toString());
    const dataSource = await openDatabase(config);
    return {
      config,
      dataSource,
      async drop() {
        if (dataSource.isInitialized) await dataSource.destroy();
        await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "gas-test-"));
  const config = parseDatabaseUrl(`sqlite:${join(dir, "gas.sqlite")}`);
  const dataSource = await openDatabase(config);
  return {
    config,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
