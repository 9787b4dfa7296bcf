import { randomUUID } from "node:crypto";
import { createRegistryAccount, registration, type RegistryAccount } from "../../test/factories";
import { codeOf, fieldOf, type GraphQLClient } from "../../test/graphql-client";
import { ACCOUNT, SUBMIT, registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { ReadingEntity } from "./reading.entity";

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ now: "2026-11-15T06:00:00Z" });
});
afterAll(() => t.close());

/** A subscriber with one fresh account whose meter last read 1500 m³. */
async function subscriber(
  overrides = {},
): Promise<{ client: GraphQLClient; meterId: string; account: RegistryAccount }> {
  const account = await createRegistryAccount(t.db.dataSource, overrides);
  const client = t.client();
  await registerAndLogin(client, registration(account));
  return { client, meterId: String(account.meters[0].id), account };
}

const windowOf = async (client: GraphQLClient, number: string) =>
  (await client.ok(ACCOUNT, { number })).account.meters[0];

describe("submitReading", () => {
  it("accepts a sending, then one correction, then refuses a third and says when it reopens", async () => {
    const { client, meterId, account } = await subscriber();
    const before = await windowOf(client, account.account.number);
    expect(before.submission).toEqual({
      period: "2026-11",
      used: 0,
      remaining: 2,
      minimumValue: "1500.000",
      reopensAt: null,
    });

    const low = await client.request(SUBMIT, { input: { meterId, value: "1499,999" } });
    expect(codeOf(low)).toBe("READING_BELOW_PREVIOUS");
    expect(fieldOf(low)).toBe("value");
    expect(low.errors![0].extensions!.minimumValue).toBe("1500.000");

    const first = await client.ok(SUBMIT, { input: { meterId, value: "1 612,5" } });
    expect(first.submitReading).toMatchObject({
      value: "1612.500",
      source: "SUBSCRIBER",
      period: "2026-11",
      isCorrection: false,
    });
    expect((await windowOf(client, account.account.number)).submission).toMatchObject({
      used: 1,
      remaining: 1,
      minimumValue: "1500.000",
    });

    // The correction is compared with the reading before the first sending, not with the first.
    const correction = await client.ok(SUBMIT, { input: { meterId, value: "1600.125" } });
    expect(correction.submitReading).toMatchObject({ value: "1600.125", isCorrection: true });

    const third = await client.request(SUBMIT, { input: { meterId, value: "1700" } });
    expect(codeOf(third)).toBe("MONTHLY_LIMIT_REACHED");
    expect(third.errors![0].extensions!.reopensAt).toBe("2026-11-30T19:00:00.000Z");
    const after = await windowOf(client, account.account.number);
    expect(after.submission).toEqual({
      period: "2026-11",
      used: 2,
      remaining: 0,
      minimumValue: "1500.000",
      reopensAt: "2026-11-30T19:00:00.000Z",
    });
    // Both sendings stay in the history; the correction is the newest.
    expect(after.readings.edges.map((e: any) => [e.node.value, e.node.isCorrection])).toEqual([
      ["1600.125", true],
      ["1612.500", false],
      ["1500.000", false],
    ]);
  });

  it("refuses a correction below the reading before the first sending", async () => {
    const { client, meterId } = await subscriber();
    await client.ok(SUBMIT, { input: { meterId, value: "1600" } });
    const response = await client.request(SUBMIT, { input: { meterId, value: "1499" } });
    expect(codeOf(response)).toBe("READING_BELOW_PREVIOUS");
  });

  it("opens again at Almaty midnight on the first of the month", async () => {
    t.clock.set("2026-11-30T18:59:59Z");
    const { client, meterId, account } = await subscriber();
    try {
      await client.ok(SUBMIT, { input: { meterId, value: "1510" } });
      await client.ok(SUBMIT, { input: { meterId, value: "1511" } });
      expect(codeOf(await client.request(SUBMIT, { input: { meterId, value: "1512" } }))).toBe(
        "MONTHLY_LIMIT_REACHED",
      );
      t.clock.set("2026-11-30T19:00:00Z");
      const december = await client.ok(SUBMIT, { input: { meterId, value: "1512" } });
      expect(december.submitReading).toMatchObject({ period: "2026-12", isCorrection: false });
      expect((await windowOf(client, account.account.number)).submission).toMatchObject({
        period: "2026-12",
        used: 1,
        minimumValue: "1511.000",
      });
    } finally {
      t.clock.set("2026-11-15T06:00:00Z");
    }
  });

  it("refuses a sending without an idempotency key (issue 17: required)", async () => {
    const { client, meterId } = await subscriber();
    const keyless = await client.request(SUBMIT, {
      input: { meterId, value: "1520", idempotencyKey: null },
    });
    expect(codeOf(keyless)).toBe("VALIDATION_FAILED");
    expect(fieldOf(keyless)).toBe("idempotencyKey");
  });

  it("treats a retry with the same idempotency key as the same sending", async () => {
    const { client, meterId, account } = await subscriber();
    const key = randomUUID();
    const first = await client.ok(SUBMIT, {
      input: { meterId, value: "1520", idempotencyKey: key },
    });
    const retry = await client.ok(SUBMIT, {
      input: { meterId, value: "1520", idempotencyKey: key },
    });
    expect(retry.submitReading.id).toBe(first.submitReading.id);
    expect((await windowOf(client, account.account.number)).submission).toMatchObject({
      used: 1,
      remaining: 1,
    });
  });

  it("settles concurrent retries of one key to one sending", async () => {
    const { client, meterId, account } = await subscriber();
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        client.ok(SUBMIT, { input: { meterId, value: "1530", idempotencyKey: key } }),
      ),
    );
    expect(new Set(results.map((r) => r.submitReading.id)).size).toBe(1);
    expect((await windowOf(client, account.account.number)).submission.used).toBe(1);
  });

  it("accepts exactly two of 40 concurrent sendings on one meter", async () => {
    const { client, meterId } = await subscriber();
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client.request(SUBMIT, {
          input: { meterId, value: String(1600 + i), idempotencyKey: randomUUID() },
        }),
      ),
    );
    const codes = responses.map((r) => (r.errors ? codeOf(r) : "OK"));
    expect(codes.filter((c) => c === "OK")).toHaveLength(2);
    expect(codes.filter((c) => c === "MONTHLY_LIMIT_REACHED")).toHaveLength(38);
    const stored = await t.db.dataSource
      .getRepository(ReadingEntity)
      .findBy({ meterId: Number(meterId), period: "2026-11" });
    expect(stored.map((r) => r.slot).sort()).toEqual([1, 2]);
  });

  it("answers another user's meter exactly like a missing one", async () => {
    const owner = await subscriber();
    const stranger = await subscriber();
    const foreign = await stranger.client.request(SUBMIT, {
      input: { meterId: owner.meterId, value: "9999" },
    });
    const missing = await stranger.client.request(SUBMIT, {
      input: { meterId: "999999", value: "9999" },
    });
    expect(codeOf(foreign)).toBe("METER_NOT_FOUND");
    expect(foreign.text).toBe(missing.text);
    expect(
      await t.db.dataSource
        .getRepository(ReadingEntity)
        .countBy({ meterId: Number(owner.meterId), period: "2026-11" }),
    ).toBe(0);
  });

  it.each([
    ["four decimals", "1600.1234"],
    ["a negative value", "-5"],
    ["letters", "12a"],
    ["an exponent", "1e4"],
  ])("refuses %s as VALIDATION_FAILED on value without echoing it", async (_name, value) => {
    const { client, meterId } = await subscriber();
    const response = await client.request(SUBMIT, { input: { meterId, value } });
    expect(codeOf(response)).toBe("VALIDATION_FAILED");
    expect(fieldOf(response)).toBe("value");
    expect(response.text).not.toContain(value);
  });

  it("requires a login", async () => {
    const { meterId } = await subscriber();
    expect(codeOf(await t.client().request(SUBMIT, { input: { meterId, value: "1600" } }))).toBe(
      "UNAUTHENTICATED",
    );
  });
});

