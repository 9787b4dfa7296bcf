import jwt from "jsonwebtoken";
import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf } from "../../test/graphql-client";
import {
  FEED,
  integratorClient,
  ISSUE_TOKEN,
  RECORD_PAYMENTS,
  RECORD_READINGS,
  SUBMIT_FOR_ACCOUNT,
  SUBMITTED,
  UPSERT_ACCOUNTS,
  UPSERT_METERS,
} from "../../test/integrator-operations";
import {
  ACCOUNT,
  ACCOUNTS_SCREEN,
  LOGIN,
  ME,
  REGISTER,
  registerAndLogin,
  SUBMIT,
} from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { PaymentEntity } from "../accounts/payment.entity";
import { MeterEntity } from "../readings/meter.entity";
import { ReadingEntity } from "../readings/reading.entity";
import { makeBin } from "../core/bin";
import { INTEGRATOR_AUDIENCE } from "./integrator-token";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: "2026-11-20T04:00:00Z" });
});
afterAll(() => t.close());

let keyCounter = 0;
const newKey = () => `key-${Date.now()}-${++keyCounter}`;

describe("API clients and tokens", () => {
  it("trade id and secret for a short-lived token with its own audience, typ, kid and scopes", async () => {
    const issued = await t.app.services.apiClients.create("Bank", ["readings:submit"]);
    const response = await t.client().ok(ISSUE_TOKEN, {
      clientId: issued.client.clientId,
      clientSecret: issued.secret,
    });
    const token = response.issueApiToken;
    expect(token.scopes).toEqual(["readings:submit"]);
    const decoded = jwt.decode(token.accessToken, { complete: true })!;
    expect(decoded.header).toMatchObject({ alg: "HS256", typ: "int+jwt" });
    expect(decoded.header.kid).toMatch(/^ik-[0-9a-f]{12}$/);
    const payload = decoded.payload as jwt.JwtPayload;
    expect(payload.aud).toBe(INTEGRATOR_AUDIENCE);
    expect(payload.sub).toBe(issued.client.clientId);
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(600);
    expect(new Date(token.expiresAt).getTime()).toBe(payload.exp! * 1000);
  });

  it("refuses a wrong secret and an unknown client alike, and stores only a hash", async () => {
    const issued = await t.app.services.apiClients.create("Bank", ["readings:read"]);
    const wrong = await t.client().request(ISSUE_TOKEN, {
      clientId: issued.client.clientId,
      clientSecret: issued.secret + "x",
    });
    const unknown = await t.client().request(ISSUE_TOKEN, {
      clientId: "gci_000000000000000000000000",
      clientSecret: issued.secret,
    });
    expect(codeOf(wrong)).toBe("INVALID_CREDENTIALS");
    expect(wrong.text).toBe(unknown.text);
    const rows = await t.db.dataSource.query("SELECT secret_hash FROM api_clients");
    expect(JSON.stringify(rows)).not.toContain(issued.secret);
  });

  it("stop working at once when the client is revoked", async () => {
    const partner = await integratorClient(t, ["readings:read"]);
    expect((await partner.client.request(FEED, { first: 1 })).errors).toBeUndefined();
    expect(await t.app.services.apiClients.revoke(partner.clientId)).toBe(true);
    expect(codeOf(await partner.client.request(FEED, { first: 1 }))).toBe("UNAUTHENTICATED");
    const again = await t.client().request(ISSUE_TOKEN, {
      clientId: partner.clientId,
      clientSecret: partner.secret,
    });
    expect(codeOf(again)).toBe("INVALID_CREDENTIALS");
  });

  it("expire after five minutes", async () => {
    const partner = await integratorClient(t, ["readings:read"]);
    t.clock.set(new Date(t.clock.now().getTime() + 6 * 60_000));
    try {
      expect(codeOf(await partner.client.request(FEED, { first: 1 }))).toBe("UNAUTHENTICATED");
    } finally {
      t.clock.set("2026-11-20T04:00:00Z");
    }
  });
});

