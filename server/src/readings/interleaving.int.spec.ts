// T2 (docs/security.md) (interleaving): two DB sessions stepped by barriers, lock on, then off.
import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf, type GraphQLClient } from "../../test/graphql-client";
import { isSettled, nextLockWait, openSession, type RawSession } from "../../test/db-sessions";
import { SUBMIT, registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { driverError } from "../db/transaction";
import { parseReadingMilli } from "../core/decimal";
import { ReadingSource } from "../core/enums";
import { nextFeedSeq } from "./feed-sequence";
import { MeterEntity } from "./meter.entity";
import { ReadingEntity } from "./reading.entity";
import { countedSendings } from "./readings.queries";
import { ReadingsService } from "./readings.service";

// CON-1: (a) the meter row lock makes a second sending wait until the first has committed, and
// it then counts two and refuses; (b) without the lock the unique (meter, period, slot) key
// refuses the second insert with 1062, which the service answers as MONTHLY_LIMIT_REACHED.
// MariaDB/MySQL only: SQLite has no row locks (its writers take turns).

const onMysql = process.env.DATABASE_URL?.startsWith("mysql://") ? describe : describe.skip;
const NOW = "2026-11-15T06:00:00Z";
const PERIOD = "2026-11";

onMysql("two sessions sending on one meter, stepped (T2)", () => {
  let t: TestApp;
  let observer: RawSession;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    observer = await openSession(t.db);
  });
  afterAll(async () => {
    await observer?.close();
    await t?.close();
  });

  /** A subscriber whose meter (last read 1500 m³) has this month's first sending, 1600. */
  async function meterWithOneSending(): Promise<{ client: GraphQLClient; meterId: number }> {
    const account = await createRegistryAccount(t.db.dataSource);
    const client = t.client();
    await registerAndLogin(client, registration(account));
    const meterId = account.meters[0].id;
    await client.ok(SUBMIT, { input: { meterId: String(meterId), value: "1600" } });
    return { client, meterId };
  }

  /**
   * A session of its own that takes the service's steps one at a time: lock the meter (or not),
   * count the month's sendings, take a feed number and insert the correction (slot 2).
   */
  async function rival(meterId: number) {
    const runner = t.db.dataSource.createQueryRunner();
    await runner.connect();
    const [{ id }] = await runner.query("SELECT CONNECTION_ID() AS id");
    await runner.startTransaction();
    return {
      id: Number(id),
      lockMeter: () =>
        runner.manager
          .getRepository(MeterEntity)
          .createQueryBuilder("m")
          .setLock("pessimistic_write")
          .where("m.id = :meterId", { meterId })
          .getOne(),
      count: async () =>
        ((await countedSendings(runner.manager, [meterId], PERIOD)).get(meterId) ?? []).length,
      insertCorrection: async (value: string) => {
        const now = new Date(NOW);
        await runner.manager.getRepository(ReadingEntity).insert({
          meterId,
          valueMilli: parseReadingMilli(value)!,
          takenAt: now,
          period: PERIOD,
          source: ReadingSource.SUBSCRIBER,
          slot: 2,
          isCorrection: true,
          previousValueMilli: parseReadingMilli("1500")!,
          submittedByUserId: null,
          caller: "test:rival",
          idempotencyKey: null,
          externalId: null,
          createdAt: now,
          feedSeq: await nextFeedSeq(runner.manager),
        });
      },
      commit: () => runner.commitTransaction(),
      async release() {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        await runner.release();
      },
    };
  }

  const sendings = async (meterId: number) =>
    (
      await t.db.dataSource
        .getRepository(ReadingEntity)
        .find({ where: { meterId, period: PERIOD }, order: { slot: "ASC" } })
    )
      .filter((r) => r.slot !== null)
      .map((r) => [r.slot, String(r.valueMilli)]);

  it("lock on: the second sending waits for the meter lock, then counts two and refuses", async () => {
    const { client, meterId } = await meterWithOneSending();
    const first = await rival(meterId);
    try {
      await first.lockMeter();
      expect(await first.count()).toBe(1);

      // Barrier: the app's session has reached the meter lock and waits there, before counting.
      const second = client.request(SUBMIT, { input: { meterId: String(meterId), value: "1620" } });
      await nextLockWait(observer, t.db, {
        statement: /FROM `?meters`?[\s\S]*FOR UPDATE/,
        exclude: [first.id, observer.id],
      });
      expect(await isSettled(second)).toBe(false);

      await first.insertCorrection("1610");
      await first.commit();
      const response = await second;
      expect(codeOf(response)).toBe("MONTHLY_LIMIT_REACHED");
      expect(response.errors![0].extensions!.reopensAt).toBe("2026-11-30T19:00:00.000Z");
    } finally {
      await first.release();
    }
    expect(await sendings(meterId)).toEqual([
      [1, "1600000"],
      [2, "1610000"],
    ]);
  });

  it("lock off: both sessions count one sending, the later insert of slot 2 fails with 1062", async () => {
    const { meterId } = await meterWithOneSending();
    const a = await rival(meterId);
    const b = await rival(meterId);
    try {
      expect(await a.count()).toBe(1);
      expect(await b.count()).toBe(1);
      await a.insertCorrection("1610");
      const late = b.insertCorrection("1620").then(
        () => null,
        (error: unknown) => error,
      );
      await nextLockWait(observer, t.db, {
        statement: /feed_sequence|INSERT INTO `readings`/,
        exclude: [a.id, observer.id],
      });
      await a.commit();
      expect(driverError(await late).errno).toBe(1062);
    } finally {
      await a.release();
      await b.release();
    }
    expect(await sendings(meterId)).toEqual([
      [1, "1600000"],
      [2, "1610000"],
    ]);
  });

  it("lock off: the service loses the race to the unique key and answers MONTHLY_LIMIT_REACHED", async () => {
    const { client, meterId } = await meterWithOneSending();
    const first = await rival(meterId);
    // The service's meter lock off (its insert would otherwise wait for the other session's
    // foreign-key lock on the meter row before counting): the meter read without it.
    const lockOff = jest
      .spyOn(ReadingsService.prototype as any, "lockMeter")
      .mockImplementation((manager: any) =>
        manager.getRepository(MeterEntity).findOneByOrFail({ id: meterId }),
      );
    try {
      // The other session counts and inserts, uncommitted.
      expect(await first.count()).toBe(1);
      await first.insertCorrection("1610");

      // Barrier: the app's session counted one sending (the other insert is not committed) and
      // now waits for the feed number the other session holds.
      const second = client.request(SUBMIT, { input: { meterId: String(meterId), value: "1620" } });
      await nextLockWait(observer, t.db, {
        statement: /feed_sequence/,
        exclude: [first.id, observer.id],
      });
      expect(await isSettled(second)).toBe(false);

      await first.commit();
      // Its insert of slot 2 now fails with 1062: a refusal, not INTERNAL.
      const response = await second;
      expect(codeOf(response)).toBe("MONTHLY_LIMIT_REACHED");
      expect(response.errors![0].extensions).toMatchObject({
        field: "value",
        reopensAt: "2026-11-30T19:00:00.000Z",
      });
    } finally {
      lockOff.mockRestore();
      await first.release();
    }
    expect(await sendings(meterId)).toEqual([
      [1, "1600000"],
      [2, "1610000"],
    ]);
  });
});
