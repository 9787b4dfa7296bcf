import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { ApiError, type FeedReading, PartnerClient } from "../../../examples/partner-client";
import { createRegistryAccount } from "../../test/factories";
import { spendBudget } from "../../test/integrator-operations";
import { CLIENT_BUDGET_POINTS } from "./client-budget";
import { startTestApp, type TestApp } from "../../test/test-app";
import type { Scope } from "./scopes";

// The README's example client, run as a partner would run it, against the real server.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: "2026-11-20T04:00:00Z" });
});
afterAll(() => t.close());

/**
 * An example client of a new API client; `advance` moves its clock and the server's together,
 * and so does its waiting (`slept` lists the waits).
 */
async function partnerClient(scopes: Scope[]) {
  const issued = await t.app.services.apiClients.create("Example bank", scopes);
  let local = 1_000_000; // another clock than the server's: only durations matter
  const advance = (ms: number) => {
    local += ms;
    t.clock.set(new Date(t.clock.now().getTime() + ms));
  };
  const slept: number[] = [];
  const client = new PartnerClient({
    endpoint: `${t.url}/graphql`,
    clientId: issued.client.clientId,
    clientSecret: issued.secret,
    now: () => local,
    sleep: async (ms) => {
      slept.push(ms);
      advance(ms);
    },
  });
  return { client, advance, slept, clientId: issued.client.clientId, id: issued.client.id };
}

describe("examples/partner-client.ts", () => {
  it("reads the account, sends with a key, renews its token 30 s before expiry and drains the feed", async () => {
    const home = await createRegistryAccount(t.db.dataSource, {
      meters: [{ serialNumber: "EX-1", readings: [["700", "2026-10-25T05:00:00Z"]] }],
    });
    const { client, advance, clientId } = await partnerClient(["readings:submit", "readings:read"]);

    const account = await client.account(home.account.number);
    expect(account.meters[0].submission).toMatchObject({ remaining: 2, minimumValue: "700.000" });
    const sent = await client.sendReading({
      accountNumber: home.account.number,
      meterSerial: "EX-1",
      value: "712.5",
      idempotencyKey: "example-key-0001",
    });
    expect(sent).toMatchObject({
      value: "712.500",
      isCorrection: false,
      submission: { remaining: 1 },
    });
    expect(client.tokensIssued).toBe(1);

    // 4 min 20 s later the token still has 40 s: kept. 20 s more leave 20 s: renewed first.
    advance(260_000);
    await client.account(home.account.number);
    expect(client.tokensIssued).toBe(1);
    advance(20_000);
    // The same key again (a lost answer): the first reading, no correction used.
    const again = await client.sendReading({
      accountNumber: home.account.number,
      meterSerial: "EX-1",
      value: "712.5",
      idempotencyKey: "example-key-0001",
    });
    expect(client.tokensIssued).toBe(2);
    expect(again.id).toBe(sent.id);
    expect(again.submission.remaining).toBe(1);

    // Past the old token's expiry (and its 30 s tolerance) the renewed one still works.
    advance(120_000);
    const readings: FeedReading[] = [];
    const cursor = await client.drainFeed(null, (page) => void readings.push(...page), 1);
    expect(readings.map((r) => r.id)).toEqual([sent.id]);
    expect(readings[0]).toMatchObject({
      idempotencyKey: "example-key-0001",
      sentBy: { kind: "PARTNER", apiClientId: clientId, apiClientName: "Example bank" },
    });
    // Kept cursor: nothing new, same cursor back.
    const empty: FeedReading[] = [];
    expect(await client.drainFeed(cursor, (page) => void empty.push(...page))).toBe(cursor);
    expect(empty).toEqual([]);
  });

  it("drains several pages and reports refusals by code", async () => {
    const { client } = await partnerClient(["readings:submit", "readings:read"]);
    const homes = await Promise.all(
      [1, 2, 3].map((i) =>
        createRegistryAccount(t.db.dataSource, {
          meters: [{ serialNumber: `EX-PAGE-${i}`, readings: [["1", "2026-10-25T05:00:00Z"]] }],
        }),
      ),
    );
    for (const [i, home] of homes.entries()) {
      await client.sendReading({
        accountNumber: home.account.number,
        meterSerial: `EX-PAGE-${i + 1}`,
        value: "2",
      });
    }
    const pages: number[] = [];
    const serials: string[] = [];
    await client.drainFeed(
      null,
      (page) => {
        pages.push(page.length);
        serials.push(...page.map((r) => r.meterSerial));
      },
      2,
    );
    expect(serials.filter((s) => s.startsWith("EX-PAGE-"))).toEqual([
      "EX-PAGE-1",
      "EX-PAGE-2",
      "EX-PAGE-3",
    ]);
    expect(pages.every((n) => n <= 2)).toBe(true);
    expect(pages.length).toBeGreaterThan(1);

    const below = client.sendReading({
      accountNumber: homes[0].account.number,
      meterSerial: "EX-PAGE-1",
      value: "0.5",
    });
    await expect(below).rejects.toMatchObject({ code: "READING_BELOW_PREVIOUS" });
    await expect(below).rejects.toBeInstanceOf(ApiError);
    await expect(client.account("0000000002")).rejects.toMatchObject({ code: "ACCOUNT_NOT_FOUND" });
  });

  it("waits out its spent budget (429, retryAfterSeconds) and drains on, as a month's drain must", async () => {
    const { client, slept, id } = await partnerClient(["readings:read"]);
    const before: FeedReading[] = [];
    await client.drainFeed(null, (page) => void before.push(...page));
    expect(before.length).toBeGreaterThan(0);
    expect(slept).toEqual([]);
    // 20 points left: a page of 500 needs 51 up front, 31 more at 50 a second.
    await spendBudget(t, id, CLIENT_BUDGET_POINTS - 20);
    const after: FeedReading[] = [];
    await client.drainFeed(null, (page) => void after.push(...page));
    expect(slept).toEqual([1000]);
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
  });

  it("takes a new token once when the server refuses the one it holds (a local clock running slow)", async () => {
    const { client } = await partnerClient(["readings:read"]);
    await client.drainFeed(null, () => undefined);
    expect(client.tokensIssued).toBe(1);
    // Only the server's clock moves: the client still trusts its token, the server does not.
    t.clock.set(new Date(t.clock.now().getTime() + 10 * 60_000));
    await client.drainFeed(null, () => undefined);
    expect(client.tokensIssued).toBe(2);
  });

  it("runs from the command line: reads the window, then sends", async () => {
    const home = await createRegistryAccount(t.db.dataSource, {
      holderName: "Нурлан Абенов",
      meters: [{ serialNumber: "EX-CLI", readings: [["40", "2026-10-25T05:00:00Z"]] }],
    });
    const issued = await t.app.services.apiClients.create("CLI bank", ["readings:submit"]);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        "-r",
        "ts-node/register/transpile-only",
        "examples/partner-client.ts",
        home.account.number,
        "EX-CLI",
        "41,5",
      ],
      {
        cwd: join(__dirname, "../../.."),
        env: {
          ...process.env,
          GAS_API: `${t.url}/graphql`,
          GAS_CLIENT_ID: issued.client.clientId,
          GAS_CLIENT_SECRET: issued.secret,
        },
      },
    );
    expect(stdout).toBe(
      "Нурлан Абенов: 2 sending(s) left, at least 40.000 m³\nsent 41.500 m³ (the first)\n",
    );
  });
});
