/**
 * Issue 22: three app replicas, each on its own node of a three-node MariaDB Galera cluster,
 * behind HAProxy, and faults of the cluster's nodes. Run with scripts/galera-suite.sh, which
 * starts the cluster (scripts/galera.sh) and builds the server.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { DataSource } from "typeorm";
import { parseDatabaseUrl } from "../../src/config";
import { systemClock } from "../../src/core/clock";
import { openDatabase } from "../../src/db/open-database";
import { ApiClientsService } from "../../src/integrators/api-clients.service";
import { IntegratorTokens } from "../../src/integrators/integrator-token";
import { GraphQLClient } from "../graphql-client";
import { FEED, ISSUE_TOKEN } from "../integrator-operations";
import {
  Cluster,
  createScratchDatabase,
  SHARED_SECRETS,
  type ScratchDatabase,
} from "../replicas/cluster";
import {
  emptyReport,
  keepSending,
  type LoadReport,
  sendToEveryMeter,
  sendWithRetry,
  storedOnce as storedOnceOn,
  type Subscriber,
  subscriberWithMeters,
} from "../replicas/load";
import {
  conflictAborts,
  galera,
  missingCluster,
  nodeConnection,
  restartCluster,
  waitConverged,
  wsrepStatus,
} from "./nodes";

const missing = missingCluster();
if (missing) throw new Error(`Galera suite cannot run: ${missing}`);

const figures: Record<string, unknown> = {};
const record = (name: string, value: unknown) => {
  figures[name] = value;
  console.log(`[galera] ${name}: ${JSON.stringify(value)}`);
};

/** Every acknowledged key stored exactly once, read on node `n`. */
async function storedOnce(database: string, report: LoadReport, n = 1) {
  const connection = await nodeConnection(n, database);
  try {
    return await storedOnceOn(connection, report);
  } finally {
    await connection.end();
  }
}

/**
 * The feed's positions as node `n` holds them: rows, duplicates, the streams they are in (one a
 * node, readings/feed-cursor.rules.ts) and the gaps inside each stream.
 */
async function feedOn(database: string, n: number) {
  const connection = await nodeConnection(n, database);
  try {
    const [rows] = (await connection.query(
      `SELECT feed_seq >> 40 AS stream, COUNT(*) AS c, COUNT(DISTINCT feed_seq) AS d,
              MIN(feed_seq) AS lo, MAX(feed_seq) AS hi
       FROM readings WHERE feed_seq IS NOT NULL GROUP BY feed_seq >> 40`,
    )) as never as [Array<{ stream: string; c: string; d: string; lo: string; hi: string }>];
    return {
      rows: rows.reduce((sum, r) => sum + Number(r.c), 0),
      duplicates: rows.reduce((sum, r) => sum + Number(r.c) - Number(r.d), 0),
      streams: rows.length,
      holes: rows.reduce(
        (sum, r) => sum + Number(BigInt(r.hi) - BigInt(r.lo) + 1n) - Number(r.d),
        0,
      ),
    };
  } finally {
    await connection.end();
  }
}

/** How many incremental state transfers node 3 has received (its error log). */
const istReceived = () =>
  readFileSync(join(process.env.GALERA_DIR!, "node3", "mysqld.err"), "utf8").split(
    "WSREP: IST received",
  ).length - 1;

