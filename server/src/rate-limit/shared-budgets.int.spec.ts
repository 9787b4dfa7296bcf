import { randomBytes } from "node:crypto";
import pino from "pino";
import { codeOf } from "../../test/graphql-client";
import { FEED, integratorClient, ISSUE_TOKEN } from "../../test/integrator-operations";
import { startTestApp, startTestReplica, type TestApp } from "../../test/test-app";
import { ClientBudgets } from "../integrators/client-budget";
import { resolveBudgets } from "./budgets";
import type { LimiterStore } from "./limiter-store";
import { COST_FLUSH_MS, CostBudget } from "./cost-budget";
import { RequestLimits } from "./request-limits";
import { GraphQLClient } from "../../test/graphql-client";

// Issue 17 item 4: the per-minute cost budget (RL-7) and the API clients' buckets are shared by
// every replica on the database: spent through one, refused on the other in the same minute.
let a: TestApp;
let b: Awaited<ReturnType<typeof startTestReplica>>;

beforeAll(async () => {
  a = await startTestApp({
    budgets: "real",
    now: "2026-11-20T04:00:00Z",
    config: { trustProxy: ["127.0.0.1"] },
  });
  b = await startTestReplica(a, { budgets: "real" });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

// Anonymous: me 1 + aliases × (accounts 1 + meters 1 + readings `first` × 1).
const bomb = (aliases: number, first: number) =>
  "{ me { " +
  Array.from(
    { length: aliases },
    (_, i) => `a${i}: accounts { meters { readings(first: ${first}) { edges { node { id } } } } }`,
  ).join(" ") +
  " } }";

describe("two servers on one database (issue 17 item 4)", () => {
  it("share the caller's 300 points a minute: spent on one, RATE_LIMITED on the other", async () => {
    // One anonymous caller (its address, through the trusted proxy) on both servers.
    const as = (server: { client(): GraphQLClient }) => {
      const client = server.client();
      client.headers["x-forwarded-for"] = "198.51.100.7";
      return client;
    };
    expect(codeOf(await as(a).request(bomb(2, 100)))).not.toBe("RATE_LIMITED"); // 205
    expect(codeOf(await as(a).request(bomb(1, 90)))).not.toBe("RATE_LIMITED"); // 298
    // Each replica sends what it charged every COST_FLUSH_MS and reads the caller's total back:
    // B, which had not seen this caller, lets one small request by (the bound of the design)…
    await new Promise((resume) => setTimeout(resume, COST_FLUSH_MS * 2));
    expect(codeOf(await as(b).request(bomb(1, 1)))).not.toBe("RATE_LIMITED"); // 302
    await new Promise((resume) => setTimeout(resume, COST_FLUSH_MS * 2));
    // …and from its next flush on knows the 302 spent between them.
    const other = await as(b).request(bomb(1, 1));
    expect(codeOf(other)).toBe("RATE_LIMITED");
    expect(other.status).toBe(429);
    const seconds = other.errors?.[0].extensions?.retryAfterSeconds as number;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(Number(other.headers.get("retry-after"))).toBe(seconds);
    // …and on the first one too.
    expect(codeOf(await as(a).request(bomb(1, 1)))).toBe("RATE_LIMITED");
  });

  it("share an API client's bucket: what one spent, the other cannot spend again", async () => {
    const reader = await integratorClient(a, ["readings:read"]);
    const costOf = (text: string) => JSON.parse(text).extensions?.cost;
    // The feed is empty here: a page costs 1 (issue 19), whatever `first` asked.
    const first = costOf((await reader.client.request(FEED, { first: 400 })).text);
    const second = costOf((await reader.client.request(FEED, { first: 400 })).text);
    expect(second.remaining).toBe(1000 - 2 * first.requested);

    // The same client's token from the other server (its own signing key).
    const onB = b.client();
    const token = await onB.ok(ISSUE_TOKEN, {
      clientId: reader.clientId,
      clientSecret: reader.secret,
    });
    onB.accessToken = token.issueApiToken.accessToken;
    const seen = costOf((await onB.request(FEED, { first: 400 })).text);
    expect(seen.remaining).toBe(second.remaining - 1);

    // Server A's store spends all but 30; B cannot pay a page of 400 rows up front (41 points).
    await a.app.services.limits.store.takeFromBucket(
      `apiclient:${reader.id}`,
      seen.remaining - 30,
      a.clock.now().getTime(),
      { capacity: 1000, refillPerSecond: 50 },
    );
    const third = await onB.request(FEED, { first: 400 });
    expect(codeOf(third)).toBe("RATE_LIMITED");
    expect(third.status).toBe(429);
    expect(costOf(third.text).remaining).toBe(30);
    expect(third.errors?.[0].extensions?.retryAfterSeconds).toBe(Math.ceil((41 - 30) / 50));
    expect(Number(third.headers.get("retry-after"))).toBe(
      third.errors?.[0].extensions?.retryAfterSeconds,
    );
  });
});

describe("API client buckets in the store", () => {
  const at = new Date("2026-11-20T04:00:00Z");

  it("answer as the memory bucket did: cost, remaining, full again, refill", async () => {
    const shared = new ClientBudgets(a.app.services.limits.store);
    const memory = new ClientBudgets();
    const steps: Array<[number, number]> = [
      [400, 0],
      [400, 0],
      [400, 0],
      [250, 1_000],
      [1001, 0],
      [100, 20_000],
    ];
    let now = at.getTime();
    for (const [cost, later] of steps) {
      now += later;
      const [s, m] = [
        await shared.take(990_001, cost, new Date(now)),
        await memory.take(990_001, cost, new Date(now)),
      ];
      expect(s).toEqual(m);
    }
  });

  it("fall back to this process's memory if the store fails (as the generic budgets)", async () => {
    const broken = {
      run: <T>(work: () => Promise<T>) => work(),
      takeFromBucket: () => Promise.reject(new Error("connect ECONNREFUSED")),
    } as unknown as ConstructorParameters<typeof ClientBudgets>[0];
    const budgets = new ClientBudgets(broken);
    expect((await budgets.take(7, 600, at)).ok).toBe(true);
    const refused = await budgets.take(7, 600, at);
    expect(refused.ok).toBe(false);
    expect(refused.report.remaining).toBe(400);
  });
});

describe("the cost budget's minute in the store (one upsert a flush, not a statement a request)", () => {
  const at = Date.parse("2026-11-20T04:00:00Z");
  const log = pino({ level: "silent" });

  it("counts every charge of both servers once, and starts afresh when the minute is over", async () => {
    const stores = [a.app.services.limits.store, b.app.services.limits.store];
    const key = `cost_m:window-${randomBytes(6).toString("hex")}`;
    const other = `cost_m:other-${randomBytes(6).toString("hex")}`;
    const add = (store: LimiterStore, charges: Array<{ key: string; cost: number }>, now: number) =>
      store.run(() =>
        store.addToWindows(
          charges.map((charge) => ({ ...charge, end: now + 60_000 })),
          now,
        ),
      );
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => add(stores[i % 2], [{ key, cost: 3 }], at)),
    );
    const both = await add(
      stores[0],
      [
        { key: other, cost: 7 },
        { key, cost: 1 },
      ],
      at + 59_999,
    );
    expect(both.get(key)).toEqual({ points: 121, expire: at + 60_000 });
    expect(both.get(other)).toEqual({ points: 7, expire: at + 119_999 });
    expect((await add(stores[1], [{ key, cost: 5 }], at + 60_000)).get(key)).toEqual({
      points: 5,
      expire: at + 120_000,
    });
  });

  it("holds for two replicas charging one caller at once: 300 and at most a fifth more each", async () => {
    const budget = resolveBudgets().costPerMinute;
    const onA = new CostBudget(a.app.services.limits.store, budget, log);
    const onB = new CostBudget(b.app.services.limits.store, budget, log);
    const key = `cost_m:both-${randomBytes(6).toString("hex")}`;
    let accepted = 0;
    for (let round = 0; round < 150; round++) {
      const now = at + round;
      const answers = await Promise.all([onA.charge(key, 4, now), onB.charge(key, 4, now)]);
      accepted += answers.filter((wait) => wait === null).length * 4;
    }
    await Promise.all([onA.close(), onB.close()]);
    expect(accepted).toBeGreaterThanOrEqual(300);
    expect(accepted).toBeLessThanOrEqual(300 + 2 * (60 + 4));
    const stored = await a.app.services.limits.store.addToWindows(
      [{ key, cost: 0, end: at + 60_000 }],
      at,
    );
    // Every charge is counted, the refused ones too (as the other limiters count).
    expect(stored.get(key)?.points).toBe(150 * 2 * 4);
  });

  it("refuses past 300 with the seconds left in the minute, and counts on its own if the store fails", async () => {
    const limits = new RequestLimits(a.app.services.limits.store, resolveBudgets(), log);
    const caller = `user:${randomBytes(6).toString("hex")}`;
    await limits.chargeCost(caller, 300, at);
    const refusal = await limits.chargeCost(caller, 1, at + 15_000).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "RATE_LIMITED" });
    expect(
      (refusal as { extensions: { retryAfterSeconds: number } }).extensions.retryAfterSeconds,
    ).toBe(45);
    await limits.costBudget.close();

    const real = a.app.services.limits.store;
    const broken = {
      create: real.create.bind(real),
      run: <T>(work: () => Promise<T>) => work(),
      addToWindows: () => Promise.reject(new Error("connect ECONNREFUSED")),
    } as unknown as LimiterStore;
    const alone = new RequestLimits(broken, resolveBudgets(), log);
    await alone.chargeCost(caller, 300);
    await alone.costBudget.flush();
    await expect(alone.chargeCost(caller, 1)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await alone.costBudget.close();
  });
});
