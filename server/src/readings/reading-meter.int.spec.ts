import { randomUUID } from "node:crypto";
import { createRegistryAccount, registration } from "../../test/factories";
import { type GraphQLClient } from "../../test/graphql-client";
import { integratorClient } from "../../test/integrator-operations";
import { ACCOUNT, registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";

// Reading.meter: the meter's new state in submitReading's own answer (one round trip).
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: "2026-11-15T06:00:00Z" });
});
afterAll(() => t.close());

const METER_STATE = /* GraphQL */ `
  meter {
    id
    submission {
      period
      used
      remaining
      minimumValue
      reopensAt
    }
    lastReading {
      id
      value
      takenAt
      period
      isCorrection
    }
  }
`;

const SUBMIT_WITH_METER = /* GraphQL */ `
  mutation Submit($input: SubmitReadingInput!) {
    submitReading(input: $input) {
      id
      value
      isCorrection
      ${METER_STATE}
    }
  }
`;

async function subscriber(): Promise<{ client: GraphQLClient; meterId: string; number: string }> {
  const account = await createRegistryAccount(t.db.dataSource);
  const client = t.client();
  await registerAndLogin(client, registration(account));
  return { client, meterId: String(account.meters[0].id), number: account.account.number };
}

describe("submitReading { meter }", () => {
  it("answers the meter's state after the sending: used counts it, lastReading is it", async () => {
    const { client, meterId } = await subscriber();
    const first = (await client.ok(SUBMIT_WITH_METER, { input: { meterId, value: "1612,5" } }))
      .submitReading;
    expect(first.meter).toEqual({
      id: meterId,
      submission: {
        period: "2026-11",
        used: 1,
        remaining: 1,
        minimumValue: "1500.000",
        reopensAt: null,
      },
      lastReading: {
        id: first.id,
        value: "1612.500",
        takenAt: "2026-11-15T06:00:00.000Z",
        period: "2026-11",
        isCorrection: false,
      },
    });

    const correction = (await client.ok(SUBMIT_WITH_METER, { input: { meterId, value: "1600" } }))
      .submitReading;
    expect(correction.meter.submission).toEqual({
      period: "2026-11",
      used: 2,
      remaining: 0,
      minimumValue: "1500.000",
      reopensAt: "2026-11-30T19:00:00.000Z",
    });
    expect(correction.meter.lastReading).toMatchObject({ id: correction.id, isCorrection: true });
  });

  it("does not answer a state loaded earlier in the same request", async () => {
    const { client, meterId } = await subscriber();
    // Mutation fields run in order: the first loads the meter's month, the second changes it.
    const both = await client.ok(
      `mutation Two($a: SubmitReadingInput!, $b: SubmitReadingInput!) {
        a: submitReading(input: $a) { id ${METER_STATE} }
        b: submitReading(input: $b) { id ${METER_STATE} }
      }`,
      {
        a: { meterId, value: "1600", idempotencyKey: "two-in-one-a" },
        b: { meterId, value: "1601", idempotencyKey: "two-in-one-b" },
      },
    );
    expect(both.a.meter.submission.used).toBe(1);
    expect(both.a.meter.lastReading.id).toBe(both.a.id);
    expect(both.b.meter.submission).toMatchObject({ used: 2, remaining: 0 });
    expect(both.b.meter.lastReading).toMatchObject({ id: both.b.id, isCorrection: true });
  });

  it("answers a retried sending (same key) with the meter as it is, the correction unused", async () => {
    const { client, meterId } = await subscriber();
    const input = { meterId, value: "1700", idempotencyKey: randomUUID() };
    const first = (await client.ok(SUBMIT_WITH_METER, { input })).submitReading;
    const retry = (await client.ok(SUBMIT_WITH_METER, { input })).submitReading;
    expect(retry.id).toBe(first.id);
    expect(retry.meter.submission).toMatchObject({ used: 1, remaining: 1 });
    expect(retry.meter.lastReading.id).toBe(first.id);
  });

  it("leads from a reading of the history back to its own meter", async () => {
    const { client, meterId, number } = await subscriber();
    const response = await client.ok(
      `query($number: String!) {
        account(number: $number) {
          meters { id lastReading { value meter { id } } readings { edges { node { meter { id } } } } }
        }
      }`,
      { number },
    );
    const [meter] = response.account.meters;
    expect(meter.lastReading).toEqual({ value: "1500.000", meter: { id: meterId } });
    expect(meter.readings.edges).toEqual([{ node: { meter: { id: meterId } } }]);
    // Still answered for the account's owner only (the query above already checked that).
    expect((await client.ok(ACCOUNT, { number })).account.meters[0].id).toBe(meterId);
  });
});

describe("submitReadingForAccount { meter }", () => {
  it("is null for a partner: its scopes cover the sending, not the subscriber's meter", async () => {
    const home = await createRegistryAccount(t.db.dataSource);
    const bank = await integratorClient(t, ["readings:submit"]);
    const response = await bank.client.request(
      `mutation Partner($input: PartnerReadingInput!) {
        submitReadingForAccount(input: $input) { id value ${METER_STATE} }
      }`,
      {
        input: {
          accountNumber: home.account.number,
          meterSerial: home.meters[0].serialNumber,
          value: "1650",
          idempotencyKey: randomUUID(),
        },
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.submitReadingForAccount).toMatchObject({
      value: "1650.000",
      meter: null,
    });
  });
});