describe("scopes and token kinds (JWT-3)", () => {
  const operations: Array<[string, string, Record<string, unknown>]> = [
    ["registry:write", UPSERT_ACCOUNTS, { items: [] }],
    ["registry:write", UPSERT_METERS, { items: [] }],
    ["registry:write", RECORD_PAYMENTS, { items: [] }],
    ["registry:write", RECORD_READINGS, { items: [] }],
    ["readings:read", FEED, { first: 1 }],
    ["readings:read", SUBMITTED, { period: "2026-11", first: 1 }],
    [
      "readings:submit",
      SUBMIT_FOR_ACCOUNT,
      { input: { accountNumber: "1", meterSerial: "x", value: "1", idempotencyKey: "abcdefgh" } },
    ],
  ];

  it.each(operations)(
    "%s operation: FORBIDDEN without its scope, allowed with it",
    async (scope, query, variables) => {
      const others = (["registry:write", "readings:read", "readings:submit"] as const).filter(
        (s) => s !== scope,
      );
      const without = await integratorClient(t, [...others]);
      expect(codeOf(await without.client.request(query, variables))).toBe("FORBIDDEN");
      const withScope = await integratorClient(t, [scope as "readings:read"]);
      expect(codeOf(await withScope.client.request(query, variables))).not.toBe("FORBIDDEN");
    },
  );

  it("refuses a subscriber token on every integrator operation", async () => {
    const home = await createRegistryAccount(t.db.dataSource);
    const phone = t.client();
    await registerAndLogin(phone, registration(home));
    for (const [, query, variables] of operations) {
      expect(codeOf(await phone.request(query, variables))).toBe("FORBIDDEN");
    }
  });

  it("refuses an integrator token on subscriber operations", async () => {
    const partner = await integratorClient(t, [
      "registry:write",
      "readings:read",
      "readings:submit",
    ]);
    const home = await createRegistryAccount(t.db.dataSource);
    expect(codeOf(await partner.client.request(ACCOUNTS_SCREEN))).toBe("FORBIDDEN");
    expect(codeOf(await partner.client.request(ME))).toBe("FORBIDDEN");
    expect(codeOf(await partner.client.request(ACCOUNT, { number: home.account.number }))).toBe(
      "FORBIDDEN",
    );
    const submit = await partner.client.request(SUBMIT, {
      input: { meterId: String(home.meters[0].id), value: "1600" },
    });
    expect(codeOf(submit)).toBe("FORBIDDEN");
  });

  it("does not take a subscriber token signed like an integrator one without the key", async () => {
    const forged = jwt.sign({ scope: "readings:read" }, "not-the-key-".repeat(4), {
      algorithm: "HS256",
      audience: INTEGRATOR_AUDIENCE,
      issuer: "gas-readings",
      subject: "gci_x",
      header: { alg: "HS256", typ: "int+jwt", kid: "ik-000000000000" },
    } as jwt.SignOptions);
    const response = await t.client().request(
      FEED,
      {},
      {
        headers: { authorization: `Bearer ${forged}` },
      },
    );
    expect(codeOf(response)).toBe("UNAUTHENTICATED");
  });
});

