import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf, fieldOf } from "../../test/graphql-client";
import { FEED, integratorClient, ISSUE_TOKEN } from "../../test/integrator-operations";
import { registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { MeterEntity } from "../readings/meter.entity";
import { PARTNER_ACCOUNT_COST } from "./partner-account.resolver";

const PARTNER_ACCOUNT = /* GraphQL */ `
  query PartnerAccount($number: String!) {
    partnerAccount(number: $number) {
      number
      holderName
      meters {
        serialNumber
        installedAt
        removedAt
        lastReading {
          value
          takenAt
          source
          sentBy {
            kind
            apiClientId
            apiClientName
          }
        }
        submission {
          period
          used
          remaining
          minimumValue
          reopensAt
        }
      }
    }
  }
`;

const SEND = /* GraphQL */ `
  mutation Send($input: PartnerReadingInput!) {
    submitReadingForAccount(input: $input) {
      id
      value
      isCorrection
      idempotencyKey
      sentBy {
        kind
        apiClientId
        apiClientName
      }
      submission {
        remaining
        minimumValue
        reopensAt
      }
    }
  }
`;

const APP_SEND = /* GraphQL */ `
  mutation AppSend($input: SubmitReadingInput!) {
    submitReading(input: $input) {
      id
      idempotencyKey
      sentBy {
        kind
      }
      meter {
        submission {
          remaining
        }
      }
    }
  }
`;

const APP_HISTORY = /* GraphQL */ `
  query History($number: String!) {
    account(number: $number) {
      meters {
        readings(first: 5) {
          edges {
            node {
              source
              idempotencyKey
              sentBy {
                kind
                apiClientId
                apiClientName
              }
            }
          }
        }
      }
    }
  }
`;

const FEED_SENDERS = /* GraphQL */ `
  query Feed($after: String) {
    readingsFeed(after: $after, first: 100) {
      edges {
        node {
          id
          meterSerial
          source
          isCorrection
          idempotencyKey
          sentBy {
            kind
            apiClientId
            apiClientName
          }
        }
      }
    }
  }
`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: "2026-11-20T04:00:00Z" });
});
afterAll(() => t.close());

