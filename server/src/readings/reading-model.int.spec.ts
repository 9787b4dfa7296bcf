// T6 (docs/security.md) (model): fc.commands of sendings, corrections and inspector readings.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { createRegistryAccount, registration } from "../../test/factories";
import {
  codeOf,
  fieldOf,
  type GraphQLClient,
  type GraphQLResponse,
} from "../../test/graphql-client";
import {
  integratorClient,
  ISSUE_TOKEN,
  RECORD_READINGS,
  SUBMIT_FOR_ACCOUNT,
} from "../../test/integrator-operations";
import { ACCOUNT, LOGIN, SUBMIT, registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";

// The real app (GraphQL over HTTP, real database) against a plain model of the rules (PRODUCT,
// CON-1, CON-3, CON-4): per meter and Almaty month at most two counted sendings (subscriber or
// partner), the second a correction; each at least the minimum (the latest reading of any source
// for the first, the value the first was compared with for the correction); inspector readings
// count for "latest" but not against the limit, and may not be below the latest reading taken
// before them; a key already used by the same caller returns that caller's first reading for the
// same meter and value, and is IDEMPOTENCY_KEY_REUSED for another. After every command the answer (accepted or the code and its
// extensions) and both meters' windows and latest readings must equal the model's.
// Runs on SQLite and, with a mysql DATABASE_URL, on MariaDB.

const START = "2026-11-15T06:00:00Z";
const NUM_RUNS = Number(process.env.MODEL_RUNS ?? 12);
const LIMIT = 2;
// Almaty has been UTC+5 since 2024-03-01; the model's own calendar (the app's is ICU's).
const ALMATY_OFFSET_MS = 5 * 3600_000;

type Milli = bigint;

interface MeterModel {
  /** Every reading, for "latest": by time taken, then insertion order (the app: then id). */
  readings: Array<{ value: Milli; takenAt: number; seq: number; source: string }>;
  /** Counted sendings per period, in slot order, with the value each was compared with. */
  sendings: Map<string, Array<{ value: Milli; minimum: Milli }>>;
}

interface Model {
  now: number;
  seq: number;
  meters: MeterModel[];
  /** Accepted sendings by `${caller}:${key}`: what a retry with the key gets back. */
  keys: Map<
    string,
    { meter: number; id: string; value: string; period: string; correction: boolean }
  >;
  /** The outcomes so far, for the scripted run. */
  outcomes: string[];
}

interface Real {
  run: number;
  subscriber: GraphQLClient;
  credentials: { email: string; password: string };
  partner: GraphQLClient;
  accountNumber: string;
  meterIds: string[];
  serials: string[];
}

const format = (milli: Milli) => `${milli / 1000n}.${String(milli % 1000n).padStart(3, "0")}`;

function periodAt(instant: number): string {
  const local = new Date(instant + ALMATY_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The first instant of the month after `period`, Almaty midnight. */
function periodEndAt(period: string): number {
  const [year, month] = period.split("-").map(Number);
  return Date.UTC(year, month, 1) - ALMATY_OFFSET_MS;
}

function latest(meter: MeterModel) {
  return meter.readings.reduce((a, b) =>
    b.takenAt > a.takenAt || (b.takenAt === a.takenAt && b.seq > a.seq) ? b : a,
  );
}

function window(model: Model, index: number) {
  const meter = model.meters[index];
  const period = periodAt(model.now);
  const sendings = meter.sendings.get(period) ?? [];
  const used = Math.min(sendings.length, LIMIT);
  const minimum = sendings.length > 0 ? sendings[0].minimum : latest(meter).value;
  return {
    period,
    used,
    remaining: LIMIT - used,
    minimum,
    reopensAt: used === LIMIT ? new Date(periodEndAt(period)).toISOString() : null,
  };
}

/** What the model says about a sending, and the change it makes when accepted. */
function expectSending(
  model: Model,
  caller: string,
  meter: number,
  value: Milli,
  key: string | null,
) {
  const first = key === null ? undefined : model.keys.get(`${caller}:${key}`);
  if (first) {
    return first.meter === meter && first.value === format(value)
      ? ({ kind: "replay", first } as const)
      : ({ kind: "refuse", code: "IDEMPOTENCY_KEY_REUSED", field: "idempotencyKey" } as const);
  }
  const w = window(model, meter);
  if (w.remaining === 0) {
    return { kind: "refuse", code: "MONTHLY_LIMIT_REACHED", reopensAt: w.reopensAt } as const;
  }
  if (value < w.minimum) {
    return {
      kind: "refuse",
      code: "READING_BELOW_PREVIOUS",
      minimumValue: format(w.minimum),
    } as const;
  }
  return { kind: "accept", period: w.period, correction: w.used > 0, minimum: w.minimum } as const;
}

/** Sends (subscriber or partner) and checks the answer against the model, then updates it. */
async function send(
  model: Model,
  caller: "user" | "client",
  meter: number,
  value: Milli,
  key: string | null,
  request: () => Promise<GraphQLResponse<any>>,
  field: string,
  source: string,
): Promise<void> {
  const expected = expectSending(model, caller, meter, value, key);
  model.outcomes.push(
    expected.kind === "refuse"
      ? expected.code
      : expected.kind === "replay"
        ? "REPLAY"
        : expected.correction
          ? "CORRECTION"
          : "FIRST",
  );
  const response = await request();
  const reading = response.data?.[field];
  switch (expected.kind) {
    case "replay":
      expect(response.errors).toBeUndefined();
      expect(reading).toMatchObject({
        id: expected.first.id,
        value: expected.first.value,
        period: expected.first.period,
        isCorrection: expected.first.correction,
      });
      return;
    case "refuse": {
      expect(codeOf(response)).toBe(expected.code);
      const extensions = response.errors![0].extensions!;
      if (expected.code === "IDEMPOTENCY_KEY_REUSED") {
        expect(fieldOf(response)).toBe(expected.field);
      } else expect(fieldOf(response)).toBe("value");
      if (expected.code === "MONTHLY_LIMIT_REACHED") {
        expect(extensions.reopensAt).toBe(expected.reopensAt);
      }
      if (expected.code === "READING_BELOW_PREVIOUS") {
        expect(extensions.minimumValue).toBe(expected.minimumValue);
      }
      return;
    }
    case "accept": {
      expect(response.errors).toBeUndefined();
      expect(reading).toMatchObject({
        value: format(value),
        period: expected.period,
        isCorrection: expected.correction,
        source,
      });
      const m = model.meters[meter];
      m.readings.push({ value, takenAt: model.now, seq: ++model.seq, source });
      const sendings = m.sendings.get(expected.period) ?? [];
      sendings.push({ value, minimum: expected.minimum });
      m.sendings.set(expected.period, sendings);
      if (key !== null) {
        model.keys.set(`${caller}:${key}`, {
          meter,
          id: reading.id,
          value: reading.value,
          period: expected.period,
          correction: expected.correction,
        });
      }
    }
  }
}

/** Both meters as the subscriber sees them: window and latest reading, against the model. */
async function checkMeters(model: Model, real: Real): Promise<void> {
  const { account } = await real.subscriber.ok(ACCOUNT, { number: real.accountNumber, first: 1 });
  const seen = account.meters.map((m: any) => ({
    id: m.id,
    submission: m.submission,
    latest: [m.readings.edges[0].node.value, m.readings.edges[0].node.source],
  }));
  const expected = model.meters.map((meter, i) => {
    const w = window(model, i);
    const last = latest(meter);
    return {
      id: real.meterIds[i],
      submission: {
        period: w.period,
        used: w.used,
        remaining: w.remaining,
        minimumValue: format(w.minimum),
        reopensAt: w.reopensAt,
      },
      latest: [format(last.value), last.source],
    };
  });
  expect(seen).toEqual(expected);
}

type Command = fc.AsyncCommand<Model, Real>;
const clamp = (milli: Milli) => (milli < 0n ? 0n : milli);
const keyOf = (real: Real, key: string | null) => (key === null ? null : `run${real.run}-${key}`);

/** A subscriber's sending: the first of the month, or any other (the app decides). */
class Send implements Command {
  constructor(
    readonly meter: number,
    readonly delta: number,
    readonly key: string | null,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const value = clamp(window(model, this.meter).minimum + BigInt(this.delta));
    const key = keyOf(real, this.key);
    await send(
      model,
      "user",
      this.meter,
      value,
      key,
      () =>
        real.subscriber.request(SUBMIT, {
          // A keyless command of the model is a sending with a key never used before.
          input: {
            meterId: real.meterIds[this.meter],
            value: format(value),
            idempotencyKey: key ?? randomUUID(),
          },
        }),
      "submitReading",
      "SUBSCRIBER",
    );
    await checkMeters(model, real);
  }
  toString = () =>
    `send(m${this.meter}, min${this.delta >= 0 ? "+" : ""}${this.delta}, ${this.key})`;
}

/** The subscriber corrects this month's first sending (up or down). */
class Correct implements Command {
  constructor(
    readonly meter: number,
    readonly delta: number,
  ) {}
  check = (model: Readonly<Model>) => window(model as Model, this.meter).used === 1;
  async run(model: Model, real: Real) {
    const [first] = model.meters[this.meter].sendings.get(periodAt(model.now))!;
    const value = clamp(first.value + BigInt(this.delta));
    await send(
      model,
      "user",
      this.meter,
      value,
      null,
      () =>
        real.subscriber.request(SUBMIT, {
          input: { meterId: real.meterIds[this.meter], value: format(value) },
        }),
      "submitReading",
      "SUBSCRIBER",
    );
    await checkMeters(model, real);
  }
  toString = () => `correct(m${this.meter}, first${this.delta >= 0 ? "+" : ""}${this.delta})`;
}

/** A partner's sending for the subscriber (same limit, its own keys). */
class PartnerSend implements Command {
  constructor(
    readonly meter: number,
    readonly delta: number,
    readonly key: string,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const value = clamp(window(model, this.meter).minimum + BigInt(this.delta));
    const key = keyOf(real, this.key)!;
    await send(
      model,
      "client",
      this.meter,
      value,
      key,
      () =>
        real.partner.request(SUBMIT_FOR_ACCOUNT, {
          input: {
            accountNumber: real.accountNumber,
            meterSerial: real.serials[this.meter],
            value: format(value),
            idempotencyKey: key,
          },
        }),
      "submitReadingForAccount",
      "PARTNER",
    );
    await checkMeters(model, real);
  }
  toString = () =>
    `partner(m${this.meter}, min${this.delta >= 0 ? "+" : ""}${this.delta}, ${this.key})`;
}

/** An inspector's reading from the registry sync, taken now or some minutes ago. */
class Inspector implements Command {
  constructor(
    readonly meter: number,
    readonly delta: number,
    readonly minutesAgo: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const meter = model.meters[this.meter];
    const value = clamp(latest(meter).value + BigInt(this.delta));
    const takenAt = model.now - this.minutesAgo * 60_000;
    const before = meter.readings.filter((r) => r.takenAt <= takenAt);
    const previous = before.length > 0 ? latest({ ...meter, readings: before }) : null;
    const seq = ++model.seq;
    const result = await real.partner.ok(RECORD_READINGS, {
      items: [
        {
          externalId: `run${real.run}-inspector-${seq}`,
          meterSerial: real.serials[this.meter],
          value: format(value),
          takenAt: new Date(takenAt).toISOString(),
          source: "INSPECTOR",
        },
      ],
    });
    if (previous && value < previous.value) {
      expect(result.recordReadings.items[0]).toMatchObject({
        status: "REJECTED",
        code: "READING_BELOW_PREVIOUS",
        field: "value",
      });
      return;
    }
    expect(result.recordReadings.items[0].status).toBe("CREATED");
    meter.readings.push({ value, takenAt, seq, source: "INSPECTOR" });
    await checkMeters(model, real);
  }
  toString = () =>
    `inspector(m${this.meter}, latest${this.delta >= 0 ? "+" : ""}${this.delta}, -${this.minutesAgo}min)`;
}

/** The clock moves on: some hours, or to the next Almaty month (at or after its midnight). */
class Later implements Command {
  constructor(
    readonly hours: number,
    readonly nextMonthPlusMinutes: number | null,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    model.now =
      this.nextMonthPlusMinutes === null
        ? model.now + this.hours * 3600_000
        : periodEndAt(periodAt(model.now)) + this.nextMonthPlusMinutes * 60_000;
    t.clock.set(new Date(model.now));
    await signIn(real); // tokens are checked against the app's clock
    await checkMeters(model, real);
  }
  toString = () =>
    this.nextMonthPlusMinutes === null
      ? `later(${this.hours}h)`
      : `nextMonth(+${this.nextMonthPlusMinutes}min)`;
}

const meterArb = fc.constantFrom(0, 1);
const deltaArb = fc.oneof(
  fc.constantFrom(-1, 0, 1, -1000),
  fc.integer({ min: -5_000, max: 60_000 }),
);
const keyArb = fc.constantFrom("key-a", "key-b", "key-c");
const sendArb = fc
  .tuple(meterArb, deltaArb, fc.option(keyArb))
  .map(([m, d, k]) => new Send(m, d, k));
const partnerSendArb = fc
  .tuple(meterArb, deltaArb, keyArb)
  .map(([m, d, k]) => new PartnerSend(m, d, k));
// Sendings are drawn more often than the rest (fc.commands picks among these uniformly).
const commands = [
  sendArb,
  sendArb,
  sendArb,
  partnerSendArb,
  partnerSendArb,
  fc.tuple(meterArb, fc.integer({ min: -3_000, max: 3_000 })).map(([m, d]) => new Correct(m, d)),
  fc
    .tuple(meterArb, fc.integer({ min: -2_000, max: 40_000 }), fc.constantFrom(0, 0, 5, 90, 3000))
    .map(([m, d, ago]) => new Inspector(m, d, ago)),
  fc.oneof(
    fc.integer({ min: 1, max: 240 }).map((h) => new Later(h, null)),
    fc.constantFrom(0, 0, 1, 600).map((minutes) => new Later(0, minutes)),
  ),
];

let t: TestApp;
let partner: Awaited<ReturnType<typeof integratorClient>>;
let runs = 0;

async function signIn(real: Real): Promise<void> {
  const login = await real.subscriber.ok(LOGIN, {
    input: { ...real.credentials, rememberMe: false },
  });
  real.subscriber.accessToken = login.login.accessToken;
  const token = await partner.client.ok(ISSUE_TOKEN, {
    clientId: partner.clientId,
    clientSecret: partner.secret,
  });
  partner.client.accessToken = token.issueApiToken.accessToken;
}

/** A fresh account with two meters (last read 1500 and 200 m³) and its subscriber, at START. */
async function setup(): Promise<{ model: Model; real: Real }> {
  t.clock.set(START);
  // Each run starts at START again; the shared limits (rate_limits: a bucket "full again at", a
  // minute's points) assume time only moves forward, so the partner's would look spent.
  await t.db.dataSource.query("DELETE FROM rate_limits");
  const account = await createRegistryAccount(t.db.dataSource, {
    meters: [
      { readings: [["1500.000", "2026-10-25T05:00:00Z"]] },
      { readings: [["200.000", "2026-10-20T05:00:00Z"]] },
    ],
  });
  const subscriber = t.client();
  const input = registration(account);
  await registerAndLogin(subscriber, input);
  const real: Real = {
    run: ++runs,
    subscriber,
    credentials: { email: input.email, password: input.password },
    partner: partner.client,
    accountNumber: account.account.number,
    meterIds: account.meters.map((m) => String(m.id)),
    serials: account.meters.map((m) => m.serialNumber),
  };
  await signIn(real);
  const model: Model = {
    now: Date.parse(START),
    seq: 0,
    meters: [
      {
        readings: [
          {
            value: 1_500_000n,
            takenAt: Date.parse("2026-10-25T05:00:00Z"),
            seq: 0,
            source: "INSPECTOR",
          },
        ],
        sendings: new Map(),
      },
      {
        readings: [
          {
            value: 200_000n,
            takenAt: Date.parse("2026-10-20T05:00:00Z"),
            seq: 0,
            source: "INSPECTOR",
          },
        ],
        sendings: new Map(),
      },
    ],
    keys: new Map(),
    outcomes: [],
  };
  return { model, real };
}

beforeAll(async () => {
  t = await startTestApp({ now: START });
  partner = await integratorClient(t, ["readings:submit", "registry:write"], "Model partner");
});
afterAll(() => t.close());

describe("sendings against the model (T6)", () => {
  it("answers and windows equal the model's after every command", async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 24, size: "medium" }), (cmds) =>
        fc.asyncModelRun(setup, cmds),
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it("the model is not vacuous: a known sequence goes through every outcome", async () => {
    const { model, real } = await setup();
    const script: Command[] = [
      new Send(0, -1, null), // below the latest reading
      new Send(0, 100_000, "key-a"), // first sending
      new Send(0, 100_000, "key-a"), // a retry: the first reading again, no slot used
      new Send(0, 5, "key-a"), // the key with another value
      new Send(1, 0, "key-a"), // the key on another meter
      new Inspector(0, 20_000, 0), // counts as latest, not against the limit
      new Correct(0, -50_000), // down, still above the minimum (1500)
      new PartnerSend(0, 10, "key-b"), // third: the limit
      new Later(0, 0), // Almaty midnight: a new month
      new Send(0, 0, null),
    ];
    for (const command of script) await command.run(model, real);
    expect(model.outcomes).toEqual([
      "READING_BELOW_PREVIOUS",
      "FIRST",
      "REPLAY",
      "IDEMPOTENCY_KEY_REUSED",
      "IDEMPOTENCY_KEY_REUSED",
      "CORRECTION",
      "MONTHLY_LIMIT_REACHED",
      "FIRST",
    ]);
    expect(window(model, 0)).toMatchObject({ period: "2026-12", used: 1, minimum: 1_550_000n });
  });
});
