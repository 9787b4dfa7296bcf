import { createRegistryAccount } from "../../test/factories";
import { codeOf, type GraphQLResponse } from "../../test/graphql-client";
import {
  FEED,
  integratorClient,
  spendBudget,
  SUBMIT_FOR_ACCOUNT,
  SUBMITTED,
} from "../../test/integrator-operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { CLIENT_BUDGET_REFILL_PER_SECOND } from "./client-budget";

// Issue 19: a feed page costs what it returns, arguments are refused before anything is charged,
// a cursor past the feed's end is refused, and responses are compressed.
let t: TestApp;
const SENDINGS = 12;

beforeAll(async () => {
  t = await startTestApp({ now: "2026-11-20T04:00:00Z" });
  const serials = Array.from({ length: SENDINGS }, (_, i) => `FL-${i + 1}`);
  const home = await createRegistryAccount(t.db.dataSource, {
    meters: serials.map((serialNumber) => ({ serialNumber })),
  });
  const bank = await integratorClient(t, ["readings:submit"], "Bank");
  for (const [i, meterSerial] of serials.entries()) {
    await bank.client.ok(SUBMIT_FOR_ACCOUNT, {
      input: {
        accountNumber: home.account.number,
        meterSerial,
        value: String(10 + i),
        idempotencyKey: `feed-limits-${i}`,
      },
    });
  }
});
afterAll(() => t.close());

const costOf = (response: GraphQLResponse) =>
  JSON.parse(response.text).extensions?.cost as
    { requested: number; remaining: number; resetAt: string } | undefined;
const cursorAt = (seq: bigint | number) => Buffer.from(`feed:${seq}`).toString("base64url");

async function feedHead(): Promise<bigint> {
  const [row] = await t.db.dataSource.query(
    "SELECT value FROM feed_sequence WHERE name = 'readings'",
  );
  return BigInt(row.value);
}

describe("feed cost (issue 19)", () => {
  it("is 1 a page and 1 per 10 readings returned: an empty poll costs 1, whatever `first` asked", async () => {
    const reader = await integratorClient(t, ["readings:read"]);
    const page = await reader.client.request<any>(FEED, { first: 500 });
    expect(page.errors).toBeUndefined();
    expect(page.data.readingsFeed.edges).toHaveLength(SENDINGS);
    expect(costOf(page)).toMatchObject({ requested: 3, remaining: 1000 - 3 }); // 12 readings

    const end = page.data.readingsFeed.pageInfo.endCursor;
    const empty = await reader.client.request<any>(FEED, { after: end, first: 500 });
    expect(empty.data.readingsFeed.edges).toEqual([]);
    expect(costOf(empty)).toMatchObject({ requested: 1, remaining: 1000 - 4 });

    const two = await reader.client.request<any>(SUBMITTED, { period: "2026-11", first: 2 });
    expect(two.data.submittedReadings.edges).toHaveLength(2);
    expect(costOf(two)).toMatchObject({ requested: 2, remaining: 1000 - 6 });
  });

  it("refuses a bad `first` or cursor as VALIDATION_FAILED before charging anything", async () => {
    const reader = await integratorClient(t, ["readings:read"]);
    await spendBudget(t, reader.id, 900); // 100 left: `first: 1000` was a 429 here, and 501 was charged
    for (const variables of [{ first: 501 }, { first: 1000 }, { first: 0 }, { after: "bm9wZQ" }]) {
      const refused = await reader.client.request(FEED, variables);
      expect(codeOf(refused)).toBe("VALIDATION_FAILED");
      expect(refused.status).toBe(200);
      expect(refused.errors?.[0].extensions?.field).toBe("after" in variables ? "after" : "first");
      expect(refused.data ?? undefined).toBeUndefined();
    }
    const month = await reader.client.request(SUBMITTED, { period: "2026-11", first: 100_000 });
    expect(codeOf(month)).toBe("VALIDATION_FAILED");
    const after = await reader.client.request(FEED, { first: 1 });
    expect(costOf(after)).toMatchObject({ requested: 2, remaining: 100 - 2 });
  });

  it("refuses, before it runs, a page the budget cannot pay for `first` rows: 429 + Retry-After", async () => {
    const reader = await integratorClient(t, ["readings:read"]);
    await spendBudget(t, reader.id, 960); // 40 left; 500 rows need 51 up front
    const refused = await reader.client.request(FEED, { first: 500 });
    expect(codeOf(refused)).toBe("RATE_LIMITED");
    expect(refused.status).toBe(429);
    const retryAfter = refused.errors?.[0].extensions?.retryAfterSeconds;
    expect(retryAfter).toBe(Math.ceil((51 - 40) / CLIENT_BUDGET_REFILL_PER_SECOND));
    expect(refused.headers.get("retry-after")).toBe(String(retryAfter));
    expect(costOf(refused)?.remaining).toBe(40);
    // A page it can pay for goes through, and costs what it returned.
    const small = await reader.client.request<any>(FEED, { first: 50 });
    expect(small.data.readingsFeed.edges).toHaveLength(SENDINGS);
    expect(costOf(small)).toMatchObject({ requested: 3, remaining: 40 - 3 });
  });
});

