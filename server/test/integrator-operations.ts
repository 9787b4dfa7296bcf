import type { Scope } from "../src/integrators/scopes";
import { ClientBudgets } from "../src/integrators/client-budget";
import type { GraphQLClient } from "./graphql-client";
import type { TestApp } from "./test-app";

export const ISSUE_TOKEN = /* GraphQL */ `
  mutation Issue($clientId: String!, $clientSecret: String!) {
    issueApiToken(clientId: $clientId, clientSecret: $clientSecret) {
      accessToken
      expiresAt
      scopes
    }
  }
`;

const SYNC_FIELDS = `created updated unchanged rejected items { index key status code field }`;

export const UPSERT_ACCOUNTS = `mutation($items: [AccountSyncInput!]!) { upsertAccounts(items: $items) { ${SYNC_FIELDS} } }`;
export const UPSERT_METERS = `mutation($items: [MeterSyncInput!]!) { upsertMeters(items: $items) { ${SYNC_FIELDS} } }`;
export const RECORD_PAYMENTS = `mutation($items: [PaymentSyncInput!]!) { recordPayments(items: $items) { ${SYNC_FIELDS} } }`;
export const RECORD_READINGS = `mutation($items: [ReadingSyncInput!]!) { recordReadings(items: $items) { ${SYNC_FIELDS} } }`;

const EXPORT_FIELDS = `pageInfo { hasNextPage endCursor } edges { cursor node { id accountNumber meterSerial value takenAt period source isCorrection meterVerificationOverdue } }`;

export const FEED = `query($after: String, $first: Int) { readingsFeed(after: $after, first: $first) { ${EXPORT_FIELDS} } }`;
export const SUBMITTED = `query($period: Period!, $after: String, $first: Int) { submittedReadings(period: $period, after: $after, first: $first) { ${EXPORT_FIELDS} } }`;

export const SUBMIT_FOR_ACCOUNT = /* GraphQL */ `
  mutation Partner($input: PartnerReadingInput!) {
    submitReadingForAccount(input: $input) {
      id
      value
      source
      period
      isCorrection
    }
  }
`;

/** An API client with `scopes` and a GraphQL client holding its token. */
export async function integratorClient(
  t: TestApp,
  scopes: Scope[],
  name = "Billing",
): Promise<{ client: GraphQLClient; clientId: string; secret: string; id: number }> {
  const issued = await t.app.services.apiClients.create(name, scopes);
  const client = t.client();
  const token = await client.ok(ISSUE_TOKEN, {
    clientId: issued.client.clientId,
    clientSecret: issued.secret,
  });
  client.accessToken = token.issueApiToken.accessToken;
  return { client, clientId: issued.client.clientId, secret: issued.secret, id: issued.client.id };
}

/** Spends points of an API client's budget (its numeric id), as requests of another replica would. */
export async function spendBudget(t: TestApp, clientId: number, points: number): Promise<void> {
  const budgets = new ClientBudgets(t.app.services.limits.store);
  const { ok } = await budgets.take(clientId, points, t.clock.now());
  if (!ok) throw new Error(`the budget of API client ${clientId} cannot pay ${points} points`);
}
