import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { migrations } from "./migrations";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const SCHEMA_TABLES = [
  "users",
  "sessions",
  "accounts",
  "account_links",
  "payments",
  "meters",
  "readings",
  "user_tokens",
  "mail_outbox",
  "audit_events",
];

async function presentTables(): Promise<string[]> {
  const runner = db.dataSource.createQueryRunner();
  try {
    const present = await Promise.all(SCHEMA_TABLES.map((name) => runner.hasTable(name)));
    return SCHEMA_TABLES.filter((_, i) => present[i]);
  } finally {
    await runner.release();
  }
}

describe("migrations", () => {
  it("run on this database, revert to nothing, and run again", async () => {
    expect(await presentTables()).toEqual(SCHEMA_TABLES);
    for (let i = 0; i < migrations.length; i++) await db.dataSource.undoLastMigration();
    expect(await presentTables()).toEqual([]);
    await db.dataSource.runMigrations();
    expect(await presentTables()).toEqual(SCHEMA_TABLES);
  });

  it("give every table a primary key (Galera replicates no table without one)", async () => {
    const withoutKey: Array<{ name: string }> =
      db.config.type === "mysql"
        ? await db.dataSource.query(
            `SELECT t.table_name AS name FROM information_schema.tables t
             LEFT JOIN information_schema.table_constraints c
               ON c.table_schema = t.table_schema AND c.table_name = t.table_name
              AND c.constraint_type = 'PRIMARY KEY'
             WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'
               AND c.constraint_name IS NULL`,
          )
        : await db.dataSource.query(
            `SELECT m.name FROM sqlite_master m
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
               AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.pk > 0)`,
          );
    const [{ n: tables }] = await db.dataSource.query(
      db.config.type === "mysql"
        ? "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE()"
        : "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'",
    );
    expect(Number(tables)).toBeGreaterThanOrEqual(SCHEMA_TABLES.length);
    expect(withoutKey.map((t) => t.name)).toEqual([]);
  });

  it("leave nothing pending", async () => {
    expect(await db.dataSource.showMigrations()).toBe(false);
  });

  it("back the monthly limit with a CHECK and a unique key on the slot", async () => {
    const at = "'2026-11-01 00:00:00'";
    await db.dataSource.query(
      `INSERT INTO accounts (number, holder_name, address, created_at, updated_at) VALUES ('1', 'A', 'B', ${at}, ${at})`,
    );
    const [{ id: accountId }] = await db.dataSource.query(
      "SELECT id FROM accounts WHERE number = '1'",
    );
    await db.dataSource.query(
      `INSERT INTO meters (account_id, serial_number, installed_at) VALUES (${accountId}, 'S', ${at})`,
    );
    const [{ id: meterId }] = await db.dataSource.query(
      "SELECT id FROM meters WHERE serial_number = 'S'",
    );
    const insertSlot = (slot: number) =>
      db.dataSource.query(
        `INSERT INTO readings (meter_id, value_milli, taken_at, period, source, slot, is_correction, created_at)
         VALUES (${meterId}, 1, ${at}, '2026-11', 'SUBSCRIBER', ${slot}, 0, ${at})`,
      );
    await expect(insertSlot(3)).rejects.toThrow(/check|constraint/i);
    await insertSlot(1);
    await expect(insertSlot(1)).rejects.toThrow(/duplicate|unique/i);
  });
});
