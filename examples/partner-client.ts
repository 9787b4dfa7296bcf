/**
 * A partner's client of the gas readings API (README "Integrators"), in plain TypeScript with
 * `fetch` and nothing else: it takes an access token and renews it 30 s before it expires,
 * reads an account before sending (`partnerAccount`), sends a reading with an idempotency key
 * (retried with the same key when the answer is lost) and drains the readings feed, waiting out
 * its budget (429) on the way.
 *
 *   GAS_API=http://localhost:4000/graphql GAS_CLIENT_ID=gci_… GAS_CLIENT_SECRET=gcs_… \
 *     npx ts-node examples/partner-client.ts 0012345678 GAL-2026-0001 1402.5
 *   … npx ts-node examples/partner-client.ts feed [cursor]     # a client with readings:read
 *
 * Copy it, or read it as the reference of the calls; it is run by an integration test against a
 * real server (server/src/integrators/partner-client.int.spec.ts).
 */
import { randomUUID } from "node:crypto";

/** A refusal of the API: `code` is the stable `extensions.code` (docs/api.md "Errors"). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(`${code}: ${message}`);
  }
}

export interface PartnerClientOptions {
  /** The GraphQL endpoint, e.g. `https://gas.example.kz/graphql`. */
  endpoint: string;
  clientId: string;
  clientSecret: string;
  /** How long before its expiry a token is renewed (default 30 s). */
  renewBeforeMs?: number;
  /** The local clock, in ms (tests move it). */
  now?: () => number;
  /** How the client waits before asking again (tests move their clocks instead). */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

export interface Submission {
  period: string;
  used: number;
  remaining: number;
  minimumValue: string;
  reopensAt: string | null;
}

export interface PartnerAccount {
  number: string;
  holderName: string;
  meters: Array<{
    serialNumber: string;
    removedAt: string | null;
    lastReading: { value: string; takenAt: string; source: string } | null;
    /** null for a replaced meter, which takes no sendings. */
    submission: Submission | null;
  }>;
}

export interface SentReading {
  id: string;
  value: string;
  isCorrection: boolean;
  idempotencyKey: string;
  submission: Submission;
}

export interface FeedReading {
  id: string;
  accountNumber: string;
  meterSerial: string;
  value: string;
  takenAt: string;
  period: string;
  source: string;
  isCorrection: boolean;
  idempotencyKey: string | null;
  sentBy: { kind: string; apiClientId: string | null; apiClientName: string | null };
}

const ISSUE_TOKEN = `mutation($id: String!, $secret: String!) {
  issueApiToken(clientId: $id, clientSecret: $secret) { accessToken expiresAt expiresIn }
}`;

const PARTNER_ACCOUNT = `query($number: String!) {
  partnerAccount(number: $number) {
    number holderName
    meters {
      serialNumber removedAt
      lastReading { value takenAt source }
      submission { period used remaining minimumValue reopensAt }
    }
  }
}`;

const SEND = `mutation($input: PartnerReadingInput!) {
  submitReadingForAccount(input: $input) {
    id value isCorrection idempotencyKey
    submission { period used remaining minimumValue reopensAt }
  }
}`;

const FEED = `query($after: String, $first: Int) {
  readingsFeed(after: $after, first: $first) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      id accountNumber meterSerial value takenAt period source isCorrection idempotencyKey
      sentBy { kind apiClientId apiClientName }
    } }
  }
}`;

