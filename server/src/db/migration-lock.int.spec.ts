import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection } from "mysql2/promise";
import { DataSource } from "typeorm";
import { ROOT } from "../../test/server-process";
import { migrations } from "./migrations";

// Issue 17 item 2: replicas started at once on an empty database all start; each migration
// runs once. Ten `migrate` processes (the same path the server takes) race on one database.

const RUNS = 10;

interface Run {
  code: number | null;
  output: string;
}

function migrate(databaseUrl: string): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "server/src/db/migrate.cli.ts"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => done({ code, output }));
  });
}

async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url?.startsWith("mysql://")) {
    const server = new URL(url);
    const name = `gas_race_${process.pid}`;
    const admin = await createConnection({
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username),
      password: decodeURIComponent(server.password),
    });
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\``);
    server.pathname = `/${name}`;
    return {
      url: server.toString(),
      async drop() {
        await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "gas-race-"));
  return {
    url: `sqlite:${join(dir, "gas.sqlite")}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe("migrations started by many replicas at once", () => {
  it(`all ${RUNS} exit 0 and each migration is recorded once`, async () => {
    const database = await freshDatabase();
    try {
      const runs = await Promise.all(Array.from({ length: RUNS }, () => migrate(database.url)));
      const failed = runs.filter((r) => r.code !== 0);
      expect(failed.map((r) => r.output)).toEqual([]);
      expect(runs.filter((r) => r.output.includes("Applied:"))).toHaveLength(1);

      const dataSource = database.url.startsWith("mysql://")
        ? new DataSource({ type: "mysql", url: database.url })
        : new DataSource({ type: "better-sqlite3", database: database.url.slice(7) });
      await dataSource.initialize();
      try {
        const rows: Array<{ name: string; n: number | string }> = await dataSource.query(
          "SELECT name, COUNT(*) AS n FROM migrations GROUP BY name ORDER BY name",
        );
        expect(rows.map((r) => [r.name, Number(r.n)])).toEqual(
          migrations.map((m) => [m.name, 1]).sort(),
        );
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await database.drop();
    }
  }, 180_000);
});
