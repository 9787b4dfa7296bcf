import { setTimeout as sleep } from "node:timers/promises";
import type { EntityManager } from "typeorm";
import { isSettled, nextLockWait, openSession, type RawSession } from "../../test/db-sessions";
import { createRegistryAccount } from "../../test/factories";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { MeterEntity } from "../readings/meter.entity";
import { type Dialect, dialectOf } from "./dialect";
import { withTransaction } from "./transaction";

// Issue 18 item 3: what differs by database, behind one interface (dialect.ts).
let db: TestDatabase;
let dialect: Dialect;
beforeAll(async () => {
  db = await createTestDatabase();
  dialect = dialectOf(db.dataSource);
});
afterAll(() => db.drop());

const onMysql = process.env.DATABASE_URL?.startsWith("mysql://") ? describe : describe.skip;
const onSqlite = process.env.DATABASE_URL?.startsWith("mysql://") ? describe.skip : describe;

describe("nextSequence", () => {
  const next = (manager: EntityManager) => dialect.nextSequence(manager, "readings");

  it("adds one a call, in the order of the calls", async () => {
    const taken = await withTransaction(db.dataSource, async (manager) => [
      await next(manager),
      await next(manager),
      await next(manager),
    ]);
    expect(taken).toEqual([taken[0], taken[0] + 1n, taken[0] + 2n]);
  });

  it("gives transactions running at once one number each, none twice", async () => {
    const before = await withTransaction(db.dataSource, next);
    const taken = await Promise.all(
      Array.from({ length: 8 }, () => withTransaction(db.dataSource, next)),
    );
    expect(taken.sort((a, b) => Number(a - b))).toEqual(
      Array.from({ length: 8 }, (_, i) => before + BigInt(i + 1)),
    );
  });
});

onMysql("lockRows on MySQL/MariaDB", () => {
  let observer: RawSession;
  beforeAll(async () => {
    observer = await openSession(db);
  });
  afterAll(() => observer?.close());

  const meter = (manager: EntityManager, id: number) =>
    manager.getRepository(MeterEntity).createQueryBuilder("m").where("m.id = :id", { id });

  it("keeps a second transaction waiting for the row until the first one ends", async () => {
    const meterId = (await createRegistryAccount(db.dataSource)).meters[0].id;
    const holder = db.dataSource.createQueryRunner();
    const waiter = db.dataSource.createQueryRunner();
    try {
      await holder.startTransaction();
      await dialect.lockRows(meter(holder.manager, meterId));
      await waiter.startTransaction();
      const waiting = dialect.lockRows(meter(waiter.manager, meterId));

      await nextLockWait(observer, db, {
        statement: /FROM `meters`[\s\S]*FOR UPDATE/,
        exclude: [observer.id],
      });
      expect(await isSettled(waiting)).toBe(false);
      await holder.commitTransaction();
      await waiting;
      await waiter.commitTransaction();
    } finally {
      for (const runner of [holder, waiter]) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    }
  });
});

onSqlite("inTurn on SQLite", () => {
  it("starts a work only once the one before it has ended", async () => {
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} starts`);
      await sleep(20);
      events.push(`${name} ends`);
    };
    await Promise.all([dialect.inTurn(work("first")), dialect.inTurn(work("second"))]);
    expect(events).toEqual(["first starts", "first ends", "second starts", "second ends"]);
  });
});
