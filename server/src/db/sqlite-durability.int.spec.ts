import { createTestDatabase, type TestDatabase } from "../../test/test-database";

// Issue 17 item 7: an acknowledged sending on the embedded default survives a power loss, not
// only a killed process: WAL with synchronous=FULL syncs the log on every commit.

const onSqlite = process.env.DATABASE_URL?.startsWith("mysql://") ? describe.skip : describe;

onSqlite("the embedded SQLite default", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("commits with journal_mode=WAL and synchronous=FULL", async () => {
    expect(await db.dataSource.query("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    // 2 = FULL (NORMAL is 1, the driver's default under WAL).
    expect(await db.dataSource.query("PRAGMA synchronous")).toEqual([{ synchronous: 2 }]);
  });
});
