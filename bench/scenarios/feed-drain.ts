import { request as httpRequest } from "node:http";
import type { DataSource } from "typeorm";
import { AccountEntity } from "../../server/src/accounts/account.entity";
import { bulkInsert } from "../../server/src/db/bulk-insert";
import { RATE_LIMIT_TABLE } from "../../server/src/db/limiter-table";
import { ApiClientsService } from "../../server/src/integrators/api-clients.service";
import {
  CLIENT_BUDGET_POINTS,
  CLIENT_BUDGET_REFILL_PER_SECOND,
} from "../../server/src/integrators/client-budget";
import { IntegratorTokens } from "../../server/src/integrators/integrator-token";
import { MeterEntity } from "../../server/src/readings/meter.entity";
import { ReadingEntity } from "../../server/src/readings/reading.entity";
import { systemClock } from "../../server/src/core/clock";
import { ReadingSource } from "../../server/src/core/enums";

export interface FeedDrainFigures {
  readings: number;
  pageSize: number;
  pages: number;
  /** Wall time of the drain, the bucket refilled at once when low (no waiting). */
  seconds: number;
  /** Points the server charged (`extensions.cost.requested`), the last empty poll included. */
  points: number;
  pointsPerRow: number;
  /** An empty poll at the end of the feed (`first: pageSize`). */
  emptyPollPoints: number;
  /** How long a client needs at the budget's refill rate (the first bucket full). */
  secondsAtRefillRate: number;
  /** A full page's body: as JSON, and as sent to a client that accepts br. */
  pageBytes: number;
  pageBytesBr: number;
}

const MONTHS = 24;
const PAGE = 500;

/** `months` periods back from 2026-10: "2026-10", "2026-09", … */
const periods = Array.from({ length: MONTHS }, (_, k) => {
  const month = 2026 * 12 + 9 - k;
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
});

/** `count` subscriber sendings in the feed (feed_seq 1…count), 24 months of `count / 24` meters. */
async function fillFeed(dataSource: DataSource, count: number): Promise<void> {
  const meters = Math.ceil(count / MONTHS);
  const now = new Date();
  const numbers = Array.from({ length: meters }, (_, k) => `8${String(k + 1).padStart(9, "0")}`);
  for (let i = 0; i < numbers.length; i += 4000) {
    await bulkInsert(
      dataSource.manager,
      AccountEntity,
      numbers.slice(i, i + 4000).map((number) => ({
        number,
        holderName: "Абонент",
        address: "г. Алматы",
        ownerBin: null,
        createdAt: now,
        updatedAt: now,
      })),
    );
  }
  const accounts: Array<{ id: number }> = await dataSource.query(
    "SELECT id FROM accounts WHERE number LIKE '8%' ORDER BY id",
  );
  for (let i = 0; i < accounts.length; i += 4000) {
    await bulkInsert(
      dataSource.manager,
      MeterEntity,
      accounts.slice(i, i + 4000).map((a) => ({
        accountId: Number(a.id),
        serialNumber: `D-${a.id}`,
        installedAt: now,
        removedAt: null,
      })),
    );
  }
  const meterIds: number[] = (
    (await dataSource.query(
      "SELECT id FROM meters WHERE serial_number LIKE 'D-%' ORDER BY id",
    )) as Array<{
      id: number;
    }>
  ).map((m) => Number(m.id));
  let seq = 0;
  let batch: Array<Partial<ReadingEntity>> = [];
  for (const period of periods) {
    for (const meterId of meterIds) {
      if (seq >= count) break;
      seq++;
      batch.push({
        meterId,
        valueMilli: BigInt(seq) * 1000n,
        takenAt: now,
        period,
        source: ReadingSource.SUBSCRIBER,
        slot: 1,
        isCorrection: false,
        previousValueMilli: null,
        submittedByUserId: null,
        caller: null,
        idempotencyKey: null,
        externalId: null,
        createdAt: now,
        feedSeq: BigInt(seq),
      });
      if (batch.length === 4000) {
        await bulkInsert(dataSource.manager, ReadingEntity, batch);
        batch = [];
      }
    }
  }
  await bulkInsert(dataSource.manager, ReadingEntity, batch);
  await dataSource.query("UPDATE feed_sequence SET value = ? WHERE name = 'readings'", [count]);
}

