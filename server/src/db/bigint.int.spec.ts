import { createRegistryAccount } from "../../test/factories";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { PaymentEntity } from "../accounts/payment.entity";
import { selectEntities } from "./hydrate";
import { run } from "./sql";

// BIGINT columns (money in tiyn, readings in thousandths of m³, feed numbers with a Galera
// node's stream in their high bits) are exact through every read path: MariaDB hands the driver
// numbers within 2^53 and strings beyond (data-source.ts). SQLite reads integers as doubles,
// exact to 2^53, which no amount or reading reaches; there only the small values are checked.
const onMysql = process.env.DATABASE_URL?.startsWith("mysql://");
const BEYOND_DOUBLES = 2n ** 53n + 1n;
const amounts = onMysql ? [BEYOND_DOUBLES, 450_000n, 0n] : [450_000n, 0n];

let db: TestDatabase;
let accountId: number;
beforeAll(async () => {
  db = await createTestDatabase();
  accountId = (await createRegistryAccount(db.dataSource, { payments: [] })).account.id;
  await db.dataSource.getRepository(PaymentEntity).insert(
    amounts.map((amountTiyn, day) => ({
      accountId,
      amountTiyn,
      paidAt: new Date(Date.UTC(2026, 0, day + 1)),
    })),
  );
});
afterAll(() => db.drop());

const byDay = (payments: PaymentEntity[]) =>
  [...payments].sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime()).map((p) => p.amountTiyn);

describe("BIGINT columns", () => {
  it("come back exact through a find", async () => {
    const found = await db.dataSource.getRepository(PaymentEntity).findBy({ accountId });
    expect(byDay(found)).toEqual(amounts);
  });

  it("come back exact through a hand-written statement (hydrate)", async () => {
    const found = await selectEntities(
      db.dataSource.manager,
      PaymentEntity,
      "SELECT p.* FROM payments p WHERE p.account_id = ?",
      [accountId],
    );
    expect(byDay(found)).toEqual(amounts);
  });

  it("give a count that reads as a number", async () => {
    const [row] = await run<Array<{ n: unknown }>>(
      db.dataSource.manager,
      "SELECT COUNT(*) AS n FROM payments p WHERE p.account_id = ?",
      [accountId],
    );
    expect(Number(row.n)).toBe(amounts.length);
  });
});