/** Refusals of a request not done: it is sent again after the wait (a month's drain meets 429s). */
const RETRYABLE = new Set(["SERVICE_UNAVAILABLE", "RATE_LIMITED"]);
const ATTEMPTS = 5;
const SEND_ATTEMPTS = 3;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class PartnerClient {
  private token: { value: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly fetch: typeof fetch;
  /** How many tokens this client took (to see the renewal at work). */
  tokensIssued = 0;

  constructor(private readonly options: PartnerClientOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
    this.fetch = options.fetch ?? fetch;
  }

  /**
   * A token valid for at least `renewBeforeMs` more. Tokens live 5 minutes and have no refresh:
   * a new one is taken with the id and secret. The expiry is counted on the local clock from
   * `expiresIn`, so a skewed clock does not matter; one renewal at a time.
   */
  async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    this.pending ??= this.issue().finally(() => (this.pending = null));
    return this.pending;
  }

  private async issue(): Promise<string> {
    const before = this.now();
    const { issueApiToken } = await this.post<{
      issueApiToken: { accessToken: string; expiresIn: number };
    }>(ISSUE_TOKEN, { id: this.options.clientId, secret: this.options.clientSecret }, null);
    const renewBefore = this.options.renewBeforeMs ?? 30_000;
    this.token = {
      value: issueApiToken.accessToken,
      renewAt: before + issueApiToken.expiresIn * 1000 - renewBefore,
    };
    this.tokensIssued += 1;
    return this.token.value;
  }

  /** One operation with a valid token; a token refused anyway (revoked, clock) is renewed once. */
  async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    try {
      return await this.post<T>(query, variables, await this.accessToken());
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "UNAUTHENTICATED") throw error;
      this.token = null;
      return this.post<T>(query, variables, await this.accessToken());
    }
  }

  /** The account's meters, last readings and this month's windows; ACCOUNT_NOT_FOUND if unknown. */
  async account(number: string): Promise<PartnerAccount> {
    return (await this.request<{ partnerAccount: PartnerAccount }>(PARTNER_ACCOUNT, { number }))
      .partnerAccount;
  }

  /**
   * Sends a reading. One key per reading: when the answer is lost (network, or OUTCOME_UNKNOWN:
   * the server could not tell whether it committed), the same request with the same key is sent
   * again, and the server answers the first reading instead of using up the month's correction.
   * (503 and 429 mean nothing was stored; every request waits them out, see `post`.)
   */
  async sendReading(input: {
    accountNumber: string;
    meterSerial: string;
    value: string;
    idempotencyKey?: string;
  }): Promise<SentReading> {
    const sending = { ...input, idempotencyKey: input.idempotencyKey ?? randomUUID() };
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await this.request<{ submitReadingForAccount: SentReading }>(SEND, {
          input: sending,
        });
        return answer.submitReadingForAccount;
      } catch (error) {
        const lost = !(error instanceof ApiError) || error.code === "OUTCOME_UNKNOWN";
        if (!lost || attempt >= SEND_ATTEMPTS) throw error;
        await this.sleep(500 * attempt);
      }
    }
  }

  /**
   * Reads the feed from `after` (null: from the start) to its end, a page at a time, handing
   * each page to `onPage` before asking for the next; answers the cursor to keep for next time.
   */
  async drainFeed(
    after: string | null,
    onPage: (readings: FeedReading[]) => void | Promise<void>,
    first = 500,
  ): Promise<string | null> {
    let cursor = after;
    for (;;) {
      const { readingsFeed } = await this.request<{
        readingsFeed: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: Array<{ node: FeedReading }>;
        };
      }>(FEED, { after: cursor, first });
      await onPage(readingsFeed.edges.map((edge) => edge.node));
      cursor = readingsFeed.pageInfo.endCursor;
      if (!readingsFeed.pageInfo.hasNextPage) return cursor;
    }
  }

  /** One operation; a 429 or 503 is sent again after the wait it names (`retryAfterSeconds`). */
  private async post<T>(
    query: string,
    variables: Record<string, unknown>,
    token: string | null,
  ): Promise<T> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    const body = JSON.stringify({ query, variables });
    for (let attempt = 1; ; attempt++) {
      const response = await this.fetch(this.options.endpoint, { method: "POST", headers, body });
      const answer = (await response.json()) as {
        data?: T | null;
        errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
      };
      const error = answer.errors?.[0];
      if (!error) {
        if (!answer.data) throw new ApiError("INTERNAL", `HTTP ${response.status} without data`);
        return answer.data;
      }
      const extensions = error.extensions ?? {};
      const code = String(extensions.code ?? "INTERNAL");
      if (!RETRYABLE.has(code) || attempt >= ATTEMPTS) {
        throw new ApiError(code, error.message, extensions);
      }
      const seconds = extensions.retryAfterSeconds;
      await this.sleep(typeof seconds === "number" ? seconds * 1000 : 1000 * attempt);
    }
  }
}

const USAGE =
  "GAS_API=… GAS_CLIENT_ID=… GAS_CLIENT_SECRET=… npx ts-node examples/partner-client.ts " +
  "<account> <serial> <value> | feed [cursor]";

/** Sends a reading (scope readings:submit), or prints the feed after a cursor (readings:read). */
async function main(argv: string[]): Promise<void> {
  const { GAS_API, GAS_CLIENT_ID, GAS_CLIENT_SECRET } = process.env;
  if (!GAS_API || !GAS_CLIENT_ID || !GAS_CLIENT_SECRET) throw new Error(USAGE);
  const client = new PartnerClient({
    endpoint: GAS_API,
    clientId: GAS_CLIENT_ID,
    clientSecret: GAS_CLIENT_SECRET,
  });
  if (argv[0] === "feed") {
    const cursor = await client.drainFeed(argv[1] ?? null, (readings) => {
      for (const reading of readings) console.log(JSON.stringify(reading));
    });
    console.error(`next time: feed ${cursor ?? ""}`);
    return;
  }
  const [accountNumber, meterSerial, value] = argv;
  if (!accountNumber || !meterSerial || !value) throw new Error(USAGE);
  const account = await client.account(accountNumber);
  const meter = account.meters.find((m) => m.serialNumber === meterSerial);
  if (!meter?.submission)
    throw new Error(`No meter ${meterSerial} taking sendings on that account`);
  const { remaining, minimumValue, reopensAt } = meter.submission;
  console.log(`${account.holderName}: ${remaining} sending(s) left, at least ${minimumValue} m³`);
  if (remaining === 0) throw new Error(`The month's two sendings are used; reopens ${reopensAt}`);
  const sent = await client.sendReading({ accountNumber, meterSerial, value });
  console.log(`sent ${sent.value} m³ (${sent.isCorrection ? "a correction" : "the first"})`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
