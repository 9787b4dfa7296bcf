import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf, type GraphQLResponse } from "../../test/graphql-client";
import { FEED, integratorClient, ISSUE_TOKEN } from "../../test/integrator-operations";
import { LOGIN, REGISTER } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";

// Issue 19 item 4: issueApiToken is limited per API client (per address for wrong credentials),
// not by the address's cost budget; every limit answers 429 with Retry-After.
let t: TestApp; // behind a trusted proxy at 127.0.0.1
const TOKENS_A_MINUTE = 3;
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

beforeAll(async () => {
  t = await startTestApp({
    now: "2026-11-20T04:00:00Z",
    config: { trustProxy: ["127.0.0.1"] },
    // The address's cost budget would refuse the third issueApiToken (10 points each).
    budgets: { tokenPerClientMinute: { points: TOKENS_A_MINUTE }, costPerMinute: { points: 20 } },
  });
});
afterAll(() => t.close());

function expectLimited(response: GraphQLResponse): void {
  expect(codeOf(response)).toBe("RATE_LIMITED");
  expect(response.status).toBe(429);
  const seconds = response.errors?.[0].extensions?.retryAfterSeconds as number;
  expect(seconds).toBeGreaterThan(0);
  expect(response.headers.get("retry-after")).toBe(String(seconds));
}

const issue = (clientId: string, clientSecret: string, ip: string) =>
  t
    .client()
    .request(ISSUE_TOKEN, { clientId, clientSecret }, { headers: { "x-forwarded-for": ip } });

describe("issueApiToken limits", () => {
  it("are per API client: clients behind one address do not share them", async () => {
    const nat = freshIp();
    const a = await t.app.services.apiClients.create("A", ["readings:read"]);
    const b = await t.app.services.apiClients.create("B", ["readings:read"]);
    for (let i = 0; i < TOKENS_A_MINUTE; i++) {
      expect((await issue(a.client.clientId, a.secret, nat)).errors).toBeUndefined();
    }
    expectLimited(await issue(a.client.clientId, a.secret, nat));
    expectLimited(await issue(a.client.clientId, a.secret, freshIp())); // the client's, anywhere
    for (let i = 0; i < TOKENS_A_MINUTE; i++) {
      expect((await issue(b.client.clientId, b.secret, nat)).errors).toBeUndefined();
    }
  });

  it("are per address for unknown ids and wrong secrets, which spend no client's budget", async () => {
    const ip = freshIp();
    const c = await t.app.services.apiClients.create("C", ["readings:read"]);
    const attempts = [
      ["gci_000000000000000000000000", c.secret],
      [c.client.clientId, c.secret + "x"],
      ["gci_000000000000000000000001", "gcs_x"],
    ];
    for (const [id, secret] of attempts) {
      expect(codeOf(await issue(id, secret, ip))).toBe("INVALID_CREDENTIALS");
    }
    expectLimited(await issue(c.client.clientId, c.secret + "x", ip));
    expect(codeOf(await issue(c.client.clientId, c.secret + "x", freshIp()))).toBe(
      "INVALID_CREDENTIALS",
    );
    // C's own budget is whole: the right secret from the flooding address still gets tokens.
    for (let i = 0; i < TOKENS_A_MINUTE; i++) {
      expect((await issue(c.client.clientId, c.secret, ip)).errors).toBeUndefined();
    }
  });
});

describe("every limit answers 429 with Retry-After", () => {
  it("the API client budget and an address's cost budget", async () => {
    const reader = await integratorClient(t, ["readings:read"]);
    await t.app.services.limits.store.takeFromBucket(
      `apiclient:${reader.id}`,
      1000,
      t.clock.now().getTime(),
      { capacity: 1000, refillPerSecond: 50 },
    );
    expectLimited(await reader.client.request(FEED, { first: 1 }));

    const ip = freshIp();
    const account = await createRegistryAccount(t.db.dataSource);
    const input = registration(account);
    await t.client().ok(REGISTER, { input });
    const login = () =>
      t
        .client()
        .request(
          LOGIN,
          { input: { email: input.email, password: "wrong-password-1", rememberMe: false } },
          { headers: { "x-forwarded-for": ip } },
        );
    let response = await login();
    // The address's cost budget (20 points a minute here) is spent after a login or two.
    while (codeOf(response) === "INVALID_CREDENTIALS") response = await login();
    expectLimited(response);
  });
});
