import { createRegistryAccount, registration, type RegistryAccount } from "../../test/factories";
import { codeOf, type GraphQLClient, type GraphQLResponse } from "../../test/graphql-client";
import { LINK, LOGIN, REGISTER } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";

// remainingAttempts on a failed account proof, under the real budgets of RL-1 (docs/security.md); only the
// per-minute cost budget is raised, as in guessing.int.spec.ts.
let t: TestApp;
let ipCounter = 0;
const freshIp = () => `198.18.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

beforeAll(async () => {
  t = await startTestApp({
    budgets: { costPerMinute: { points: 1_000_000 } },
    config: { trustProxy: ["127.0.0.1"] },
  });
});
afterAll(() => t.close());

async function subscriber(): Promise<GraphQLClient> {
  const own = await createRegistryAccount(t.db.dataSource);
  const client = t.client();
  client.headers["x-forwarded-for"] = freshIp();
  const input = registration(own);
  await client.ok(REGISTER, { input });
  const login = await client.ok(LOGIN, {
    input: { email: input.email, password: input.password, rememberMe: false },
  });
  client.accessToken = login.login.accessToken;
  return client;
}

const link = (client: GraphQLClient, number: string, amount: string, ip = freshIp()) =>
  client.request(
    LINK,
    { input: { accountNumber: number, lastPaymentAmount: amount } },
    { headers: { "x-forwarded-for": ip } },
  );

const extensionsOf = (response: GraphQLResponse<unknown>) => response.errors?.[0].extensions;

describe("remainingAttempts on ACCOUNT_VERIFICATION_FAILED", () => {
  it("is told from the third failure on a number, down to 0; the lock keeps retryAfterSeconds", async () => {
    const target = await createRegistryAccount(t.db.dataSource, { payments: ["4 321,00"] });
    const seen = [];
    for (let i = 0; i < 5; i++) {
      seen.push(extensionsOf(await link(await subscriber(), target.account.number, "1.00")));
    }
    expect(seen).toEqual([
      { code: "ACCOUNT_VERIFICATION_FAILED" },
      { code: "ACCOUNT_VERIFICATION_FAILED" },
      { code: "ACCOUNT_VERIFICATION_FAILED", remainingAttempts: 2 },
      { code: "ACCOUNT_VERIFICATION_FAILED", remainingAttempts: 1 },
      { code: "ACCOUNT_VERIFICATION_FAILED", remainingAttempts: 0 },
    ]);
    const locked = extensionsOf(await link(await subscriber(), target.account.number, "4321.00"));
    expect(Object.keys(locked!).sort()).toEqual(["code", "retryAfterSeconds"]);
    expect(locked!.code).toBe("RATE_LIMITED");
    expect(locked!.retryAfterSeconds).toBeGreaterThan(23 * 3600);
  });

  it("answers an unknown number exactly like a known one, step by step", async () => {
    const known = await createRegistryAccount(t.db.dataSource);
    const ghost = "9999999902";
    for (let i = 0; i < 6; i++) {
      const [a, b] = [
        await link(await subscriber(), known.account.number, "1.00"),
        await link(await subscriber(), ghost, "1.00"),
      ];
      expect(a.status).toBe(b.status);
      if (i < 5) expect(b.text).toBe(a.text);
      else expect([codeOf(a), codeOf(b)]).toEqual(["RATE_LIMITED", "RATE_LIMITED"]);
    }
  });

  it("tells the least left among the budgets charged: a user's own day budget", async () => {
    const user = await subscriber();
    const seen = [];
    for (let i = 0; i < 10; i++) {
      const target: RegistryAccount = await createRegistryAccount(t.db.dataSource);
      const response = await link(user, target.account.number, "1.00");
      expect(codeOf(response)).toBe("ACCOUNT_VERIFICATION_FAILED");
      seen.push(extensionsOf(response)!.remainingAttempts);
    }
    // Each number has 4 left after its one failure; the user's 10 a day run out first.
    expect(seen).toEqual([undefined, undefined, undefined, undefined, undefined, 4, 3, 2, 1, 0]);
    const next = await createRegistryAccount(t.db.dataSource);
    expect(codeOf(await link(user, next.account.number, next.lastPayment))).toBe("RATE_LIMITED");
  });

  it("is told on registration's account proof too", async () => {
    const target = await createRegistryAccount(t.db.dataSource, { payments: ["8 800,00"] });
    const seen = [];
    for (let i = 0; i < 3; i++) {
      const client = t.client();
      client.headers["x-forwarded-for"] = freshIp();
      const response = await client.request(REGISTER, {
        input: registration(target, { lastPaymentAmount: "1.00" }),
      });
      seen.push(extensionsOf(response));
    }
    expect(seen).toEqual([
      { code: "ACCOUNT_VERIFICATION_FAILED" },
      { code: "ACCOUNT_VERIFICATION_FAILED" },
      { code: "ACCOUNT_VERIFICATION_FAILED", remainingAttempts: 2 },
    ]);
  });
});
