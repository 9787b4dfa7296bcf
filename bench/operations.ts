import { randomUUID } from "node:crypto";
import { AccessTokens } from "../server/src/auth/access-token";
import { formatReadingMilli } from "../server/src/core/decimal";
import { BENCH_PASSWORD, type BenchUser, type SendingMeter } from "./data";
import { graphqlBody, type LoadItem } from "./load/load";
import { benchSecrets } from "./servers";

/** The operations as the app sends them (client/src/graphql). */
export const ACCOUNTS_SCREEN = `query AccountsScreen { me { accounts { number holderName address
  meters { id serialNumber lastReading { value takenAt source }
    submission { period used remaining minimumValue reopensAt } } } } }`;

export const HISTORY = `query History($number: String!, $first: Int, $after: String) {
  account(number: $number) { number meters { id
    readings(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id value takenAt source isCorrection } } } } } }`;

export const SUBMIT = `mutation Submit($input: SubmitReadingInput!) {
  submitReading(input: $input) { id value period isCorrection } }`;

export const LOGIN = `mutation Login($input: LoginInput!) {
  login(input: $input) { accessToken } }`;

export const HISTORY_PAGE = 16;

/** Fresh access tokens (10 minutes) for the users' seeded sessions. */
export function signTokens(users: BenchUser[]): Map<number, string> {
  const tokens = new AccessTokens(benchSecrets.jwt);
  const now = new Date();
  return new Map(
    users.map((u) => [u.id, tokens.sign({ userId: u.id, sessionId: u.sessionId }, now).token]),
  );
}

const headersOf = (user: BenchUser, tokens: Map<number, string>) => ({
  authorization: `Bearer ${tokens.get(user.id)}`,
  "x-forwarded-for": user.ip,
});

export function accountsScreenItems(users: BenchUser[], kind = "accounts"): LoadItem[] {
  const tokens = signTokens(users);
  const body = graphqlBody(ACCOUNTS_SCREEN);
  return users.map((user) => ({ kind, headers: headersOf(user, tokens), body }));
}

export function historyItems(users: BenchUser[], after?: string, kind = "history"): LoadItem[] {
  const tokens = signTokens(users);
  return users.map((user) => ({
    kind,
    headers: headersOf(user, tokens),
    body: graphqlBody(HISTORY, { number: user.accounts[0], first: HISTORY_PAGE, after }),
  }));
}

/**
 * `passes` sendings of each meter, meter after meter: the first pass sends, the second corrects.
 */
export function sendingItems(
  meters: SendingMeter[],
  owners: BenchUser[],
  passes: number,
  expected: string[] = [],
  kind = "sending",
): LoadItem[] {
  const tokens = signTokens(owners);
  const items: LoadItem[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const meter of meters) {
      const value = meter.latestMilli + 1000n + BigInt(pass) * 7n;
      items.push({
        kind,
        headers: headersOf(owners[meter.owner], tokens),
        body: graphqlBody(SUBMIT, {
          input: {
            meterId: String(meter.meterId),
            value: formatReadingMilli(value),
            idempotencyKey: randomUUID(),
          },
        }),
        expected,
      });
    }
  }
  return items;
}

/**
 * `total` sendings on the meters of the two deep-history accounts, each from another of the many
 * users who see them, values rising: all but two a meter are refused.
 */
export function contendedItems(
  meters: SendingMeter[],
  senders: BenchUser[],
  total: number,
): LoadItem[] {
  const tokens = signTokens(senders);
  const sendersOf = meters.map((m) => senders.filter((u) => u.accounts.includes(m.account)));
  return Array.from({ length: total }, (_, i) => {
    const m = i % meters.length;
    const users = sendersOf[m];
    return {
      kind: "contended",
      headers: headersOf(users[Math.floor(i / meters.length) % users.length], tokens),
      body: graphqlBody(SUBMIT, {
        input: {
          meterId: String(meters[m].meterId),
          value: formatReadingMilli(meters[m].latestMilli + 1000n + BigInt(i)),
          idempotencyKey: randomUUID(),
        },
      }),
      expected: ["MONTHLY_LIMIT_REACHED"],
    };
  });
}

export function loginItems(users: BenchUser[], kind = "login"): LoadItem[] {
  return users.map((user) => ({
    kind,
    headers: { "x-forwarded-for": user.ip },
    body: graphqlBody(LOGIN, {
      input: { email: user.email, password: BENCH_PASSWORD, rememberMe: false },
    }),
  }));
}

/** Interleaves lists by weight: `mix([[a, 3], [b, 1]])` gives a a a b a a a b … */
export function mix(parts: Array<[LoadItem[], number]>, length: number): LoadItem[] {
  const cursors = parts.map(() => 0);
  const out: LoadItem[] = [];
  while (out.length < length) {
    parts.forEach(([items, weight], p) => {
      for (let w = 0; w < weight && out.length < length; w++) {
        out.push(items[cursors[p]++ % items.length]);
      }
    });
  }
  return out;
}
