import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Connection } from "mysql2/promise";
import type { DataSource } from "typeorm";
import { createRegistryAccount, type RegistryAccount, registration } from "../factories";
import { GraphQLClient } from "../graphql-client";
import { ACCOUNTS_SCREEN, LOGIN, REGISTER, SUBMIT } from "../operations";

/** A registry account whose meters last read 1,500 m³ in October 2026. */
export const accountWithMeters = (dataSource: DataSource, meters: number) =>
  createRegistryAccount(dataSource, {
    meters: Array.from({ length: meters }, () => ({
      readings: [["1500.000", "2026-10-25T05:00:00Z"]] as Array<[string, string]>,
    })),
  });

/** An address of its own (198.18.0.0/15) for each client: the per-address limits stay apart. */
let addresses = 0;
export function nextAddress(): string {
  addresses += 1;
  return `198.18.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
}

export interface Subscriber {
  client: GraphQLClient;
  meterIds: string[];
  accountNumber: string;
}

/**
 * A registry account with `meters` meters, and a subscriber registered with it and logged in
 * through `endpoint` (HAProxy), from an address of its own.
 */
export async function subscriberWithMeters(
  dataSource: DataSource,
  endpoint: string,
  meters: number,
  /** An account already made (several subscribers of one account); else a new one. */
  existing?: RegistryAccount,
): Promise<Subscriber> {
  const registry = existing ?? (await accountWithMeters(dataSource, meters));
  const client = new GraphQLClient(endpoint);
  client.headers["x-forwarded-for"] = nextAddress();
  const input = registration(registry);
  await client.ok(REGISTER, { input });
  const login = await client.ok(LOGIN, {
    input: { email: input.email, password: input.password, rememberMe: false },
  });
  client.accessToken = login.login.accessToken;
  const screen = await client.ok(ACCOUNTS_SCREEN);
  const meterIds: string[] = screen.me.accounts.flatMap((a: { meters: Array<{ id: string }> }) =>
    a.meters.map((m) => m.id),
  );
  return { client, meterIds, accountNumber: input.accountNumber as string };
}

/** What one HTTP answer to a sending was, before any retry by the client. */
export type Outcome =
  | "ok"
  | "MONTHLY_LIMIT_REACHED"
  | "retryable" // 503 / 502 / 504 / 429, or the connection failed
  | "other";

export interface LoadReport {
  /** Keys acknowledged with a reading (200 and data). */
  acknowledged: string[];
  /** Every key sent at least once. */
  sent: string[];
  /** First tries and retries that did not come back OK, by what they were. */
  failures: Array<{ status: number; code: unknown; message: string }>;
  attempts: number;
  elapsedMs: number;
}

export const emptyReport = (): LoadReport => ({
  acknowledged: [],
  sent: [],
  failures: [],
  attempts: 0,
  elapsedMs: 0,
});

/** Every subscriber sends `value` to each of its meters once, all at once; the seconds it took. */
export async function sendToEveryMeter(
  subscribers: Subscriber[],
  value: string,
  report: LoadReport,
): Promise<number> {
  const t0 = Date.now();
  await Promise.all(
    subscribers.map(async (s) => {
      for (const meterId of s.meterIds) await sendWithRetry(s.client, meterId, value, report);
    }),
  );
  return (Date.now() - t0) / 1000;
}

/** Every acknowledged key stored exactly once, nothing stored that was not sent. */
export async function storedOnce(connection: Connection, report: LoadReport) {
  const keys = [...new Set(report.sent)];
  const rows: Array<{ k: string; n: number | string }> = keys.length
    ? ((
        await connection.query(
          "SELECT idempotency_key AS k, COUNT(*) AS n FROM readings WHERE idempotency_key IN (?) GROUP BY idempotency_key",
          [keys],
        )
      )[0] as never)
    : [];
  const counts = new Map(rows.map((r) => [r.k, Number(r.n)]));
  const acknowledged = new Set(report.acknowledged);
  return {
    acknowledged: acknowledged.size,
    stored: rows.length,
    storedTwice: rows.filter((r) => Number(r.n) > 1).length,
    acknowledgedMissing: [...acknowledged].filter((k) => counts.get(k) !== 1).length,
    storedNotAcknowledged: rows.filter((r) => !acknowledged.has(r.k)).length,
  };
}

/** One sending with the client's retry: the same key until acknowledged (or `maxTries`). */
export async function sendWithRetry(
  client: GraphQLClient,
  meterId: string,
  value: string,
  report: LoadReport,
  maxTries = 8,
): Promise<Outcome> {
  const key = randomUUID();
  report.sent.push(key);
  for (let attempt = 1; attempt <= maxTries; attempt++) {
    report.attempts += 1;
    let status = 0;
    let code: unknown;
    let message = "";
    try {
      const response = await client.request(SUBMIT, {
        input: { meterId, value, idempotencyKey: key },
      });
      status = response.status;
      code = response.errors?.[0]?.extensions?.code;
      message = response.errors?.[0]?.message ?? "";
      if (status === 200 && response.data?.submitReading) {
        report.acknowledged.push(key);
        return "ok";
      }
      if (code === "MONTHLY_LIMIT_REACHED") return "MONTHLY_LIMIT_REACHED";
    } catch (error) {
      message = String(error);
    }
    report.failures.push({ status, code, message });
    const retryable = [0, 429, 502, 503, 504].includes(status);
    if (!retryable) return "other";
    await sleep(200 * attempt);
  }
  return "retryable";
}

/**
 * Each subscriber sends, one after another, two readings to each of its meters (the month's two
 * slots) until `stop()` says so or its meters are used up, pausing `pauseMs` between sendings.
 */
export function keepSending(subscribers: Subscriber[], pauseMs: number) {
  const report = emptyReport();
  let stopped = false;
  const started = Date.now();
  const outcomes: Outcome[] = [];
  const done = Promise.all(
    subscribers.map(async (s, i) => {
      await sleep((pauseMs * i) / subscribers.length);
      for (const slotValue of ["1600.000", "1601.000"]) {
        for (const meterId of s.meterIds) {
          if (stopped) return;
          outcomes.push(await sendWithRetry(s.client, meterId, slotValue, report));
          await sleep(pauseMs);
        }
      }
    }),
  ).then(() => {
    report.elapsedMs = Date.now() - started;
    return { report, outcomes };
  });
  return {
    report,
    stop: () => {
      stopped = true;
      return done;
    },
    done,
  };
}
