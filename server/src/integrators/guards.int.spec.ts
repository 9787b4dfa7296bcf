// Issue 19 item 5: guarded registry writes, reused idempotency keys, and errors that say what was
// wrong. Real server, real database (SQLite, or MariaDB with a mysql DATABASE_URL).
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import jwt from "jsonwebtoken";
import pino from "pino";
import { createRegistryAccount, registration, type RegistryAccount } from "../../test/factories";
import { codeOf, fieldOf, type GraphQLClient } from "../../test/graphql-client";
import {
  integratorClient,
  RECORD_PAYMENTS,
  RECORD_READINGS,
  SUBMIT_FOR_ACCOUNT,
  UPSERT_ACCOUNTS,
  UPSERT_METERS,
  FEED,
} from "../../test/integrator-operations";
import { ACCOUNT, LOGOUT, registerAndLogin, SUBMIT } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { AccountEntity } from "../accounts/account.entity";
import { PaymentEntity } from "../accounts/payment.entity";
import { MeterEntity } from "../readings/meter.entity";
import { ReadingEntity } from "../readings/reading.entity";

const NOW = "2026-11-20T04:00:00Z";
const logged: Array<{ level: number; msg: string }> = [];
let t: TestApp;
let registry: Awaited<ReturnType<typeof integratorClient>>;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logged.push(JSON.parse(line));
      done();
    },
  });
  t = await startTestApp({ now: NOW, log: pino({ level: "warn" }, sink) });
  registry = await integratorClient(t, ["registry:write", "readings:submit", "readings:read"]);
});
afterAll(() => t.close());
afterEach(() => t.clock.set(NOW));

async function subscriberOf(account: RegistryAccount): Promise<GraphQLClient> {
  const client = t.client();
  await registerAndLogin(client, registration(account));
  return client;
}

const RECORD_READINGS_WITH_MESSAGES = `mutation($items: [ReadingSyncInput!]!) { recordReadings(items: $items) { items { status code field message } } }`;
const items = (response: { data?: any }, mutation: string) => response.data![mutation].items;

describe("registry texts and dates", () => {
  it("refuses control and bidi characters in every text, naming the field; nothing changes", async () => {
    const { account, meters } = await createRegistryAccount(t.db.dataSource);
    const texts: Array<[string, string]> = [
      ["holderName", "\u0000"],
      ["holderName", "Ivan\u202Eov"],
      ["holderName", "Иван\nов"],
      ["address", "ул. Абая\u2066 1"],
      ["address", "ул. Абая\u200F 1"],
      ["address", "ул. Абая\u0085"],
    ];
    const response = await registry.client.request(UPSERT_ACCOUNTS, {
      items: texts.map(([field, value]) => ({
        number: account.number,
        holderName: "Абонент",
        address: "г. Алматы",
        [field]: value,
      })),
    });
    expect(items(response, "upsertAccounts")).toEqual(
      texts.map(([field], index) =>
        expect.objectContaining({ index, status: "REJECTED", code: "VALIDATION_FAILED", field }),
      ),
    );
    const meterResponse = await registry.client.request(UPSERT_METERS, {
      items: [
        { accountNumber: account.number, serialNumber: "GAL\u202E-1", installedAt: "2024-01-01" },
        {
          accountNumber: account.number,
          serialNumber: "GAL-NEW-1",
          installedAt: "2024-01-01",
          replaces: `${meters[0].serialNumber}\u0007`,
        },
      ],
    });
    expect(items(meterResponse, "upsertMeters")).toMatchObject([
      { status: "REJECTED", code: "VALIDATION_FAILED", field: "serialNumber" },
      { status: "REJECTED", code: "VALIDATION_FAILED", field: "replaces" },
    ]);
    const stored = await t.db.dataSource.getRepository(AccountEntity).findOneByOrFail({
      id: account.id,
    });
    expect(stored).toMatchObject({ holderName: account.holderName, address: account.address });
    expect(
      await t.db.dataSource.getRepository(MeterEntity).countBy({ accountId: account.id }),
    ).toBe(1);
  });

  it("refuses dates in the future (beyond 5 minutes) and readings before the installation", async () => {
    const { account, meters } = await createRegistryAccount(t.db.dataSource);
    const serial = meters[0].serialNumber;
    const readings = await registry.client.request(RECORD_READINGS, {
      items: [
        // The estimate: a year in the future, far above the real readings.
        {
          externalId: `e-${randomUUID()}`,
          meterSerial: serial,
          value: "9000",
          takenAt: "2031-01-01",
          source: "ESTIMATE",
        },
        {
          externalId: `i-${randomUUID()}`,
          meterSerial: serial,
          value: "1501",
          takenAt: "2026-11-20T04:06:00Z",
          source: "INSPECTOR",
        },
        // Installed 2020-01-01.
        {
          externalId: `i-${randomUUID()}`,
          meterSerial: serial,
          value: "1",
          takenAt: "2019-12-31",
          source: "INSPECTOR",
        },
        // Within the clock allowance.
        {
          externalId: `i-${randomUUID()}`,
          meterSerial: serial,
          value: "1502",
          takenAt: "2026-11-20T04:04:00Z",
          source: "INSPECTOR",
        },
      ],
    });
    expect(items(readings, "recordReadings")).toMatchObject([
      { status: "REJECTED", code: "VALIDATION_FAILED", field: "takenAt" },
      { status: "REJECTED", code: "VALIDATION_FAILED", field: "takenAt" },
      { status: "REJECTED", code: "VALIDATION_FAILED", field: "takenAt" },
      { status: "CREATED" },
    ]);
    const payments = await registry.client.request(RECORD_PAYMENTS, {
      items: [
        {
          externalId: `p-${randomUUID()}`,
          accountNumber: account.number,
          amount: "100",
          paidAt: "2026-12-01",
        },
      ],
    });
    expect(items(payments, "recordPayments")).toMatchObject([
      { status: "REJECTED", code: "VALIDATION_FAILED", field: "paidAt" },
    ]);
    const meter = await registry.client.request(UPSERT_METERS, {
      items: [
        {
          accountNumber: account.number,
          serialNumber: `GAL-${randomUUID().slice(0, 8)}`,
          installedAt: "2027-01-01",
        },
      ],
    });
    expect(items(meter, "upsertMeters")).toMatchObject([
      { status: "REJECTED", code: "VALIDATION_FAILED", field: "installedAt" },
    ]);
    expect(
      await t.db.dataSource.getRepository(ReadingEntity).countBy({ meterId: meters[0].id }),
    ).toBe(2);
    expect(
      await t.db.dataSource.getRepository(PaymentEntity).countBy({ accountId: account.id }),
    ).toBe(2);
  });
});