describe("partnerAccount (scope readings:submit)", () => {
  it("shows the number, the name on the bill and each meter's last reading and window", async () => {
    const home = await createRegistryAccount(t.db.dataSource, {
      holderName: "Сейткали Айгерим",
      meters: [
        { serialNumber: "PA-OLD", readings: [["900", "2026-03-01T05:00:00Z"]] },
        { serialNumber: "PA-NEW", readings: [["15.25", "2026-10-25T05:00:00Z"]] },
        { serialNumber: "PA-EMPTY" },
      ],
    });
    await t.db.dataSource
      .getRepository(MeterEntity)
      .update({ id: home.meters[0].id }, { removedAt: new Date("2026-04-01T00:00:00Z") });
    const bank = await integratorClient(t, ["readings:submit"], "Kaspi");
    // Typed with the spaces of the bill: found all the same.
    const spaced = home.account.number.replace(/(\d{4})/, "$1 ");
    const answer = await bank.client.request(PARTNER_ACCOUNT, { number: spaced });
    expect(answer.errors).toBeUndefined();
    const account = (answer.data as any).partnerAccount;
    expect(account).toMatchObject({
      number: home.account.number,
      holderName: "Сейткали Айгерим",
    });
    expect(account.meters.map((m: any) => m.serialNumber)).toEqual([
      "PA-OLD",
      "PA-NEW",
      "PA-EMPTY",
    ]);
    const [old, current, empty] = account.meters;
    expect(old.removedAt).toBe("2026-04-01T00:00:00.000Z");
    expect(old.submission).toBeNull(); // a replaced meter takes no sendings
    expect(current).toMatchObject({
      removedAt: null,
      lastReading: { value: "15.250", source: "INSPECTOR", sentBy: null },
      submission: {
        period: "2026-11",
        used: 0,
        remaining: 2,
        minimumValue: "15.250",
        reopensAt: null,
      },
    });
    expect(empty).toMatchObject({ lastReading: null, submission: { minimumValue: "0.000" } });
    // RL-7: priced like a sending, plus the objects selected.
    const cost = JSON.parse(answer.text).extensions.cost.requested;
    expect(cost).toBe(PARTNER_ACCOUNT_COST + 1 + 1 + 1 + 1);
  });

  it("costs the same statements for one meter or many", async () => {
    const bank = await integratorClient(t, ["readings:submit"]);
    const one = await createRegistryAccount(t.db.dataSource);
    const many = await createRegistryAccount(t.db.dataSource, {
      meters: Array.from({ length: 6 }, () => ({ readings: [["5", "2026-11-02T05:00:00Z"]] })),
    });
    const small = await bank.client.request(PARTNER_ACCOUNT, { number: one.account.number });
    const large = await bank.client.request(PARTNER_ACCOUNT, { number: many.account.number });
    expect(large.errors).toBeUndefined();
    expect((large.data as any).partnerAccount.meters).toHaveLength(6);
    expect(large.statements).toBe(small.statements);
  });

  it("answers ACCOUNT_NOT_FOUND for an unknown number and VALIDATION_FAILED for a malformed one", async () => {
    const bank = await integratorClient(t, ["readings:submit"]);
    const unknown = await bank.client.request(PARTNER_ACCOUNT, { number: "0000000001" });
    expect(codeOf(unknown)).toBe("ACCOUNT_NOT_FOUND");
    expect(fieldOf(unknown)).toBe("number");
    const malformed = await bank.client.request(PARTNER_ACCOUNT, { number: "12;DROP" });
    expect(codeOf(malformed)).toBe("VALIDATION_FAILED");
    expect(fieldOf(malformed)).toBe("number");
  });

  it("is refused without the scope, to subscribers, and shows no address or payments", async () => {
    const home = await createRegistryAccount(t.db.dataSource);
    const reader = await integratorClient(t, ["readings:read", "registry:write"]);
    const refused = await reader.client.request(PARTNER_ACCOUNT, { number: home.account.number });
    expect(codeOf(refused)).toBe("FORBIDDEN");
    const phone = t.client();
    await registerAndLogin(phone, registration(home));
    const subscriber = await phone.request(PARTNER_ACCOUNT, { number: home.account.number });
    expect(codeOf(subscriber)).toBe("FORBIDDEN");
    const bank = await integratorClient(t, ["readings:submit"]);
    const address = await bank.client.request(
      `query($n: String!) { partnerAccount(number: $n) { address } }`,
      { n: home.account.number },
    );
    expect(codeOf(address)).toBe("GRAPHQL_VALIDATION_FAILED");
    const fields = await t
      .client()
      .ok(`{ __type(name: "PartnerAccount") { fields { name } } }`)
      .then((d) => d.__type.fields.map((f: { name: string }) => f.name));
    expect(fields.sort()).toEqual(["holderName", "meters", "number"]);
  });
});

