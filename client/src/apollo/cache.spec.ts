import { gql, type TypedDocumentNode } from "@apollo/client/core";
import { monthStateOf } from "../components/accounts/month-state";
import { SubmitReadingMutation } from "../components/readings/submit-reading.mutation";
import { MyAccountsQuery } from "../pages/accounts-page.query";
import { AccountReadingsQuery } from "../pages/readings-page.query";
import { scriptedClient } from "../test/apollo";
import {
  accountCard,
  meterFields,
  page,
  reading,
  submissionWindow,
  submitted,
  user,
  type ReadingData,
} from "../test/fixtures";

const NUMBER = "1002003004";
const r0 = reading("r0", "90", "2026-08", "ESTIMATE");
const r1 = reading("r1", "100", "2026-09");
const r2 = reading("r2", "110", "2026-10");
const r3 = reading("r3", "120.5", "2026-10", "SUBSCRIBER", true, "2026-10-25T06:00:00.000Z");
const r4 = reading("r4", "130", "2026-11", "SUBSCRIBER", false, "2026-11-26T05:00:00.000Z");
const r5 = reading("r5", "131.25", "2026-11", "SUBSCRIBER", true, "2026-11-27T05:00:00.000Z");

/** The history's next page, as a page's "show more" would ask for it (a test-only document). */
const MoreHistoryQuery: TypedDocumentNode<unknown, { number: string; after: string }> = gql`
  query MoreHistory($number: String!, $after: String!) {
    account(number: $number) {
      number
      meters {
        id
        readings(first: 2, after: $after) {
          totalCount
          edges {
            cursor
            node {
              id
              value
              takenAt
              source
              period
              isCorrection
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

/** The screen's meter as it was before the sending: first page [r3, r2] of four readings. */
const before = meterFields("m1", submissionWindow(2, "120.5"), page([r3, r2], 4, true));
const moreAnswer = (readings: ReadingData[], hasNextPage = false) => ({
  data: {
    account: {
      __typename: "Account",
      number: NUMBER,
      meters: [{ __typename: "Meter", id: "m1", readings: page(readings, 4, hasNextPage) }],
    },
  },
});

function withScreens() {
  const scripted = scriptedClient({
    MyAccounts: [
      {
        data: {
          me: { ...user, accounts: [accountCard(NUMBER, [before])] },
        },
      },
    ],
    AccountReadings: [
      { data: { account: { ...accountCard(NUMBER, [before]), meters: [before] } } },
    ],
    MoreHistory: [moreAnswer([r1, r0])],
  });
  return scripted;
}

async function openScreens(scripted: ReturnType<typeof withScreens>) {
  const { client } = scripted;
  await client.query({ query: MyAccountsQuery });
  await client.query({ query: AccountReadingsQuery, variables: { number: NUMBER } });
  await client.query({ query: MoreHistoryQuery, variables: { number: NUMBER, after: "c-r2" } });
}

const meterOnScreen = (client: ReturnType<typeof withScreens>["client"]) =>
  client.readQuery({ query: AccountReadingsQuery, variables: { number: NUMBER } })?.account
    ?.meters[0];
const historyIds = (client: ReturnType<typeof withScreens>["client"]) =>
  meterOnScreen(client)?.readings.edges.map((edge) => edge.node.id);
const cardState = (client: ReturnType<typeof withScreens>["client"]) => {
  const account = client.readQuery({ query: MyAccountsQuery })?.me?.accounts[0];
  return account && monthStateOf(account);
};

describe("cache identities", () => {
  it("keeps an account by its number, a meter and a reading by their ids", () => {
    const { client } = scriptedClient();
    expect(client.cache.identify({ __typename: "Account", number: NUMBER })).toBe(
      `Account:{"number":"${NUMBER}"}`,
    );
    expect(client.cache.identify({ __typename: "Meter", id: "m1" })).toBe('Meter:{"id":"m1"}');
    expect(client.cache.identify({ __typename: "Reading", id: "r1" })).toBe('Reading:{"id":"r1"}');
  });
});

describe("a sending's answer updates every screen, with no other query", () => {
  it("the window, the last reading, the history and the account card's month state", async () => {
    const scripted = withScreens();
    const { client } = scripted;
    await openScreens(scripted);
    expect(historyIds(client)).toEqual(["r3", "r2", "r1", "r0"]);
    expect(cardState(client)).toEqual({ kind: "notSent" });

    // The accounts screen stays subscribed to the cache meanwhile, as useQuery does.
    const states: string[] = [];
    const watching = client
      .watchQuery({ query: MyAccountsQuery, fetchPolicy: "cache-only" })
      .subscribe(({ data }) => {
        const account = data?.me?.accounts[0];
        if (account) states.push(monthStateOf(account).kind);
      });
    await new Promise((done) => setTimeout(done, 0));

    const after = meterFields("m1", submissionWindow(1, "130"), page([r4, r3], 5, true));
    scripted.server.answer({ SubmitReading: [{ data: submitted(r4, after) }] });
    await client.mutate({
      mutation: SubmitReadingMutation,
      variables: { input: { meterId: "m1", value: "130", idempotencyKey: "k-1" } },
    });
    await new Promise((done) => setTimeout(done, 0));

    expect(scripted.sent.map((item) => item.operationName)).toEqual(["SubmitReading"]);
    const meter = meterOnScreen(client);
    expect(meter?.submission).toMatchObject({ used: 1, remaining: 1, minimumValue: "130" });
    expect(meter?.lastReading).toMatchObject({ id: "r4", value: "130", period: "2026-11" });
    // The new reading on top, the older pages loaded before kept below it.
    expect(historyIds(client)).toEqual(["r4", "r3", "r2", "r1", "r0"]);
    expect(meter?.readings.totalCount).toBe(5);
    expect(meter?.readings.pageInfo).toMatchObject({ hasNextPage: false, endCursor: "c-r0" });
    expect(cardState(client)).toEqual({ kind: "sent", at: r4.takenAt });
    expect(states).toEqual(["notSent", "sent"]);
    watching.unsubscribe();
  });

  it("counts a reading once when the same answer comes again (an idempotent retry)", async () => {
    const scripted = withScreens();
    const { client } = scripted;
    await openScreens(scripted);
    const after = meterFields("m1", submissionWindow(1, "130"), page([r4, r3], 5, true));
    scripted.server.answer({
      SubmitReading: [{ data: submitted(r4, after) }, { data: submitted(r4, after) }],
    });
    const send = () =>
      client.mutate({
        mutation: SubmitReadingMutation,
        variables: { input: { meterId: "m1", value: "130", idempotencyKey: "k-1" } },
      });
    await send();
    await send();
    expect(historyIds(client)).toEqual(["r4", "r3", "r2", "r1", "r0"]);
  });

  it("a correction: the card says corrected, the form's window is closed", async () => {
    const scripted = withScreens();
    const { client } = scripted;
    await openScreens(scripted);
    scripted.server.answer({
      SubmitReading: [
        {
          data: submitted(
            r4,
            meterFields("m1", submissionWindow(1, "130"), page([r4, r3], 5, true)),
          ),
        },
        {
          data: submitted(
            r5,
            meterFields(
              "m1",
              submissionWindow(0, "131.25", "2026-11-30T19:00:00.000Z"),
              page([r5, r4], 6, true),
            ),
          ),
        },
      ],
    });
    for (const value of ["130", "131.25"]) {
      await client.mutate({
        mutation: SubmitReadingMutation,
        variables: { input: { meterId: "m1", value, idempotencyKey: `k-${value}` } },
      });
    }
    expect(historyIds(client)).toEqual(["r5", "r4", "r3", "r2", "r1", "r0"]);
    expect(meterOnScreen(client)?.submission).toMatchObject({
      remaining: 0,
      reopensAt: "2026-11-30T19:00:00.000Z",
    });
    expect(cardState(client)).toEqual({ kind: "corrected", at: r5.takenAt });
    expect(scripted.named("MyAccounts")).toHaveLength(0);
    expect(scripted.named("AccountReadings")).toHaveLength(0);
  });
});

describe("historyByCursor", () => {
  async function loaded() {
    const scripted = withScreens();
    await openScreens(scripted);
    return scripted;
  }
  const more = (scripted: ReturnType<typeof withScreens>, after: string) =>
    scripted.client.query({
      query: MoreHistoryQuery,
      variables: { number: NUMBER, after },
      fetchPolicy: "network-only",
    });

  it("puts a page asked `after` a cursor after that cursor, with its paging", async () => {
    const { client } = await loaded();
    expect(historyIds(client)).toEqual(["r3", "r2", "r1", "r0"]);
    expect(meterOnScreen(client)?.readings.pageInfo).toMatchObject({
      hasNextPage: false,
      endCursor: "c-r0",
    });
  });

  it("replaces what followed the cursor when the same page comes again, each reading once", async () => {
    const scripted = await loaded();
    scripted.server.answer({ MoreHistory: [moreAnswer([r1, r0])] });
    await more(scripted, "c-r2");
    expect(historyIds(scripted.client)).toEqual(["r3", "r2", "r1", "r0"]);
  });

  it("appends a page whose cursor it does not know at the end", async () => {
    const scripted = await loaded();
    const older = reading("rx", "80", "2026-07");
    scripted.server.answer({ MoreHistory: [moreAnswer([older])] });
    await more(scripted, "c-unknown");
    expect(historyIds(scripted.client)).toEqual(["r3", "r2", "r1", "r0", "rx"]);
  });

  it("a first page that does not reach the loaded ones replaces them (no gap shown)", async () => {
    const scripted = await loaded();
    const r7 = reading("r7", "150", "2027-01");
    const r6 = reading("r6", "140", "2026-12");
    scripted.server.answer({
      AccountReadings: [
        {
          data: {
            account: {
              ...accountCard(NUMBER, [before]),
              meters: [
                meterFields(
                  "m1",
                  submissionWindow(2, "150", null, "2027-01"),
                  page([r7, r6], 8, true),
                ),
              ],
            },
          },
        },
      ],
    });
    await scripted.client.query({
      query: AccountReadingsQuery,
      variables: { number: NUMBER },
      fetchPolicy: "network-only",
    });
    expect(historyIds(scripted.client)).toEqual(["r7", "r6"]);
    expect(meterOnScreen(scripted.client)?.readings.pageInfo).toMatchObject({
      hasNextPage: true,
      endCursor: "c-r6",
    });
  });
});