describe("partner sending", () => {
  it("follows the subscribers' rules; a retry with the same key returns the same reading", async () => {
    const home = await createRegistryAccount(t.db.dataSource, {
      meters: [{ serialNumber: "PARTNER-1", readings: [["1500", "2026-10-25T05:00:00Z"]] }],
    });
    const bank = await integratorClient(t, ["readings:submit"], "Kaspi");
    const input = {
      accountNumber: home.account.number,
      meterSerial: "PARTNER-1",
      value: "1550.5",
      idempotencyKey: newKey(),
    };
    const first = (await bank.client.ok(SUBMIT_FOR_ACCOUNT, { input })).submitReadingForAccount;
    expect(first).toMatchObject({ value: "1550.500", source: "PARTNER", isCorrection: false });
    // The partner's retries (lost answers): the same reading, no slot used.
    for (let i = 0; i < 3; i++) {
      const retry = (await bank.client.ok(SUBMIT_FOR_ACCOUNT, { input })).submitReadingForAccount;
      expect(retry.id).toBe(first.id);
    }
    const rows = await t.db.dataSource
      .getRepository(ReadingEntity)
      .findBy({ meterId: home.meters[0].id, period: "2026-11" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      caller: `client:${bank.id}`,
      slot: 1,
      submittedByUserId: null,
    });

    // Below the previous: refused like a subscriber's.
    const below = await bank.client.request(SUBMIT_FOR_ACCOUNT, {
      input: { ...input, value: "1400", idempotencyKey: newKey() },
    });
    expect(codeOf(below)).toBe("READING_BELOW_PREVIOUS");
    // The correction, then the limit — shared with the subscriber's own sendings.
    const correction = await bank.client.ok(SUBMIT_FOR_ACCOUNT, {
      input: { ...input, value: "1540", idempotencyKey: newKey() },
    });
    expect(correction.submitReadingForAccount.isCorrection).toBe(true);
    const phone = t.client();
    await registerAndLogin(phone, registration(home));
    const third = await phone.request(SUBMIT, {
      input: { meterId: String(home.meters[0].id), value: "1600" },
    });
    expect(codeOf(third)).toBe("MONTHLY_LIMIT_REACHED");
    // The first key still answers with the first reading after the limit is reached.
    const late = (await bank.client.ok(SUBMIT_FOR_ACCOUNT, { input })).submitReadingForAccount;
    expect(late.id).toBe(first.id);
  });

  it("keys idempotency per client: another partner's equal key is its own sending", async () => {
    const home = await createRegistryAccount(t.db.dataSource, {
      meters: [{ serialNumber: "PARTNER-2", readings: [["10", "2026-10-25T05:00:00Z"]] }],
    });
    const a = await integratorClient(t, ["readings:submit"], "Bank A");
    const b = await integratorClient(t, ["readings:submit"], "Bank B");
    const input = {
      accountNumber: home.account.number,
      meterSerial: "PARTNER-2",
      value: "11",
      idempotencyKey: "shared-key-0001",
    };
    const fromA = (await a.client.ok(SUBMIT_FOR_ACCOUNT, { input })).submitReadingForAccount;
    const fromB = (await b.client.ok(SUBMIT_FOR_ACCOUNT, { input })).submitReadingForAccount;
    expect(fromB.id).not.toBe(fromA.id);
    expect(fromB.isCorrection).toBe(true);
  });

  it("answers METER_NOT_FOUND for a meter not on that account, and refuses a missing key", async () => {
    const one = await createRegistryAccount(t.db.dataSource);
    const other = await createRegistryAccount(t.db.dataSource);
    const bank = await integratorClient(t, ["readings:submit"]);
    const wrong = await bank.client.request(SUBMIT_FOR_ACCOUNT, {
      input: {
        accountNumber: one.account.number,
        meterSerial: other.meters[0].serialNumber,
        value: "2000",
        idempotencyKey: newKey(),
      },
    });
    expect(codeOf(wrong)).toBe("METER_NOT_FOUND");
    const keyless = await bank.client.request(SUBMIT_FOR_ACCOUNT, {
      input: {
        accountNumber: one.account.number,
        meterSerial: one.meters[0].serialNumber,
        value: "2000",
      },
    });
    expect(codeOf(keyless)).toBe("VALIDATION_FAILED");
  });
});

