import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf } from "../../test/graphql-client";
import { integratorClient } from "../../test/integrator-operations";
import { ACCOUNTS_SCREEN, LOGIN, registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { AuditEventEntity } from "../audit/audit-event.entity";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: "2026-11-20T04:00:00Z" });
});
afterAll(() => t.close());

const LOOKUP = /* GraphQL */ `
  query ($number: String!) {
    operatorAccount(number: $number) {
      account {
        number
        holderName
        meters {
          serialNumber
        }
      }
      linkedUsers {
        id
        email
        personType
        linkedAt
      }
    }
  }
`;
const UNLINK = `mutation($n: String!, $u: ID!) { operatorUnlinkUser(accountNumber: $n, userId: $u) }`;
const LIFT = `mutation($n: String!) { operatorLiftVerificationBlock(accountNumber: $n) }`;

async function operatorClient() {
  const password = "Оператор-смены-2026";
  const email = `op${Date.now()}@gazholding.kz`;
  // The same path as `npm run user:create-operator`.
  const user = await t.app.services.operators.createOperator(email, password, "Смена 1");
  const client = t.client();
  const login = await client.ok(LOGIN, { input: { email, password, rememberMe: false } });
  client.accessToken = login.login.accessToken;
  return { client, user };
}

describe("operators", () => {
  it("look up an account and its users, unlink one, lift a block — all audited; nobody else may", async () => {
    const home = await createRegistryAccount(t.db.dataSource);
    const phone = t.client();
    const { userId } = await registerAndLogin(phone, registration(home));
    const { client: desk, user: operator } = await operatorClient();

    const view = (await desk.ok(LOOKUP, { number: home.account.number })).operatorAccount;
    expect(view.account.number).toBe(home.account.number);
    expect(view.linkedUsers).toEqual([
      expect.objectContaining({
        id: userId,
        personType: "INDIVIDUAL",
        linkedAt: expect.any(String),
      }),
    ]);
    expect((await desk.ok(LOOKUP, { number: "0000000404" })).operatorAccount).toBeNull();

    // A subscriber and an integrator may not.
    expect(codeOf(await phone.request(LOOKUP, { number: home.account.number }))).toBe("FORBIDDEN");
    const billing = await integratorClient(t, ["registry:write", "readings:read"]);
    expect(codeOf(await billing.client.request(LOOKUP, { number: home.account.number }))).toBe(
      "FORBIDDEN",
    );
    expect(codeOf(await phone.request(UNLINK, { n: home.account.number, u: userId }))).toBe(
      "FORBIDDEN",
    );

    expect((await desk.ok(UNLINK, { n: home.account.number, u: userId })).operatorUnlinkUser).toBe(
      true,
    );
    expect((await phone.ok(ACCOUNTS_SCREEN)).me.accounts).toEqual([]);
    expect(codeOf(await desk.request(UNLINK, { n: home.account.number, u: userId }))).toBe(
      "ACCOUNT_NOT_LINKED",
    );

    const lift = await desk.ok(LIFT, { n: home.account.number });
    expect(typeof lift.operatorLiftVerificationBlock).toBe("boolean");

    const events = await t.db.dataSource.getRepository(AuditEventEntity).find();
    const unlinked = events.find((e) => e.eventType === "ACCOUNT_UNLINKED");
    expect(unlinked?.detail).toContain(`"byOperatorId":${operator.id}`);
    const lifted = events.find((e) => e.eventType === "BLOCK_LIFTED");
    expect(lifted?.userId).toBe(operator.id);
  });
});