/** The app's history screen (client/src/graphql). */
const HISTORY_PAGE = /* GraphQL */ `
  query History($number: String!, $first: Int) {
    account(number: $number) {
      number
      meters {
        id
        readings(first: $first) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            cursor
            node {
              id
              value
              takenAt
              source
              isCorrection
            }
          }
        }
      }
    }
  }
`;

describe("history", () => {
  it("pages newest first with cursors", async () => {
    const readings: Array<[string, string]> = Array.from({ length: 12 }, (_, i) => [
      String(100 + i * 10),
      new Date(Date.UTC(2025, 10 + i, 20, 5)).toISOString(),
    ]);
    const { client, account } = await subscriber({ meters: [{ readings }] });
    const number = account.account.number;
    const page1 = (await client.ok(ACCOUNT, { number, first: 5 })).account.meters[0].readings;
    expect(page1.totalCount).toBe(12);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges.map((e: any) => e.node.value)).toEqual([
      "210.000",
      "200.000",
      "190.000",
      "180.000",
      "170.000",
    ]);
    const page2 = (await client.ok(ACCOUNT, { number, first: 5, after: page1.pageInfo.endCursor }))
      .account.meters[0].readings;
    expect(page2.edges.map((e: any) => e.node.value)).toEqual([
      "160.000",
      "150.000",
      "140.000",
      "130.000",
      "120.000",
    ]);
    const page3 = (await client.ok(ACCOUNT, { number, first: 5, after: page2.pageInfo.endCursor }))
      .account.meters[0].readings;
    expect(page3.edges.map((e: any) => e.node.value)).toEqual(["110.000", "100.000"]);
    expect(page3.pageInfo).toEqual({ hasNextPage: false, endCursor: page3.edges[1].cursor });
    expect(page3.edges[1].node).toMatchObject({ source: "INSPECTOR", period: "2025-11" });
    expect([page2.totalCount, page3.totalCount]).toEqual([12, 12]);
    // Past the last reading: no row to carry the count, which is still the meter's.
    const past = (await client.ok(ACCOUNT, { number, first: 5, after: page3.pageInfo.endCursor }))
      .account.meters[0].readings;
    expect(past).toMatchObject({ edges: [], totalCount: 12, pageInfo: { hasNextPage: false } });
  });

  it("answers a page in 3 statements: the session, the account with its meters, the page", async () => {
    const readings: Array<[string, string]> = [["100", "2025-11-20T05:00:00Z"]];
    const { client, account } = await subscriber({ meters: [{ readings }] });
    const page = await client.request(HISTORY_PAGE, { number: account.account.number, first: 5 });
    expect(page.errors).toBeUndefined();
    expect((page.data as any).account.meters[0].readings.totalCount).toBe(1);
    expect(page.statements).toBe(3);
  });

  it("counts no reading of a meter that has none", async () => {
    const { client, account } = await subscriber({ meters: [{ readings: [] }] });
    const number = account.account.number;
    const readings = (await client.ok(ACCOUNT, { number, first: 5 })).account.meters[0].readings;
    expect(readings).toMatchObject({ edges: [], totalCount: 0 });
  });

  it.each([[0], [101]])("refuses first: %i", async (first) => {
    const { client, account } = await subscriber();
    const response = await client.request(ACCOUNT, { number: account.account.number, first });
    expect(codeOf(response)).toBe("VALIDATION_FAILED");
    expect(fieldOf(response)).toBe("first");
  });

  it("refuses a forged cursor", async () => {
    const { client, account } = await subscriber();
    const response = await client.request(ACCOUNT, {
      number: account.account.number,
      after: "bm9wZQ",
    });
    expect(codeOf(response)).toBe("VALIDATION_FAILED");
    expect(fieldOf(response)).toBe("after");
  });
});