describe("registry readings and the minimum", () => {
  it("an estimate never sets the minimum: the subscriber's next real reading goes through", async () => {
    const home = await createRegistryAccount(t.db.dataSource);
    const serial = home.meters[0].serialNumber; // 1500 m³ on 2026-10-25
    const estimate = await registry.client.request(RECORD_READINGS, {
      items: [
        {
          externalId: `e-${randomUUID()}`,
          meterSerial: serial,
          value: "9000",
          takenAt: "2026-11-19T10:00",
          source: "ESTIMATE",
        },
      ],
    });
    expect(items(estimate, "recordReadings")).toMatchObject([{ status: "CREATED" }]);

    const subscriber = await subscriberOf(home);
    const before = (await subscriber.ok(ACCOUNT, { number: home.account.number, first: 5 })).account
      .meters[0];
    expect(before.submission.minimumValue).toBe("1500.000");
    expect(before.readings.edges[0].node).toMatchObject({ value: "9000.000", source: "ESTIMATE" });

    const sent = await subscriber.request(SUBMIT, {
      input: { meterId: String(home.meters[0].id), value: "1600" },
    });
    expect(sent.errors).toBeUndefined();
  });

  it("refuses a registry reading below the previous actual reading taken before it", async () => {
    const home = await createRegistryAccount(t.db.dataSource);
    const serial = home.meters[0].serialNumber; // 1500 m³ on 2026-10-25
    const reading = (value: string, takenAt: string, source = "INSPECTOR") => ({
      externalId: `r-${randomUUID()}`,
      meterSerial: serial,
      value,
      takenAt,
      source,
    });
    const response = await registry.client.request(RECORD_READINGS_WITH_MESSAGES, {
      items: [
        reading("1499.999", "2026-11-01"),
        reading("1400", "2026-11-01", "ESTIMATE"),
        reading("1400", "2026-10-01"), // before the 1500: compared with what came before it
        reading("1550", "2026-11-10"),
        reading("1549", "2026-11-11", "OPERATOR"),
      ],
    });
    expect(items(response, "recordReadings")).toMatchObject([
      { status: "REJECTED", code: "READING_BELOW_PREVIOUS", field: "value" },
      { status: "REJECTED", code: "READING_BELOW_PREVIOUS", field: "value" },
      { status: "CREATED" },
      { status: "CREATED" },
      { status: "REJECTED", code: "READING_BELOW_PREVIOUS", field: "value" },
    ]);
    expect(items(response, "recordReadings")[4].message).toContain("1550.000");
  });
});