describe("three replicas on a three-node Galera cluster, behind HAProxy", () => {
  let db: ScratchDatabase;
  let dataSource: DataSource;
  let cluster: Cluster;

  beforeAll(async () => {
    db = await createScratchDatabase();
    dataSource = await openDatabase(parseDatabaseUrl(db.url));
    cluster = await Cluster.create(db, { replicas: 3 });
  });

  // A node's fault stalls the others for a moment (Galera waits evs.suspect_timeout before it
  // drops a silent node), and HAProxy then takes replicas out until their /readyz answers again.
  beforeEach(() => cluster.waitUpInHaproxy(3, undefined, 60_000));

  afterAll(async () => {
    await cluster?.stop();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
    console.log(`[galera] figures ${JSON.stringify(figures)}`);
  });

  it("the feed under writers on every node: each reading seen once, none missed, no holes", async () => {
    const subscribers: Subscriber[] = [];
    for (let i = 0; i < 12; i++) {
      subscribers.push(await subscriberWithMeters(dataSource, cluster.graphql, 8));
    }
    const apiClients = new ApiClientsService(
      dataSource,
      systemClock,
      new IntegratorTokens(SHARED_SECRETS.INTEGRATOR_JWT_SECRET),
    );
    const issued = await apiClients.create("Billing", ["readings:read"]);
    const bank = new GraphQLClient(cluster.graphql);
    bank.headers["x-forwarded-for"] = "198.19.0.1";
    bank.accessToken = (
      await bank.ok(ISSUE_TOKEN, { clientId: issued.client.clientId, clientSecret: issued.secret })
    ).issueApiToken.accessToken;

    const seen: string[] = [];
    let after: string | null = null;
    let polls = 0;
    const poll = async (): Promise<boolean> => {
      const answer = await bank.request(FEED, { after, first: 25 });
      const refusal = answer.errors?.[0]?.extensions;
      if (refusal?.code === "RATE_LIMITED") {
        // The client's cost budget (docs/security.md RL-7): wait as told, like a partner would.
        await sleep(Number(refusal.retryAfterSeconds ?? 1) * 1000);
        return true;
      }
      const page: any = (answer.data as any).readingsFeed;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (page.pageInfo.endCursor) after = page.pageInfo.endCursor;
      polls++;
      return page.pageInfo.hasNextPage as boolean;
    };
    let writing = true;
    const polling = (async () => {
      while (writing) {
        await poll();
        await sleep(50);
      }
      while (await poll());
    })();

    const abortsBefore = await conflictAborts();
    const report = emptyReport();
    const seconds = await sendToEveryMeter(subscribers, "1600.000", report);
    writing = false;
    await polling;
    const aborts = (await conflictAborts()) - abortsBefore;

    const stored = await storedOnce(db.name, report);
    const feeds = await Promise.all([1, 2, 3].map((n) => feedOn(db.name, n)));
    record("feed", {
      sendings: report.acknowledged.length,
      sendingsPerSecond: Math.round((report.acknowledged.length / seconds) * 10) / 10,
      conflictAborts: aborts,
      abortRate: Math.round((aborts / Math.max(1, report.attempts)) * 1000) / 1000,
      refusals: report.failures.length,
      polls,
      seen: seen.length,
      distinctSeen: new Set(seen).size,
      ...stored,
      feedOnEachNode: feeds,
    });
    expect(report.acknowledged).toHaveLength(12 * 8);
    expect(stored.acknowledgedMissing).toBe(0);
    expect(stored.storedTwice).toBe(0);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(feeds[0].rows);
    // Each node numbers its own stream: writes on every node, no shared counter row.
    for (const feed of feeds) {
      expect(feed).toEqual({ rows: feeds[0].rows, duplicates: 0, streams: 3, holes: 0 });
    }
    expect(polls).toBeGreaterThan(3);
  });

  it("sendings per second with three replicas on 1, 2 and 3 nodes, and the conflict aborts", async () => {
    const runs: Array<Record<string, number>> = [];
    for (const nodes of [1, 2, 3]) {
      const spread = await Cluster.create(db, { replicas: 3, nodes });
      try {
        const subscribers: Subscriber[] = [];
        for (let i = 0; i < 16; i++) {
          subscribers.push(await subscriberWithMeters(dataSource, spread.graphql, 6));
        }
        const report = emptyReport();
        const abortsBefore = await conflictAborts();
        const seconds = await sendToEveryMeter(subscribers, "1600.000", report);
        const aborts = (await conflictAborts()) - abortsBefore;
        runs.push({
          nodes,
          sendings: report.acknowledged.length,
          sendingsPerSecond: Math.round((report.acknowledged.length / seconds) * 10) / 10,
          conflictAborts: aborts,
          abortsPerSending: Math.round((aborts / report.acknowledged.length) * 100) / 100,
          refusals: report.failures.length,
        });
        expect(report.acknowledged).toHaveLength(16 * 6);
      } finally {
        await spread.stop();
      }
    }
    record("throughput", runs);
  });

  it("kill -9 of one node under load: acknowledged = stored once, retryable refusals only, the node catches up by IST", async () => {
    const subscribers: Subscriber[] = [];
    for (let i = 0; i < 6; i++) {
      subscribers.push(await subscriberWithMeters(dataSource, cluster.graphql, 14));
    }
    const istBefore = istReceived();
    const load = keepSending(subscribers, 200);
    await sleep(2000);
    await galera("kill-node", "3");
    const t0 = Date.now();
    while ((await wsrepStatus(1, "wsrep_cluster_size")) !== "2") {
      if (Date.now() - t0 > 60_000) throw new Error("the others did not drop node 3");
      await sleep(100);
    }
    const droppedAfterMs = Date.now() - t0;
    await sleep(3000); // writes go on without node 3
    await galera("start-node", "3");
    await waitConverged();
    await sleep(1500);
    const { report } = await load.stop();
    const stored = await storedOnce(db.name, report, 3);
    const retryable = report.failures.filter((f) => [0, 429, 502, 503, 504].includes(f.status));
    const feeds = await Promise.all([1, 2, 3].map((n) => feedOn(db.name, n)));
    record("killNode", {
      sendings: report.sent.length,
      droppedAfterMs,
      rejoinedByIst: istReceived() > istBefore,
      clientSawRefusals: report.failures.length,
      retryableRefusals: retryable.length,
      failures: report.failures.slice(0, 3),
      ...stored,
      feedOnEachNode: feeds,
    });
    expect(istReceived()).toBeGreaterThan(istBefore);
    expect(report.sent.length).toBeGreaterThan(20);
    expect(retryable).toHaveLength(report.failures.length);
    expect(stored.acknowledgedMissing).toBe(0); // read on the node that was killed
    expect(stored.storedTwice).toBe(0);
    for (const feed of feeds) expect(feed).toEqual(feeds[0]);
  });

  it("a node cut off from the others refuses writes instead of diverging, and rejoins", async () => {
    const [subscriber] = [await subscriberWithMeters(dataSource, cluster.graphql, 4)];
    await galera("isolate", "3", "on");
    try {
      const deadline = Date.now() + 30_000;
      while ((await wsrepStatus(3, "wsrep_cluster_status")) === "Primary") {
        if (Date.now() > deadline) throw new Error("node 3 stayed in the primary component");
        await sleep(200);
      }
      // Straight to the isolated node: refused.
      const direct = await nodeConnection(3, db.name);
      const refused = await direct.query("UPDATE readings SET id = id WHERE id = 0").then(
        () => null,
        (error: { errno?: number }) => error.errno ?? -1,
      );
      await direct.end();
      // Through the replica on that node: a retryable refusal, nothing stored.
      const app3 = new GraphQLClient(`${cluster.replicas[2].url}/graphql`);
      app3.headers = { ...subscriber.client.headers };
      app3.accessToken = subscriber.client.accessToken;
      const onIsolated = await app3.request(
        "mutation($input: SubmitReadingInput!) { submitReading(input: $input) { id } }",
        {
          input: {
            meterId: subscriber.meterIds[0],
            value: "1700.000",
            idempotencyKey: "isolated-1",
          },
        },
      );
      // The others go on: sendings through HAProxy are stored.
      const report = emptyReport();
      for (const meterId of subscriber.meterIds.slice(1)) {
        await sendWithRetry(subscriber.client, meterId, "1700.000", report);
      }
      record("isolate", {
        directWriteErrno: refused,
        isolatedReplicaStatus: onIsolated.status,
        isolatedReplicaCode: onIsolated.errors?.[0]?.extensions?.code,
        othersAcknowledged: report.acknowledged.length,
        othersSize: Number(await wsrepStatus(1, "wsrep_cluster_size")),
      });
      expect(refused).toBe(1047);
      expect(onIsolated.status).toBe(503);
      expect(onIsolated.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
      expect(report.acknowledged).toHaveLength(3);
    } finally {
      await galera("isolate", "3", "off");
    }
    await waitConverged();
    const [row] = (await dataSource.query(
      "SELECT COUNT(*) AS n FROM readings WHERE idempotency_key = 'isolated-1'",
    )) as Array<{ n: string }>;
    expect(Number(row.n)).toBe(0);
    const feeds = await Promise.all([1, 2, 3].map((n) => feedOn(db.name, n)));
    for (const feed of feeds) expect(feed).toEqual(feeds[0]);
  });

  it("every node killed under load and the cluster bootstrapped from the most advanced: nothing acknowledged lost", async () => {
    const subscribers: Subscriber[] = [];
    for (let i = 0; i < 6; i++) {
      subscribers.push(await subscriberWithMeters(dataSource, cluster.graphql, 14));
    }
    const load = keepSending(subscribers, 200);
    await sleep(2500);
    await Promise.all(["1", "2", "3"].map((n) => galera("kill-node", n)));
    const { report } = await load.stop();
    const t0 = Date.now();
    await restartCluster();
    await waitConverged();
    const restartMs = Date.now() - t0;
    await Promise.all(cluster.replicas.map((r) => r.waitReady()));
    const stored = await Promise.all([1, 2, 3].map((n) => storedOnce(db.name, report, n)));
    const feeds = await Promise.all([1, 2, 3].map((n) => feedOn(db.name, n)));
    record("wholeCluster", {
      sendings: report.sent.length,
      restartMs,
      storedOnEachNode: stored,
      feedOnEachNode: feeds,
    });
    expect(report.acknowledged.length).toBeGreaterThan(10);
    for (const s of stored) {
      expect(s.acknowledgedMissing).toBe(0);
      expect(s.storedTwice).toBe(0);
    }
    for (const feed of feeds) {
      expect(feed).toMatchObject({ rows: feeds[0].rows, duplicates: 0, holes: 0 });
    }
  });
});
