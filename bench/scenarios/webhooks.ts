import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { systemClock } from "../../server/src/core/clock";
import { ApiClientsService } from "../../server/src/integrators/api-clients.service";
import { IntegratorTokens } from "../../server/src/integrators/integrator-token";
import { verifySignature } from "../../server/src/webhooks/webhook-signature.rules";
import type { LoadResult } from "../load/load";
import { benchSecrets, startFullStack } from "../servers";
import { resetSendings, type BenchContext } from "./context";
import { underLoad } from "./mixed";

export interface WebhookBench {
  rate: number;
  seconds: number;
  load: LoadResult;
  /** Webhooks, each told of every sending. */
  endpoints: number;
  /** Sendings committed during the run, and the deliveries the receiver got for them. */
  sendings: number;
  delivered: number;
  /** Committed sendings never delivered, and deliveries of no committed sending. */
  missing: number;
  stray: number;
  duplicates: number;
  badSignatures: number;
  /** From the reading's time to its delivery's arrival, ms. */
  lagMs: { p50: number; p95: number; max: number };
  /** Deliveries a second, from the first to the last arrival. */
  deliveriesPerSecond: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0;

/** Webhooks registered (the most a client may have): every sending is delivered this often. */
const ENDPOINTS = 10;

/** A receiver on loopback (`/hooks/<n>`, one path a webhook) that answers 204. */
async function receiver(secrets: Map<string, string>) {
  const arrivals = new Map<string, number>();
  const lags: number[] = [];
  let duplicates = 0;
  let badSignatures = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const now = Date.now();
      const header = String(req.headers["gas-signature"] ?? "");
      const secret = secrets.get(req.url ?? "") ?? "";
      if (!verifySignature(secret, header, body, Math.floor(now / 1000))) badSignatures++;
      const event = JSON.parse(body) as { id: string; data: { reading: { takenAt: string } } };
      const key = `${req.url} ${event.id}`;
      if (arrivals.has(key)) duplicates++;
      else arrivals.set(key, now);
      lags.push(now - Date.parse(event.data.reading.takenAt));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    lags,
    counts: () => ({ duplicates, badSignatures }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function graphql(url: string, query: string, variables: object, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped GraphQL JSON
  const answer = (await response.json()) as { data?: any; errors?: unknown };
  if (answer.errors) throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

/**
 * Scenario 12: the month-end mix (scenario 6's) with a webhook on every reading, the receiver on
 * this machine. A loopback receiver needs WEBHOOK_ALLOW_LOOPBACK, which production refuses, so
 * this server runs the same build with NODE_ENV=development (every other setting as the full
 * stack's); the production server stops first so that only this one dispatches.
 */
export async function webhookThroughput(
  context: BenchContext,
  databaseUrl: string,
  rate: number,
): Promise<WebhookBench> {
  const { options, dataSource, log } = context;
  await context.servers.full.stop();
  const secrets = new Map<string, string>();
  const hooks = await receiver(secrets);
  const url = new URL(context.servers.full.url);
  const server = await startFullStack(databaseUrl, Number(url.port), {
    NODE_ENV: "development",
    WEBHOOK_ALLOW_LOOPBACK: "true",
  });
  try {
    const clients = new ApiClientsService(
      dataSource,
      systemClock,
      new IntegratorTokens(benchSecrets.integrator, null),
    );
    const issued = await clients.create(`Bench webhooks ${Date.now()}`, ["readings:read"]);
    const token = (
      await graphql(
        server.url,
        "mutation($id: String!, $secret: String!) { issueApiToken(clientId: $id, clientSecret: $secret) { accessToken } }",
        { id: issued.client.clientId, secret: issued.secret },
      )
    ).issueApiToken.accessToken;
    for (let i = 0; i < ENDPOINTS; i++) {
      const path = `/hooks/${i}`;
      const registered = await graphql(
        server.url,
        "mutation($url: String!) { registerWebhook(url: $url, events: [READING_SUBMITTED, READING_CORRECTED]) { secret } }",
        { url: hooks.url + path },
        token,
      );
      secrets.set(path, registered.registerWebhook.secret);
    }
    await resetSendings(dataSource);
    const [{ last }] = await dataSource.query("SELECT COALESCE(MAX(id), 0) AS last FROM readings");
    const { result } = await underLoad(context, server, rate);
    // Requests the generator stopped waiting for may still commit: the committed sendings are
    // read again until every one has arrived (or the time is up).
    const committed = async () =>
      (
        (await dataSource.query("SELECT id FROM readings WHERE id > ? AND slot IS NOT NULL", [
          Number(last),
        ])) as Array<{ id: number | string }>
      ).flatMap((row) => [...secrets.keys()].map((path) => `${path} evt_reading_${row.id}`));
    const deadline = Date.now() + (options.quick ? 15_000 : 60_000);
    let ids = await committed();
    while (ids.some((id) => !hooks.arrivals.has(id)) && Date.now() < deadline) {
      await sleep(250);
      ids = await committed();
    }
    const sendings = ids.length / ENDPOINTS;
    const missing = ids.filter((id) => !hooks.arrivals.has(id)).length;
    const expected = new Set(ids);
    const stray = [...hooks.arrivals.keys()].filter((id) => !expected.has(id)).length;
    const times = [...hooks.arrivals.values()].sort((a, b) => a - b);
    const lags = [...hooks.lags].sort((a, b) => a - b);
    const span = times.length > 1 ? (times[times.length - 1] - times[0]) / 1000 : 1;
    const bench: WebhookBench = {
      rate,
      seconds: options.size.mixedSeconds,
      load: result,
      endpoints: ENDPOINTS,
      sendings,
      delivered: hooks.arrivals.size,
      missing,
      stray,
      ...hooks.counts(),
      lagMs: { p50: percentile(lags, 0.5), p95: percentile(lags, 0.95), max: lags.at(-1) ?? 0 },
      deliveriesPerSecond: times.length / Math.max(span, 0.001),
    };
    log(
      `  webhooks at ${rate}/s: ${bench.delivered}/${sendings} × ${ENDPOINTS} delivered (missing ${missing}, ` +
        `stray ${stray}), ` +
        `${bench.deliveriesPerSecond.toFixed(0)}/s, lag p50 ${bench.lagMs.p50} ms p95 ` +
        `${bench.lagMs.p95} ms; HTTP p95 ${result.p95.toFixed(1)} ms, errors ${result.errors}`,
    );
    return bench;
  } finally {
    await server.stop();
    await hooks.close();
    await resetSendings(dataSource);
  }
}

export function webhookMarkdown(w: WebhookBench | undefined): string[] {
  if (!w) return [];
  return [
    "",
    "### Webhooks under the month-end mix (scenario 12)",
    "",
    "| rate | HTTP p95 ms | errors | sendings × webhooks | delivered | missing / stray / duplicates | bad signatures | deliveries/s | lag p50 / p95 / max ms |",
    "|---|---|---|---|---|---|---|---|---|",
    `| ${w.rate}/s for ${w.seconds} s | ${w.load.p95.toFixed(1)} | ${w.load.errors} | ${w.sendings} × ${w.endpoints} | ${w.delivered} | ${w.missing} / ${w.stray} / ${w.duplicates} | ${w.badSignatures} | ${w.deliveriesPerSecond.toFixed(0)} | ${w.lagMs.p50} / ${w.lagMs.p95} / ${w.lagMs.max} |`,
  ];
}

/** Wrong answers: a sending not delivered, or a delivery that does not verify. */
export function webhookFailures(w: WebhookBench | undefined): string[] {
  if (!w) return [];
  const failures: string[] = [];
  if (w.delivered < w.sendings)
    failures.push(`webhooks: ${w.sendings - w.delivered} not delivered`);
  if (w.badSignatures) failures.push("webhooks: bad signatures");
  if (w.load.errors) failures.push("webhooks: load errors");
  return failures;
}