describe("idempotency keys reused with another payload (IDEMPOTENCY_KEY_REUSED)", () => {
  it("subscriber: same payload → the first reading; another value or meter → refused, nothing stored", async () => {
    const home = await createRegistryAccount(t.db.dataSource, {
      meters: [
        { readings: [["1500", "2026-10-25T05:00:00Z"]] },
        { readings: [["10", "2026-10-25T05:00:00Z"]] },
      ],
    });
    const subscriber = await subscriberOf(home);
    const [m1, m2] = home.meters.map((m) => String(m.id));
    const idempotencyKey = randomUUID();
    const first = await subscriber.ok(SUBMIT, {
      input: { meterId: m1, value: "1600", idempotencyKey },
    });
    const retry = await subscriber.ok(SUBMIT, {
      input: { meterId: m1, value: "1600,000", idempotencyKey },
    });
    expect(retry.submitReading.id).toBe(first.submitReading.id);
    for (const input of [
      { meterId: m1, value: "1601", idempotencyKey },
      { meterId: m2, value: "1600", idempotencyKey },
    ]) {
      const reused = await subscriber.request(SUBMIT, { input });
      expect(codeOf(reused)).toBe("IDEMPOTENCY_KEY_REUSED");
      expect(fieldOf(reused)).toBe("idempotencyKey");
    }
    const sent = await t.db.dataSource
      .getRepository(ReadingEntity)
      .countBy([{ meterId: home.meters[0].id }, { meterId: home.meters[1].id }]);
    expect(sent).toBe(3); // two registry readings and the one sending
  });

  it("partner: same payload → the first reading; another value, meter or account → refused", async () => {
    const home = await createRegistryAccount(t.db.dataSource, {
      meters: [
        { readings: [["1500", "2026-10-25T05:00:00Z"]] },
        { readings: [["10", "2026-10-25T05:00:00Z"]] },
      ],
    });
    const other = await createRegistryAccount(t.db.dataSource);
    const idempotencyKey = randomUUID();
    const input = {
      accountNumber: home.account.number,
      meterSerial: home.meters[0].serialNumber,
      value: "1600",
      idempotencyKey,
    };
    const first = await registry.client.ok(SUBMIT_FOR_ACCOUNT, { input });
    const retry = await registry.client.ok(SUBMIT_FOR_ACCOUNT, { input });
    expect(retry.submitReadingForAccount.id).toBe(first.submitReadingForAccount.id);
    for (const changed of [
      { value: "1600.5" },
      { meterSerial: home.meters[1].serialNumber },
      { accountNumber: other.account.number, meterSerial: other.meters[0].serialNumber },
    ]) {
      const reused = await registry.client.request(SUBMIT_FOR_ACCOUNT, {
        input: { ...input, ...changed },
      });
      expect(codeOf(reused)).toBe("IDEMPOTENCY_KEY_REUSED");
    }
    const repo = t.db.dataSource.getRepository(ReadingEntity);
    expect(await repo.countBy({ meterId: home.meters[0].id })).toBe(2);
    expect(await repo.countBy({ meterId: home.meters[1].id })).toBe(1);
    expect(await repo.countBy({ meterId: other.meters[0].id })).toBe(1);
  });
});