describe("who sent a reading, and the two slots shared with the subscriber", () => {
  it("tells the partner the window before and after, and the feed who sent each reading", async () => {
    const home = await createRegistryAccount(t.db.dataSource, {
      meters: [{ serialNumber: "SHARED-1", readings: [["100", "2026-10-25T05:00:00Z"]] }],
    });
    const phone = t.client();
    await registerAndLogin(phone, registration(home));
    const own = (
      await phone.ok(APP_SEND, {
        input: { meterId: String(home.meters[0].id), value: "120", idempotencyKey: "app-key-0001" },
      })
    ).submitReading;
    expect(own).toMatchObject({
      idempotencyKey: "app-key-0001",
      sentBy: { kind: "SUBSCRIBER" },
      meter: { submission: { remaining: 1 } },
    });

    const bank = await integratorClient(t, ["readings:submit"], "Halyk");
    // Before sending, the partner sees the subscriber's sending counted, and its minimum.
    const before = (await bank.client.ok(PARTNER_ACCOUNT, { number: home.account.number }))
      .partnerAccount.meters[0];
    expect(before.submission).toMatchObject({ used: 1, remaining: 1, minimumValue: "100.000" });
    expect(before.lastReading).toMatchObject({
      value: "120.000",
      source: "SUBSCRIBER",
      sentBy: { kind: "SUBSCRIBER", apiClientId: null, apiClientName: null },
    });

    const input = {
      accountNumber: home.account.number,
      meterSerial: "SHARED-1",
      value: "125",
      idempotencyKey: "halyk-0000000001",
    };
    const sent = (await bank.client.ok(SEND, { input })).submitReadingForAccount;
    expect(sent).toMatchObject({
      value: "125.000",
      isCorrection: true, // the partner's sending corrects the subscriber's: one pair of slots
      idempotencyKey: "halyk-0000000001",
      sentBy: { kind: "PARTNER", apiClientId: bank.clientId, apiClientName: "Halyk" },
      submission: { remaining: 0, minimumValue: "100.000", reopensAt: "2026-11-30T19:00:00.000Z" },
    });
    // A retry answers the same reading and the same window.
    const retry = (await bank.client.ok(SEND, { input })).submitReadingForAccount;
    expect(retry).toEqual(sent);
    const full = await phone.request(APP_SEND, {
      input: { meterId: String(home.meters[0].id), value: "130", idempotencyKey: "app-key-0002" },
    });
    expect(codeOf(full)).toBe("MONTHLY_LIMIT_REACHED");

    // The subscriber sees that a partner sent it, not which client nor its key.
    const history = (
      await phone.ok(APP_HISTORY, { number: home.account.number })
    ).account.meters[0].readings.edges.map((e: any) => e.node);
    expect(history[0]).toEqual({
      source: "PARTNER",
      idempotencyKey: null,
      sentBy: { kind: "PARTNER", apiClientId: null, apiClientName: null },
    });
    expect(history[1]).toMatchObject({ source: "SUBSCRIBER", idempotencyKey: "app-key-0001" });
    // Another partner sees the kind only.
    const other = await integratorClient(t, ["readings:submit"], "Other bank");
    const seen = (await other.client.ok(PARTNER_ACCOUNT, { number: home.account.number }))
      .partnerAccount.meters[0].lastReading;
    expect(seen.sentBy).toEqual({ kind: "PARTNER", apiClientId: null, apiClientName: null });

    // The billing's feed names every sender.
    const billing = await integratorClient(t, ["readings:read"], "1C Billing");
    const nodes = (await billing.client.ok(FEED_SENDERS, { after: null })).readingsFeed.edges
      .map((e: any) => e.node)
      .filter((n: any) => n.meterSerial === "SHARED-1");
    expect(nodes).toEqual([
      expect.objectContaining({
        source: "SUBSCRIBER",
        isCorrection: false,
        idempotencyKey: "app-key-0001",
        sentBy: { kind: "SUBSCRIBER", apiClientId: null, apiClientName: null },
      }),
      expect.objectContaining({
        id: sent.id,
        source: "PARTNER",
        isCorrection: true,
        idempotencyKey: "halyk-0000000001",
        sentBy: { kind: "PARTNER", apiClientId: bank.clientId, apiClientName: "Halyk" },
      }),
    ]);
  });

  it("keeps the feed one statement a page with the senders joined", async () => {
    const billing = await integratorClient(t, ["readings:read"]);
    const plain = await billing.client.request(FEED, { first: 100 });
    const withSenders = await billing.client.request(FEED_SENDERS, { after: null });
    expect(withSenders.errors).toBeUndefined();
    expect(withSenders.statements).toBe(plain.statements);
  });
});

describe("token lifetime", () => {
  it("says when the token expires and in how many seconds", async () => {
    const issued = await t.app.services.apiClients.create("Bank", ["readings:submit"]);
    const token = (
      await t.client().ok(ISSUE_TOKEN.replace("expiresAt", "expiresAt expiresIn"), {
        clientId: issued.client.clientId,
        clientSecret: issued.secret,
      })
    ).issueApiToken;
    expect(token.expiresIn).toBe(300);
    expect(new Date(token.expiresAt).getTime()).toBe(t.clock.now().getTime() + 300_000);
  });
});