interface Answer {
  data?: {
    issueApiToken?: { accessToken: string };
    readingsFeed?: { edges: unknown[]; pageInfo: { endCursor: string | null } };
  };
  errors?: Array<{ extensions?: { code?: string; reason?: string } }>;
  extensions?: { cost?: { requested: number; remaining: number } };
}

function post(url: string, query: string, variables: object, token?: string, encoding = "br") {
  return fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "accept-encoding": encoding,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
}

async function graphql(url: string, query: string, variables: object, token?: string) {
  return (await (await post(url, query, variables, token)).json()) as Answer;
}

/** Bytes of a full page's body as sent, with `encoding` accepted (fetch would decode it). */
function pageBytes(url: string, token: string, encoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: FEED, variables: { first: PAGE } });
    const request = httpRequest(
      `${url}/graphql`,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "accept-encoding": encoding,
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => resolve(bytes));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const FEED = `query Feed($after: String, $first: Int) {
  readingsFeed(after: $after, first: $first) {
    edges { cursor node { id accountNumber meterSerial value takenAt period source isCorrection } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * Scenario 11: an integrator pages the whole feed (`count` sendings) at 500 a page, on the full
 * stack. The budget (RL-7) would make it wait; the benchmark refills the client's bucket when it
 * runs low instead (its row in the limiter table), so the wall time is the server's, and the
 * time at the refill rate is worked out from the points charged.
 */
export async function feedDrain(
  dataSource: DataSource,
  url: string,
  count: number,
  log: (line: string) => void,
): Promise<FeedDrainFigures> {
  log(`  filling the feed with ${count} sendings …`);
  await fillFeed(dataSource, count);
  const clients = new ApiClientsService(dataSource, systemClock, new IntegratorTokens("unused"));
  const { client, secret } = await clients.create("feed drain", ["readings:read"]);
  // A token lives 5 minutes: renewed when the server says it expired, as a client would.
  const issue = async () => {
    const issued = await graphql(
      url,
      "mutation T($id: String!, $secret: String!) { issueApiToken(clientId: $id, clientSecret: $secret) { accessToken } }",
      { id: client.clientId, secret },
    );
    const accessToken = issued.data?.issueApiToken?.accessToken;
    if (!accessToken) throw new Error(`issueApiToken failed: ${JSON.stringify(issued.errors)}`);
    return accessToken;
  };
  let token = await issue();
  const refill = () =>
    dataSource.query(`DELETE FROM ${RATE_LIMIT_TABLE} WHERE \`key\` = ?`, [
      `apiclient:${client.id}`,
    ]);

  let after: string | null = null;
  let pages = 0;
  let rows = 0;
  let points = 0;
  let emptyPollPoints = 0;
  const started = process.hrtime.bigint();
  for (;;) {
    const answer = await graphql(url, FEED, { after, first: PAGE }, token);
    if (answer.errors?.[0].extensions?.reason === "TOKEN_EXPIRED") {
      token = await issue();
      continue;
    }
    if (answer.errors?.length) {
      if (answer.errors[0].extensions?.code !== "RATE_LIMITED") {
        throw new Error(`feed page refused: ${JSON.stringify(answer.errors)}`);
      }
      await refill();
      continue;
    }
    const page = answer.data!.readingsFeed!;
    const charged = answer.extensions?.cost?.requested ?? 0;
    pages++;
    points += charged;
    rows += page.edges.length;
    after = page.pageInfo.endCursor;
    if (pages % 200 === 0) {
      const at = Number(process.hrtime.bigint() - started) / 1e9;
      log(`  … ${rows} readings in ${pages} pages, ${at.toFixed(1)} s`);
    }
    if ((answer.extensions?.cost?.remaining ?? 0) < PAGE + 10) await refill();
    if (page.edges.length === 0) {
      emptyPollPoints = charged;
      break;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (rows !== count) throw new Error(`the drain saw ${rows} readings of ${count}`);
  await refill();
  const bytes = await pageBytes(url, token, "identity");
  await refill();
  const bytesBr = await pageBytes(url, token, "br");
  return {
    readings: rows,
    pageSize: PAGE,
    pages,
    seconds,
    points,
    pointsPerRow: points / rows,
    emptyPollPoints,
    secondsAtRefillRate:
      Math.max(0, points - CLIENT_BUDGET_POINTS) / CLIENT_BUDGET_REFILL_PER_SECOND,
    pageBytes: bytes,
    pageBytesBr: bytesBr,
  };
}
