import { createRegistryAccount, registration, type RegistryAccount } from "../../test/factories";
import { codeOf } from "../../test/graphql-client";
import { ACCOUNT, ACCOUNTS_SCREEN, LINK, UNLINK, registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";

let t: TestApp;
let mine: RegistryAccount;
let relatives: RegistryAccount;

beforeAll(async () => {
  t = await startTestApp();
  mine = await createRegistryAccount(t.db.dataSource, {
    number: "0012345678",
    payments: ["5 432,10"],
  });
  relatives = await createRegistryAccount(t.db.dataSource, {
    holderName: "Иванова Мария Петровна",
  });
});
afterAll(() => t.close());

describe("linking accounts", () => {
  it("adds a relative's account, refuses it twice, and removes it", async () => {
    const client = t.client();
    await registerAndLogin(client, registration(mine));
    const proof = {
      accountNumber: relatives.account.number,
      lastPaymentAmount: relatives.lastPayment,
    };
    const linked = await client.ok(LINK, { input: proof });
    expect(linked.linkAccount).toEqual({
      number: relatives.account.number,
      holderName: "Иванова Мария Петровна",
    });
    expect(codeOf(await client.request(LINK, { input: proof }))).toBe("ACCOUNT_ALREADY_LINKED");

    const screen = await client.ok(ACCOUNTS_SCREEN);
    expect(screen.me.accounts.map((a: { number: string }) => a.number)).toEqual([
      "0012345678",
      relatives.account.number,
    ]);

    expect((await client.ok(UNLINK, { number: relatives.account.number })).unlinkAccount).toBe(
      true,
    );
    expect(codeOf(await client.request(UNLINK, { number: relatives.account.number }))).toBe(
      "ACCOUNT_NOT_LINKED",
    );
    expect(codeOf(await client.request(UNLINK, { number: "404404404" }))).toBe(
      "ACCOUNT_NOT_LINKED",
    );
  });

  it("lets several users link one account", async () => {
    const first = t.client();
    const second = t.client();
    await registerAndLogin(first, registration(relatives));
    await registerAndLogin(second, registration(relatives));
    for (const client of [first, second]) {
      expect((await client.ok(ACCOUNT, { number: relatives.account.number })).account.number).toBe(
        relatives.account.number,
      );
    }
  });

  it("refuses a wrong amount with the generic verification error", async () => {
    const client = t.client();
    await registerAndLogin(client, registration(mine));
    const response = await client.request(LINK, {
      input: { accountNumber: relatives.account.number, lastPaymentAmount: "1.00" },
    });
    expect(codeOf(response)).toBe("ACCOUNT_VERIFICATION_FAILED");
  });

  it("keeps leading zeros and accepts the number with spaces", async () => {
    const client = t.client();
    await registerAndLogin(client, registration(relatives));
    await client.ok(LINK, {
      input: { accountNumber: "00 1234 5678", lastPaymentAmount: "5432.1" },
    });
    expect((await client.ok(ACCOUNT, { number: "0012345678" })).account.number).toBe("0012345678");
  });

  it("requires a login", async () => {
    const response = await t.client().request(LINK, {
      input: { accountNumber: mine.account.number, lastPaymentAmount: mine.lastPayment },
    });
    expect(codeOf(response)).toBe("UNAUTHENTICATED");
    expect(codeOf(await t.client().request(ACCOUNT, { number: mine.account.number }))).toBe(
      "UNAUTHENTICATED",
    );
  });
});

describe("someone else's account", () => {
  it("answers exactly like a missing one", async () => {
    const owner = t.client();
    await registerAndLogin(owner, registration(mine));
    const stranger = t.client();
    await registerAndLogin(stranger, registration(relatives));
    const foreign = await stranger.request(ACCOUNT, { number: mine.account.number });
    const missing = await stranger.request(ACCOUNT, { number: "9090909090" });
    expect(foreign.text).toBe(missing.text);
    expect(foreign.data).toEqual({ account: null });
  });
});

describe("the accounts screen", () => {
  it("costs the same number of SQL statements for 1 and 50 accounts", async () => {
    const one = t.client();
    await registerAndLogin(one, registration(mine));
    const fifty = t.client();
    await registerAndLogin(fifty, registration(mine));
    for (let i = 0; i < 49; i++) {
      const extra = await createRegistryAccount(t.db.dataSource, {
        meters: [
          {
            readings: [
              ["10.5", "2026-09-20T05:00:00Z"],
              ["20.25", "2026-10-20T05:00:00Z"],
            ],
          },
          {},
        ],
      });
      await fifty.ok(LINK, {
        input: { accountNumber: extra.account.number, lastPaymentAmount: extra.lastPayment },
      });
    }
    const small = await one.request(ACCOUNTS_SCREEN);
    const large = await fifty.request(ACCOUNTS_SCREEN);
    expect((large.data as any).me.accounts).toHaveLength(50);
    expect(small.statements).toBeGreaterThan(0);
    // The session; the accounts and their meters (one join); the latest readings and the month.
    expect(small.statements).toBeLessThanOrEqual(3);
    expect(large.statements).toBe(small.statements);
    console.log(
      `accounts screen: ${small.statements} statements for 1 account, ${large.statements} for 50`,
    );
  });

  it("answers the same, in the same statements, when asked through fragments and aliases", async () => {
    const client = t.client();
    await registerAndLogin(client, registration(mine));
    await client.ok(LINK, {
      input: { accountNumber: relatives.account.number, lastPaymentAmount: relatives.lastPayment },
    });
    const plain = await client.request(ACCOUNTS_SCREEN);
    const shaped = await client.request(
      /* GraphQL */ `
        query ($withReading: Boolean!) {
          me {
            accounts {
              ...Card
            }
          }
        }
        fragment Card on Account {
          number
          holderName
          address
          meters {
            id
            serialNumber
            ... on Meter {
              lastReading @include(if: $withReading) {
                value
                takenAt
                source
              }
            }
            window: submission {
              period
              used
              remaining
              minimumValue
              reopensAt
            }
          }
        }
      `,
      { withReading: true },
    );
    const renamed = JSON.parse(
      JSON.stringify(shaped.data).replaceAll('"window":', '"submission":'),
    );
    expect(renamed).toEqual(plain.data);
    expect(shaped.statements).toBe(plain.statements);
  });
});
