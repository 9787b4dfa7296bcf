import { randomUUID } from "node:crypto";
import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf } from "../../test/graphql-client";
import { SUBMIT, registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { MeterEntity } from "./meter.entity";

// Issue 21: one sending is the session check, START TRANSACTION, the meter's lock (with the
// access check), the month (with the idempotency lookup), the feed number, the reading, the
// audit row and COMMIT: 8; the target is at most 9.
const MAX_STATEMENTS_PER_SENDING = 9;

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ now: "2026-11-15T06:00:00Z" });
});
afterAll(() => t.close());

async function subscriber() {
  const account = await createRegistryAccount(t.db.dataSource);
  const client = t.client();
  await registerAndLogin(client, registration(account));
  return { client, account, meterId: String(account.meters[0].id) };
}

describe("one sending's statements", () => {
  it(`stores a sending, and answers its retry, in at most ${MAX_STATEMENTS_PER_SENDING} statements`, async () => {
    const { client, meterId } = await subscriber();
    const idempotencyKey = randomUUID();
    const input = { meterId, value: "1520", idempotencyKey };
    const sent = await client.request(SUBMIT, { input });
    expect(sent.errors).toBeUndefined();
    const retried = await client.request(SUBMIT, { input });
    expect(retried.data).toEqual(sent.data);
    console.log(`one sending: ${sent.statements} statements, its retry ${retried.statements}`);
    expect(sent.statements).toBeGreaterThan(0);
    expect(sent.statements).toBeLessThanOrEqual(MAX_STATEMENTS_PER_SENDING);
    expect(retried.statements).toBeLessThanOrEqual(MAX_STATEMENTS_PER_SENDING);
  });

  it("refuses another user's meter, and a removed one, like a missing one", async () => {
    const { client } = await subscriber();
    const other = await subscriber();
    const foreign = await client.request(SUBMIT, {
      input: { meterId: other.meterId, value: "1520" },
    });
    expect(codeOf(foreign)).toBe("METER_NOT_FOUND");
    await t.db.dataSource
      .getRepository(MeterEntity)
      .update(Number(other.meterId), { removedAt: new Date("2026-11-01T00:00:00Z") });
    const removed = await other.client.request(SUBMIT, {
      input: { meterId: other.meterId, value: "1520" },
    });
    expect(codeOf(removed)).toBe("METER_NOT_FOUND");
  });

  it("locks only the meter: a lock held on its account and link rows does not hold it up", async () => {
    if (t.db.config.type !== "mysql") return; // SQLite has no row locks: writers take turns
    const { client, account, meterId } = await subscriber();
    const holder = t.db.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query("SELECT id FROM accounts WHERE id = ? FOR UPDATE", [account.account.id]);
      await holder.query("SELECT id FROM account_links WHERE account_id = ? FOR UPDATE", [
        account.account.id,
      ]);
      const sending = client.request(SUBMIT, { input: { meterId, value: "1520" } });
      const late = new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 4000));
      const answer = await Promise.race([sending, late]);
      expect(answer).not.toBe("waited");
      expect((answer as Awaited<typeof sending>).errors).toBeUndefined();
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
  });
});