describe("a cursor past the end of the feed (issue 19)", () => {
  it("is refused with CURSOR_OUT_OF_RANGE; the exact end is an empty page", async () => {
    const reader = await integratorClient(t, ["readings:read"]);
    const head = await feedHead();
    const atEnd = await reader.client.request<any>(FEED, { after: cursorAt(head) });
    expect(atEnd.errors).toBeUndefined();
    expect(atEnd.data.readingsFeed).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: cursorAt(head) },
    });
    for (const query of [FEED, SUBMITTED]) {
      const beyond = await reader.client.request(query, {
        period: "2026-11",
        after: cursorAt(head + 1n),
      });
      expect(codeOf(beyond)).toBe("CURSOR_OUT_OF_RANGE");
      expect(beyond.errors?.[0].extensions?.field).toBe("after");
      expect(beyond.status).toBe(200);
      expect(costOf(beyond)?.requested).toBe(1);
    }
    // A stream the feed does not have (a Galera node's, from another database).
    const otherStream = cursorAt((1n << 40n) + 5n);
    expect(codeOf(await reader.client.request(FEED, { after: otherStream }))).toBe(
      "CURSOR_OUT_OF_RANGE",
    );
    // As after a restore: the feed's end moves back below a cursor given before.
    const before = (await reader.client.ok(FEED, { first: 500 })).readingsFeed.pageInfo.endCursor;
    await t.db.dataSource.query("UPDATE feed_sequence SET value = ? WHERE name = 'readings'", [
      String(head - 1n),
    ]);
    try {
      expect(codeOf(await reader.client.request(FEED, { after: before }))).toBe(
        "CURSOR_OUT_OF_RANGE",
      );
    } finally {
      await t.db.dataSource.query("UPDATE feed_sequence SET value = ? WHERE name = 'readings'", [
        String(head),
      ]);
    }
  });
});

describe("compression (issue 19)", () => {
  async function post(token: string, encoding: string | null, query: string, first = 500) {
    const response = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        ...(encoding ? { "accept-encoding": encoding } : {}),
      },
      body: JSON.stringify({ query, variables: query === FEED ? { first } : {} }),
    });
    return {
      encoding: response.headers.get("content-encoding"),
      body: (await response.json()) as any,
    };
  }

  it("answers in br or gzip as asked, above 1 KB only", async () => {
    const reader = await integratorClient(t, ["readings:read"]);
    const token = reader.client.accessToken!;
    const br = await post(token, "gzip, br", FEED);
    expect(br.encoding).toBe("br");
    expect(br.body.data.readingsFeed.edges).toHaveLength(SENDINGS);
    const gzip = await post(token, "gzip", FEED);
    expect(gzip.encoding).toBe("gzip");
    expect(gzip.body.data).toEqual(br.body.data);
    expect((await post(token, "identity", FEED)).encoding).toBeNull();
    const small = await post(token, "br, gzip", "{ __typename }");
    expect(small.encoding).toBeNull();
    expect(small.body.data).toEqual({ __typename: "Query" });
  });
});
