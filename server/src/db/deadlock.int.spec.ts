// T3 (docs/security.md) (deadlock): real 1213 and 1205 in a sending's transaction.
import { setTimeout as sleep } from "node:timers/promises";
import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf, type GraphQLClient } from "../../test/graphql-client";
import {
  AUDIT_INSERT,
  blockAuditInserts,
  isSettled,
  lockWaits,
  nextLockWait,
  onEveryPoolSession,
  openSession,
  type RawSession,
} from "../../test/db-sessions";
import { SUBMIT, registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { AuditEventEntity } from "../audit/audit-event.entity";
import { ReadingEntity } from "../readings/reading.entity";

// CON-2: a deadlock (1213) or a lock wait timeout (1205) re-runs the whole transaction, at most
// 3 times (4 attempts); one that persists answers SERVICE_UNAVAILABLE ("try again"), never
// INTERNAL; a rolled-back attempt leaves nothing behind (no reading, no audit row, no feed
// number). The app's transaction is stopped at its last statement (the audit insert, see
// blockAuditInserts) after it wrote its reading and its feed number, so "no partial rows"
// is tested where it matters. MariaDB/MySQL only.

const onMysql = process.env.DATABASE_URL?.startsWith("mysql://") ? describe : describe.skip;
const MAX_ATTEMPTS = 4;

onMysql("deadlocks and lock wait timeouts in a sending (T3)", () => {
  let t: TestApp;
  let observer: RawSession;
  let ballastAccountId: number;

  beforeAll(async () => {
    t = await startTestApp({ now: "2026-11-15T06:00:00Z" });
    observer = await openSession(t.db);
    ballastAccountId = (await createRegistryAccount(t.db.dataSource)).account.id;
  });
  afterAll(async () => {
    await observer?.close();
    await t?.close();
  });

  /** The lockers of a test, closed after it (closing rolls back whatever they still hold). */
  const lockers: RawSession[] = [];
  afterEach(async () => {
    await Promise.all(lockers.splice(0).map((session) => session.close()));
  });

  async function subscriber(): Promise<{ client: GraphQLClient; meterId: number; userId: number }> {
    const account = await createRegistryAccount(t.db.dataSource);
    const client = t.client();
    const { userId } = await registerAndLogin(client, registration(account));
    return { client, meterId: account.meters[0].id, userId: Number(userId) };
  }

  /**
   * A session that blocks the app's audit insert. With `heavy`, it first writes 200 rows (rolled
   * back at the end) so that InnoDB, which rolls back the transaction with the smaller weight,
   * picks the app's transaction as the deadlock victim.
   */
  let ballast = 0;
  async function locker({ heavy }: { heavy: boolean }): Promise<RawSession> {
    const session = await openSession(t.db);
    lockers.push(session);
    await blockAuditInserts(session);
    if (heavy) {
      const rows = Array.from({ length: 200 }, () => [
        ballastAccountId,
        ++ballast,
        new Date("2026-01-01T00:00:00Z"),
      ]);
      await session.query("INSERT INTO payments (account_id, amount_tiyn, paid_at) VALUES ?", [
        rows,
      ]);
    }
    return session;
  }

  /** Closes the cycle: the locker waits for the meter lock the app's transaction holds. */
  const lockMeter = (session: RawSession, meterId: number) =>
    session.query("SELECT id FROM meters WHERE id = ? FOR UPDATE", [meterId]);

  const feedNumber = async () =>
    String(
      (await observer.query("SELECT value FROM feed_sequence WHERE name = 'readings'"))[0].value,
    );

  async function stored(meterId: number, userId: number) {
    const sendings = await t.db.dataSource
      .getRepository(ReadingEntity)
      .find({ where: { meterId, period: "2026-11" }, order: { id: "ASC" } });
    const audits = await t.db.dataSource
      .getRepository(AuditEventEntity)
      .countBy({ userId, eventType: "READING_SUBMITTED" });
    return {
      sendings: sendings.filter((r) => r.slot !== null).map((r) => [r.slot, String(r.valueMilli)]),
      audits,
      feedNumber: await feedNumber(),
    };
  }

  const send = (client: GraphQLClient, meterId: number) =>
    client.request(SUBMIT, { input: { meterId: String(meterId), value: "1600" } });

  /** A retried sending that went through: answered, stored once, one audit row, one feed number. */
  async function expectStoredOnce(
    response: Awaited<ReturnType<typeof send>>,
    { meterId, userId, before }: { meterId: number; userId: number; before: bigint },
  ) {
    expect(response.errors).toBeUndefined();
    expect(response.data!.submitReading).toMatchObject({ value: "1600.000", isCorrection: false });
    expect(await stored(meterId, userId)).toEqual({
      sendings: [[1, "1600000"]],
      audits: 1,
      feedNumber: String(before + 1n),
    });
  }

  const appWait = (lockers: RawSession[], seen: string[] = []) =>
    nextLockWait(observer, t.db, {
      statement: AUDIT_INSERT,
      exclude: [observer.id, ...lockers.map((l) => l.id)],
      seen,
    });

  describe("deadlock (1213)", () => {
    it("is retried: the sending is stored once", async () => {
      const { client, meterId, userId } = await subscriber();
      const before = BigInt(await feedNumber());
      const session = await locker({ heavy: true });
      const pending = send(client, meterId);
      await appWait([session]);
      // The app holds the meter and waits for this session; this session now waits for the
      // meter: a deadlock. It gets the meter only once the app's transaction was rolled back.
      await lockMeter(session, meterId);
      await session.query("ROLLBACK");

      await expectStoredOnce(await pending, { meterId, userId, before });
    });

    it("that comes back is tried 4 times (3 retries), then answered SERVICE_UNAVAILABLE; nothing stored", async () => {
      const { client, meterId, userId } = await subscriber();
      const before = await stored(meterId, userId);
      let current = await locker({ heavy: true });
      const attempts: string[] = [];
      const pending = send(client, meterId);
      for (let round = 1; round <= MAX_ATTEMPTS; round++) {
        attempts.push((await appWait(lockers, attempts)).trxId);
        // The next locker takes the same gap (gap locks do not conflict) before this one lets
        // go, so the retry stops at the audit insert again; none after the last attempt.
        const next = round < MAX_ATTEMPTS ? await locker({ heavy: true }) : null;
        await lockMeter(current, meterId);
        await current.query("ROLLBACK");
        if (next) current = next;
      }

      const response = await pending;
      expect(codeOf(response)).toBe("SERVICE_UNAVAILABLE");
      expect(response.text).not.toMatch(/deadlock|1213|SQL|INSERT|stack/i);
      expect(new Set(attempts).size).toBe(MAX_ATTEMPTS);
      expect(before.sendings).toEqual([]);
      expect(await stored(meterId, userId)).toEqual(before);
    });
  });

  describe("lock wait timeout (1205)", () => {
    let undo: () => Promise<void>;
    beforeEach(async () => {
      // The app's sessions wait 1 s for a lock (the server's default is 5 s or 50 s).
      undo = await onEveryPoolSession(
        t.db.dataSource,
        "SET SESSION innodb_lock_wait_timeout = 1",
        "SET SESSION innodb_lock_wait_timeout = DEFAULT",
      );
    });
    afterEach(() => undo());

    it("is retried: the sending is stored once", async () => {
      const { client, meterId, userId } = await subscriber();
      const before = BigInt(await feedNumber());
      const session = await locker({ heavy: false });
      const pending = send(client, meterId);
      const first = await appWait([session]);
      // The first attempt timed out and was rolled back; the second waits again.
      await appWait([session], [first.trxId]);
      await session.query("ROLLBACK");

      await expectStoredOnce(await pending, { meterId, userId, before });
    });

    it("that persists is tried 4 times (3 retries), then answered SERVICE_UNAVAILABLE; nothing stored", async () => {
      const { client, meterId, userId } = await subscriber();
      const before = await stored(meterId, userId);
      const session = await locker({ heavy: false });
      const attempts = new Set<string>();
      const pending = send(client, meterId);
      while (!(await isSettled(pending))) {
        for (const wait of await lockWaits(observer, t.db, [observer.id, session.id])) {
          if (AUDIT_INSERT.test(wait.query)) attempts.add(wait.trxId);
        }
        await sleep(100); // each attempt waits 1 s
      }

      const response = await pending;
      expect(codeOf(response)).toBe("SERVICE_UNAVAILABLE");
      expect(response.text).not.toMatch(/lock wait|1205|SQL|INSERT|stack/i);
      expect(attempts.size).toBe(MAX_ATTEMPTS);
      expect(await stored(meterId, userId)).toEqual(before);
    });
  });
});