describe("input errors that say what was wrong", () => {
  let subscriber: GraphQLClient;
  let meterId: string;
  beforeAll(async () => {
    const home = await createRegistryAccount(t.db.dataSource);
    subscriber = await subscriberOf(home);
    meterId = String(home.meters[0].id);
  });

  it.each([
    ["1.2345", /^Invalid value for input\.value: Decimal has more than 3 decimals\.$/],
    ["-5", /: Decimal is negative\.$/],
    [12.5, /: Decimal is not a string/],
    ["1234567890123", /: Decimal is too large/],
    ["12a", /: Decimal is not a decimal number such as "1234\.567"/],
    ["", /: Decimal is empty\.$/],
  ])("Decimal %j: VALIDATION_FAILED, field value, says why", async (value, message) => {
    const response = await subscriber.request(SUBMIT, {
      input: { meterId, value, idempotencyKey: randomUUID() },
    });
    expect(codeOf(response)).toBe("VALIDATION_FAILED");
    expect(fieldOf(response)).toBe("value");
    expect(response.errors![0].message).toMatch(message);
  });

  it("a Decimal literal says why too (GraphQL's validation error, without the value)", async () => {
    const response = await registry.client.request(
      `mutation { submitReadingForAccount(input: {accountNumber: "1", meterSerial: "x", value: "1.23456", idempotencyKey: "abcdefgh"}) { id } }`,
    );
    expect(codeOf(response)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.errors![0].message).toBe("Decimal has more than 3 decimals.");
  });

  it("a missing input field is named (idempotencyKey), not the variable", async () => {
    const response = await subscriber.request(SUBMIT, {
      input: { meterId, value: "1600", idempotencyKey: undefined },
    });
    expect(codeOf(response)).toBe("VALIDATION_FAILED");
    expect(fieldOf(response)).toBe("idempotencyKey");
    expect(response.errors![0].message).toBe("input.idempotencyKey is required.");
  });

  it.each(["colour", "meterIdd"])(
    "an unknown input field (%s) is named, without GraphQL's suggestions",
    async (name) => {
      const response = await subscriber.request(SUBMIT, {
        input: { meterId, value: "1600", idempotencyKey: randomUUID(), [name]: "x; y" },
      });
      expect(codeOf(response)).toBe("VALIDATION_FAILED");
      expect(fieldOf(response)).toBe(name);
      expect(response.errors![0].message).toBe(
        `input.${name}: SubmitReadingInput has no such field.`,
      );
    },
  );

  it("a subscription is VALIDATION_FAILED (400), and nothing is logged as an error", async () => {
    const before = logged.length;
    const response = await subscriber.request(`subscription { me { id } }`);
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe("VALIDATION_FAILED");
    expect(response.errors![0].message).toMatch(/Subscriptions are not supported/);
    expect(logged.slice(before).filter((entry) => entry.level >= 50)).toEqual([]);
  });
});

describe("refused tokens say why (extensions.reason)", () => {
  const reasonOf = (response: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    response.errors?.[0]?.extensions?.reason;
  const forged = (token: string) =>
    `${token.slice(0, -4)}${token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;

  it("subscriber: expired, revoked (logged out) and forged tokens", async () => {
    const home = await createRegistryAccount(t.db.dataSource);
    const subscriber = await subscriberOf(home);
    const variables = { number: home.account.number, first: 1 };
    const token = subscriber.accessToken!;

    t.clock.set(new Date(Date.parse(NOW) + 11 * 60_000));
    const expired = await subscriber.request(ACCOUNT, variables);
    expect(codeOf(expired)).toBe("UNAUTHENTICATED");
    expect(reasonOf(expired)).toBe("TOKEN_EXPIRED");
    expect(expired.errors![0].message).toMatch(/expired/);
    t.clock.set(NOW);

    subscriber.accessToken = forged(token);
    const invalid = await subscriber.request(ACCOUNT, variables);
    expect(codeOf(invalid)).toBe("UNAUTHENTICATED");
    expect(reasonOf(invalid)).toBe("TOKEN_INVALID");

    subscriber.accessToken = token;
    await subscriber.ok(LOGOUT);
    const revoked = await subscriber.request(ACCOUNT, variables);
    expect(codeOf(revoked)).toBe("UNAUTHENTICATED");
    expect(reasonOf(revoked)).toBe("TOKEN_REVOKED");

    const anonymous = await t.client().request(ACCOUNT, variables);
    expect(codeOf(anonymous)).toBe("UNAUTHENTICATED");
    expect(reasonOf(anonymous)).toBeUndefined();
  });

  it("integrator: expired, revoked, forged and foreign-key tokens", async () => {
    const partner = await integratorClient(t, ["readings:read"]);
    const token = partner.client.accessToken!;

    t.clock.set(new Date(Date.parse(NOW) + 6 * 60_000));
    const expired = await partner.client.request(FEED, { first: 1 });
    expect([codeOf(expired), reasonOf(expired)]).toEqual(["UNAUTHENTICATED", "TOKEN_EXPIRED"]);
    t.clock.set(NOW);

    partner.client.accessToken = forged(token);
    const invalid = await partner.client.request(FEED, { first: 1 });
    expect([codeOf(invalid), reasonOf(invalid)]).toEqual(["UNAUTHENTICATED", "TOKEN_INVALID"]);

    const header = jwt.decode(token, { complete: true })!.header;
    partner.client.accessToken = jwt.sign(
      jwt.decode(token) as object,
      "another key of thirty-two bytes!",
      { header: { ...header, alg: "HS256" } },
    );
    const foreign = await partner.client.request(FEED, { first: 1 });
    expect(reasonOf(foreign)).toBe("TOKEN_INVALID");

    partner.client.accessToken = token;
    await t.app.services.apiClients.revoke(partner.clientId);
    const revoked = await partner.client.request(FEED, { first: 1 });
    expect([codeOf(revoked), reasonOf(revoked)]).toEqual(["UNAUTHENTICATED", "TOKEN_REVOKED"]);
  });
});
