import { createConnection, type Connection } from "mysql2/promise";
import { setTimeout as sleep } from "node:timers/promises";
import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf } from "../../test/graphql-client";
import { SUBMIT, registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { ReadingSource } from "../core/enums";
import { ReadingEntity } from "./reading.entity";

// Issue 17 item 1: a sending held by a row lock past the deadline answers 503, and that 503
// means "not stored": the transaction is interrupted and rolled back before the answer, so
// nothing of it commits once the lock is gone; the retry with the same key stores it once.
// Needs row locks held by another connection: MariaDB/MySQL.

const onMysql = process.env.DATABASE_URL?.startsWith("mysql://") ? describe : describe.skip;
const DEADLINE_MS = 1500;

onMysql("a sending past the request deadline", () => {
  let t: TestApp;
  let other: Connection;

  beforeAll(async () => {
    t = await startTestApp({ requestDeadlineMs: DEADLINE_MS });
    const options = t.db.dataSource.options as { url: string };
    other = await createConnection(options.url);
  });
  afterAll(async () => {
    await other?.end();
    await t?.close();
  });

  it("answers 503 SERVICE_UNAVAILABLE, stores nothing, and the retry stores once", async () => {
    const account = await createRegistryAccount(t.db.dataSource);
    const client = t.client();
    await registerAndLogin(client, registration(account));
    const meterId = account.meters[0].id;
    const input = { meterId: String(meterId), value: "1600", idempotencyKey: "deadline-try-1" };
    const stored = () =>
      t.db.dataSource
        .getRepository(ReadingEntity)
        .countBy({ meterId, source: ReadingSource.SUBSCRIBER });

    await other.query("START TRANSACTION");
    await other.query("SELECT id FROM meters WHERE id = ? FOR UPDATE", [meterId]);
    const startedAt = Date.now();
    const first = await client.request(SUBMIT, { input });
    const answeredAfter = Date.now() - startedAt;
    expect(first.status).toBe(503);
    expect(codeOf(first)).toBe("SERVICE_UNAVAILABLE");
    expect(first.headers.get("retry-after")).toBe("5");
    expect(answeredAfter).toBeGreaterThanOrEqual(DEADLINE_MS);

    // The app's statement no longer waits for the lock: it was interrupted, not left queued.
    const [waiting] = (await other.query(
      "SELECT COUNT(*) AS n FROM information_schema.innodb_lock_waits",
    )) as unknown as [Array<{ n: number | string }>];
    expect(Number(waiting[0].n)).toBe(0);

    await other.query("COMMIT");
    // Time for a handler that went on after the answer to commit (it did before the fix).
    await sleep(1500);
    expect(await stored()).toBe(0);

    const retry = await client.ok(SUBMIT, { input });
    expect(retry.submitReading.isCorrection).toBe(false);
    const again = await client.ok(SUBMIT, { input });
    expect(again.submitReading.id).toBe(retry.submitReading.id);
    expect(await stored()).toBe(1);
  }, 60_000);
});