describe("registry sync", () => {
  it("answers per item, never fails the batch for one bad item, and the same batch twice changes nothing", async () => {
    const billing = await integratorClient(t, ["registry:write"]);
    const accounts = [
      { number: "8800000001", holderName: "Абенов Ерлан", address: "г. Алматы, ул. Абая, 1" },
      { number: "8800000002", holderName: "Ким Ольга", address: "г. Алматы, ул. Сатпаева, 2" },
      { number: "bad number!", holderName: "X", address: "Y" },
      { number: "8800000003", holderName: "ТОО", address: "Z", ownerBin: "123456789012" },
    ];
    const first = (await billing.client.ok(UPSERT_ACCOUNTS, { items: accounts })).upsertAccounts;
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(first.items[2]).toMatchObject({
      status: "REJECTED",
      code: "VALIDATION_FAILED",
      field: "number",
    });
    expect(first.items[3]).toMatchObject({
      status: "REJECTED",
      code: "INVALID_BIN",
      field: "ownerBin",
    });

    const meters = [
      { accountNumber: "8800000001", serialNumber: "SYNC-M1", installedAt: "2020-03-01" },
      {
        accountNumber: "8800000002",
        serialNumber: "SYNC-M2",
        installedAt: "2021-04-01T10:00:00+05:00",
      },
      { accountNumber: "0000000404", serialNumber: "SYNC-M3", installedAt: "2021-04-01" },
    ];
    const payments = [
      { externalId: "pay-1", accountNumber: "8800000001", amount: "4215.37", paidAt: "2026-10-10" },
      { externalId: "pay-2", accountNumber: "8800000002", amount: "980.10", paidAt: "2026-10-11" },
      { externalId: "pay-3", accountNumber: "8800000002", amount: "1,2,3", paidAt: "2026-10-11" },
    ];
    const readings = [
      {
        externalId: "r-1",
        meterSerial: "SYNC-M1",
        value: "1402.5",
        takenAt: "2026-10-25T10:00",
        source: "INSPECTOR",
      },
      {
        externalId: "r-2",
        meterSerial: "SYNC-M2",
        value: "77",
        takenAt: "2026-10-26",
        source: "ESTIMATE",
      },
      {
        externalId: "r-3",
        meterSerial: "SYNC-M2",
        value: "78",
        takenAt: "2026-10-27",
        source: "SUBSCRIBER",
      },
    ];
    const m = (await billing.client.ok(UPSERT_METERS, { items: meters })).upsertMeters;
    expect(m).toMatchObject({ created: 2, rejected: 1 });
    expect(m.items[2]).toMatchObject({ code: "ACCOUNT_NOT_FOUND", field: "accountNumber" });
    const p = (await billing.client.ok(RECORD_PAYMENTS, { items: payments })).recordPayments;
    expect(p).toMatchObject({ created: 2, rejected: 1 });
    expect(p.items[2]).toMatchObject({ code: "VALIDATION_FAILED", field: "amount" });
    const r = (await billing.client.ok(RECORD_READINGS, { items: readings })).recordReadings;
    expect(r).toMatchObject({ created: 2, rejected: 1 });
    expect(r.items[2]).toMatchObject({ code: "VALIDATION_FAILED", field: "source" });

    const snapshot = async () => ({
      accounts: await t.db.dataSource.query("SELECT * FROM accounts ORDER BY id"),
      meters: await t.db.dataSource.query("SELECT * FROM meters ORDER BY id"),
      payments: await t.db.dataSource.query("SELECT * FROM payments ORDER BY id"),
      readings: await t.db.dataSource.query("SELECT * FROM readings ORDER BY id"),
    });
    const before = await snapshot();
    t.clock.set("2026-11-20T04:02:00Z"); // later, within the token's life
    try {
      const again = [
        (await billing.client.ok(UPSERT_ACCOUNTS, { items: accounts })).upsertAccounts,
        (await billing.client.ok(UPSERT_METERS, { items: meters })).upsertMeters,
        (await billing.client.ok(RECORD_PAYMENTS, { items: payments })).recordPayments,
        (await billing.client.ok(RECORD_READINGS, { items: readings })).recordReadings,
      ];
      for (const result of again) {
        expect(result).toMatchObject({ created: 0, updated: 0 });
        expect(result.unchanged + result.rejected).toBe(result.items.length);
      }
      expect(await snapshot()).toEqual(before);
    } finally {
      t.clock.set("2026-11-20T04:00:00Z");
      // The shared bucket (rate_limits: "full again at") assumes time only moves forward; back
      // two minutes, it would look 2 minutes emptier than it is. Start it afresh.
      await t.db.dataSource.query("DELETE FROM rate_limits WHERE `key` LIKE 'apiclient:%'");
    }

    // A changed value is an update, by the same natural key.
    const fixed = await billing.client.ok(RECORD_PAYMENTS, {
      items: [{ ...payments[0], amount: "4215.38" }],
    });
    expect(fixed.recordPayments.items[0].status).toBe("UPDATED");
    const stored = await t.db.dataSource
      .getRepository(PaymentEntity)
      .findOneBy({ externalId: "pay-1" });
    expect(stored!.amountTiyn).toBe(421538n);
  });

  it("refuses a batch of more than 1,000 items", async () => {
    const billing = await integratorClient(t, ["registry:write"]);
    const items = Array.from({ length: 1001 }, (_, i) => ({
      number: `77${i}`,
      holderName: "A",
      address: "B",
    }));
    const response = await billing.client.request(UPSERT_ACCOUNTS, { items });
    expect(codeOf(response)).toBe("VALIDATION_FAILED");
  });

  it("replaces a meter: the old one is closed with its history, the new one has its own monthly limit", async () => {
    const billing = await integratorClient(t, ["registry:write"]);
    const home = await createRegistryAccount(t.db.dataSource, {
      meters: [
        {
          serialNumber: "OLD-METER",
          readings: [
            ["1200", "2026-09-25T05:00:00Z"],
            ["1300", "2026-10-25T05:00:00Z"],
          ],
        },
      ],
    });
    const phone = t.client();
    await registerAndLogin(phone, registration(home));
    const oldId = String(home.meters[0].id);
    await phone.ok(SUBMIT, { input: { meterId: oldId, value: "1350" } });

    const replacement = {
      accountNumber: home.account.number,
      serialNumber: "NEW-METER",
      installedAt: "2026-11-19T10:00:00+05:00",
      replaces: "OLD-METER",
    };
    const result = (await billing.client.ok(UPSERT_METERS, { items: [replacement] })).upsertMeters;
    expect(result.items[0].status).toBe("CREATED");
    expect(
      (await billing.client.ok(UPSERT_METERS, { items: [replacement] })).upsertMeters.items[0]
        .status,
    ).toBe("UNCHANGED");

    const old = await t.db.dataSource
      .getRepository(MeterEntity)
      .findOneBy({ serialNumber: "OLD-METER" });
    expect(old!.removedAt?.toISOString()).toBe("2026-11-19T05:00:00.000Z");
    const screen = (await phone.ok(ACCOUNT, { number: home.account.number })).account.meters;
    const oldMeter = screen.find((meter: any) => meter.serialNumber === "OLD-METER");
    expect(oldMeter.readings.totalCount).toBe(3);

    // The old meter takes no more sendings; the new one has two this month, like any meter.
    expect(codeOf(await phone.request(SUBMIT, { input: { meterId: oldId, value: "1360" } }))).toBe(
      "METER_NOT_FOUND",
    );
    const newId = String(screen.find((meter: any) => meter.serialNumber === "NEW-METER").id);
    await phone.ok(SUBMIT, { input: { meterId: newId, value: "3" } });
    await phone.ok(SUBMIT, { input: { meterId: newId, value: "2.5" } });
    expect(codeOf(await phone.request(SUBMIT, { input: { meterId: newId, value: "4" } }))).toBe(
      "MONTHLY_LIMIT_REACHED",
    );
  });

  it("moves an account between legal entities' fixed lists at once when its owner BIN changes", async () => {
    const billing = await integratorClient(t, ["registry:write"]);
    const binA = makeBin("15010100111")!;
    const binB = makeBin("15010100222")!;
    const first = await createRegistryAccount(t.db.dataSource, {
      number: "6600000001",
      ownerBin: binA,
    });
    await createRegistryAccount(t.db.dataSource, { number: "6600000002", ownerBin: binA });
    await createRegistryAccount(t.db.dataSource, { number: "6600000003", ownerBin: binB });
    const company = async (bin: string) => {
      const client = t.client();
      const input = registration(first, {
        personType: "LEGAL_ENTITY",
        bin,
        accountNumber: bin === binA ? "6600000001" : "6600000003",
      });
      if (bin === binB) {
        const b = await createRegistryAccount(t.db.dataSource, { ownerBin: binB });
        Object.assign(input, { accountNumber: b.account.number, lastPaymentAmount: b.lastPayment });
      }
      await client.ok(REGISTER, { input });
      const login = await client.ok(LOGIN, {
        input: { email: input.email, password: input.password, rememberMe: false },
      });
      client.accessToken = login.login.accessToken;
      return client;
    };
    const a = await company(binA);
    const b = await company(binB);
    const numbers = async (client: typeof a) =>
      (await client.ok(`{ me { accounts { number } } }`)).me.accounts.map((x: any) => x.number);
    expect(await numbers(a)).toEqual(["6600000001", "6600000002"]);
    expect(await numbers(b)).not.toContain("6600000002");

    const moved = await billing.client.ok(UPSERT_ACCOUNTS, {
      items: [{ number: "6600000002", holderName: "Абонент", address: "Адрес", ownerBin: binB }],
    });
    expect(moved.upsertAccounts.items[0].status).toBe("UPDATED");
    expect(await numbers(a)).toEqual(["6600000001"]);
    expect(await numbers(b)).toContain("6600000002");
  });
});

