import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { statementTimeoutSql } from "./session-settings";

// docs/security.md GQL-5: a statement timeout on every MySQL/MariaDB session of the pool.
describe("statementTimeoutSql", () => {
  it.each([
    ["10.11.6-MariaDB", "SET SESSION max_statement_time = 10"],
    ["11.4.2-MariaDB-log", "SET SESSION max_statement_time = 10"],
    ["8.0.39", "SET SESSION max_execution_time = 10000"],
    ["8.4.2-commercial", "SET SESSION max_execution_time = 10000"],
  ])("%s → %s", (version, sql) => {
    expect(statementTimeoutSql(version, 10)).toBe(sql);
  });
});

const onMysql = process.env.DATABASE_URL?.startsWith("mysql://") ? describe : describe.skip;

onMysql("on MySQL/MariaDB", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("bounds every pooled session, old and new", async () => {
    const runners = Array.from({ length: 4 }, () => db.dataSource.createQueryRunner());
    try {
      for (const runner of runners) {
        const [row] = (await runner
          .query(
            "SELECT VERSION() AS version, @@SESSION.max_statement_time AS mariadb, " + "0 AS mysql",
          )
          .catch(() =>
            runner.query(
              "SELECT VERSION() AS version, NULL AS mariadb, @@SESSION.max_execution_time AS mysql",
            ),
          )) as Array<{ version: string; mariadb: unknown; mysql: unknown }>;
        if (/mariadb/i.test(row.version)) expect(Number(row.mariadb)).toBe(10);
        else expect(Number(row.mysql)).toBe(10000);
      }
    } finally {
      for (const runner of runners) await runner.release();
    }
  });

  it("aborts a statement that runs too long (MariaDB)", async () => {
    const [{ version }] = await db.dataSource.query("SELECT VERSION() AS version");
    if (!/mariadb/i.test(version)) return;
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.query("SET SESSION max_statement_time = 0.2");
      await expect(runner.query("SELECT SLEEP(2)")).rejects.toThrow(/max_statement_time/);
    } finally {
      await runner.query("SET SESSION max_statement_time = 10");
      await runner.release();
    }
  });
});
