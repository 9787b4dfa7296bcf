// T16 (docs/security.md) (killed connection): KILL the session that holds the meter lock.
import { setTimeout as sleep } from "node:timers/promises";
import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf } from "../../test/graphql-client";
import {
  AUDIT_INSERT,
  blockAuditInserts,
  nextLockWait,
  openSession,
  type RawSession,
} from "../../test/db-sessions";
import { ACCOUNT, SUBMIT, registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { AuditEventEntity } from "../audit/audit-event.entity";
import { ReadingEntity } from "../readings/reading.entity";

// A sending's transaction is stopped at its last statement (see blockAuditInserts): it holds the
// meter lock and has written its reading and feed number. Its session is then killed on the
// server. The sending is rolled back (no reading, no audit row, no feed number), the client gets
// SERVICE_UNAVAILABLE at once (retryable: not INTERNAL, no hang), the meter is free again and the
// pool serves the next requests. MariaDB/MySQL only.

const onMysql = process.env.DATABASE_URL?.startsWith("mysql://") ? describe : describe.skip;

onMysql("the session holding the meter lock is killed (T16)", () => {
  let t: TestApp;
  let observer: RawSession;

  beforeAll(async () => {
    t = await startTestApp({ now: "2026-11-15T06:00:00Z" });
    observer = await openSession(t.db);
  });
  afterAll(async () => {
    await observer?.close();
    await t?.close();
  });

  /** Whether another session can lock the meter right now (without waiting for it). */
  async function meterLockFree(meterId: number): Promise<boolean> {
    await observer.query("START TRANSACTION");
    try {
      await observer.query("SELECT id FROM meters WHERE id = ? FOR UPDATE NOWAIT", [meterId]);
      return true;
    } catch (error) {
      // MariaDB: 1205 at once; MySQL: 3572.
      if ([1205, 3572].includes((error as { errno?: number }).errno ?? 0)) return false;
      throw error;
    } finally {
      await observer.query("ROLLBACK");
    }
  }

  /** Waits until the killed session has ended (rolled back) on the server. */
  async function gone(threadId: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    const alive = async () =>
      Number(
        (
          await observer.query(
            "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID = ?",
            [threadId],
          )
        )[0].n,
      ) > 0;
    while (await alive()) {
      if (Date.now() > deadline) throw new Error(`session ${threadId} did not end`);
      await sleep(50);
    }
  }

  it("rolls the sending back, answers SERVICE_UNAVAILABLE and keeps the pool serving", async () => {
    // One meter to kill a sending on, and more meters than the pool has sessions.
    const account = await createRegistryAccount(t.db.dataSource, {
      meters: Array.from({ length: 31 }, () => ({
        readings: [["1500.000", "2026-10-25T05:00:00Z"] as [string, string]],
      })),
    });
    const client = t.client();
    const { userId } = await registerAndLogin(client, registration(account));
    const meterId = account.meters[0].id;
    const feedNumber = async () =>
      String(
        (await observer.query("SELECT value FROM feed_sequence WHERE name = 'readings'"))[0].value,
      );
    const before = await feedNumber();

    const blocker = await openSession(t.db);
    try {
      await blockAuditInserts(blocker);
      const pending = client.request(SUBMIT, {
        input: { meterId: String(meterId), value: "1600" },
      });
      const holder = await nextLockWait(observer, t.db, {
        statement: AUDIT_INSERT,
        exclude: [observer.id, blocker.id],
      });
      // It is the lock holder: the meter cannot be locked by anyone else now.
      expect(await meterLockFree(meterId)).toBe(false);

      await observer.query(`KILL CONNECTION ${Number(holder.threadId)}`);
      const response = await pending;
      expect(codeOf(response)).toBe("SERVICE_UNAVAILABLE");
      expect(response.text).not.toMatch(/kill|SQL|INSERT|stack/i);
      await gone(holder.threadId);
    } finally {
      await blocker.query("ROLLBACK").catch(() => undefined);
      await blocker.close();
    }

    // Rolled back: the meter lock is free and nothing of the sending is left.
    expect(await meterLockFree(meterId)).toBe(true);
    expect(
      await t.db.dataSource.getRepository(ReadingEntity).countBy({ meterId, period: "2026-11" }),
    ).toBe(0);
    expect(
      await t.db.dataSource
        .getRepository(AuditEventEntity)
        .countBy({ userId: Number(userId), eventType: "READING_SUBMITTED" }),
    ).toBe(0);
    expect(await feedNumber()).toBe(before);

    // The pool is intact: more concurrent sendings (writes are not retried) than it has
    // sessions all succeed, and the meter takes the sending when the client sends it again.
    const others = await Promise.all(
      account.meters
        .slice(1)
        .map((meter) =>
          client.request(SUBMIT, { input: { meterId: String(meter.id), value: "1600" } }),
        ),
    );
    expect(others.map((r) => r.errors?.[0]?.extensions?.code ?? "OK")).toEqual(
      Array(30).fill("OK"),
    );
    const again = await client.ok(SUBMIT, { input: { meterId: String(meterId), value: "1600" } });
    expect(again.submitReading).toMatchObject({ value: "1600.000", isCorrection: false });
    const window = (await client.ok(ACCOUNT, { number: account.account.number })).account.meters[0]
      .submission;
    expect(window).toMatchObject({ used: 1, remaining: 1 });
  });
});