describe("readings export", () => {
  it("pages the feed and a month's sendings with cursors, subscriber and partner alike", async () => {
    const reader = await integratorClient(t, ["readings:read"]);
    // Start where the feed ends now (earlier tests wrote readings).
    let cursor: string | null = null;
    for (;;) {
      const page = await t.app.services.readingsFeed.readingsFeed(cursor, 500);
      cursor = page.endCursor;
      if (!page.hasNextPage) break;
    }
    const home = await createRegistryAccount(t.db.dataSource, {
      meters: [
        { serialNumber: "EXP-1", readings: [["100", "2026-10-25T05:00:00Z"]] },
        { serialNumber: "EXP-2" },
      ],
    });
    const phone = t.client();
    await registerAndLogin(phone, registration(home));
    const bank = await integratorClient(t, ["readings:submit"]);
    await phone.ok(SUBMIT, { input: { meterId: String(home.meters[0].id), value: "101" } });
    await bank.client.ok(SUBMIT_FOR_ACCOUNT, {
      input: {
        accountNumber: home.account.number,
        meterSerial: "EXP-2",
        value: "5",
        idempotencyKey: newKey(),
      },
    });
    await phone.ok(SUBMIT, { input: { meterId: String(home.meters[0].id), value: "100.5" } });

    const page1 = (await reader.client.ok(FEED, { after: cursor, first: 2 })).readingsFeed;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await reader.client.ok(FEED, { after: page1.pageInfo.endCursor, first: 2 }))
      .readingsFeed;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const nodes = [...page1.edges, ...page2.edges].map((e: any) => e.node);
    expect(nodes.map((n: any) => [n.meterSerial, n.value, n.source, n.isCorrection])).toEqual([
      ["EXP-1", "101.000", "SUBSCRIBER", false],
      ["EXP-2", "5.000", "PARTNER", false],
      ["EXP-1", "100.500", "SUBSCRIBER", true],
    ]);
    expect(nodes[0]).toMatchObject({ accountNumber: home.account.number, period: "2026-11" });
    // Polling at the end: an empty page keeps the cursor.
    const empty = (await reader.client.ok(FEED, { after: page2.pageInfo.endCursor })).readingsFeed;
    expect(empty.edges).toEqual([]);
    expect(empty.pageInfo.endCursor).toBe(page2.pageInfo.endCursor);

    const month = (await reader.client.ok(SUBMITTED, { period: "2026-11", first: 500 }))
      .submittedReadings;
    const ids = month.edges.map((e: any) => e.node.id);
    for (const node of nodes) expect(ids).toContain(node.id);
    const october = (await reader.client.ok(SUBMITTED, { period: "2026-10" })).submittedReadings;
    expect(october.edges).toEqual([]);
    // Registry readings are not sendings.
    expect(month.edges.every((e: any) => ["SUBSCRIBER", "PARTNER"].includes(e.node.source))).toBe(
      true,
    );
  });

  it("refuses a malformed cursor and a page over 500", async () => {
    const reader = await integratorClient(t, ["readings:read"]);
    const bad = await reader.client.request(FEED, { after: "bm9wZQ" });
    expect(codeOf(bad)).toBe("VALIDATION_FAILED");
    expect(codeOf(await reader.client.request(FEED, { first: 501 }))).toBe("VALIDATION_FAILED");
  });
});

describe("integrator budgets (RL-7)", () => {
  it("report the cost in every response and refuse what the budget cannot pay until it refills", async () => {
    const reader = await integratorClient(t, ["readings:read"]);
    const costOf = (text: string) => JSON.parse(text).extensions?.cost;
    const first = await reader.client.request<any>(FEED, { first: 400 });
    expect(first.errors).toBeUndefined();
    const report = costOf(first.text);
    // Issue 19: a feed page costs 1 and 1 per 10 readings it returned, not the `first` it asked.
    expect(report.requested).toBe(1 + Math.ceil(first.data.readingsFeed.edges.length / 10));
    expect(report.remaining).toBe(1000 - report.requested);
    expect(new Date(report.resetAt).getTime()).toBeGreaterThan(t.clock.now().getTime());

    // Up front a page needs its `first` rows (a point per 10, and 1): with 15 left, 21 is refused.
    await t.app.services.limits.store.takeFromBucket(
      `apiclient:${reader.id}`,
      report.remaining - 15,
      t.clock.now().getTime(),
      { capacity: 1000, refillPerSecond: 50 },
    );
    const refused = await reader.client.request(FEED, { first: 200 });
    expect(codeOf(refused)).toBe("RATE_LIMITED");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1"); // 6 points at 50 a second
    expect(costOf(refused.text).remaining).toBe(15);

    t.clock.set(new Date(t.clock.now().getTime() + 20_000)); // 50 points a second
    try {
      const later = await reader.client.request(FEED, { first: 400 });
      expect(later.errors).toBeUndefined();
      expect(costOf(later.text).remaining).toBe(1000 - report.requested);
    } finally {
      t.clock.set("2026-11-20T04:00:00Z");
    }
    // Subscribers' responses carry no integrator cost.
    expect(costOf((await t.client().request(`{ me { id } }`)).text)).toBeUndefined();
  });
});
