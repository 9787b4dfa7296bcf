/**
 * Issue 17, "Beyond one machine, in a test": two replicas of the built server on one MariaDB,
 * behind HAProxy from Debian's packages (round robin, health checks on /readyz), checked from
 * the outside. Run with scripts/replicas.sh (builds the server, needs MARIADB_URL).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { DataSource } from "typeorm";
import { parseDatabaseUrl } from "../../src/config";
import { openDatabase } from "../../src/db/open-database";
import { migrations } from "../../src/db/migrations";
import { periodOf } from "../../src/core/almaty-time";
import { GraphQLClient } from "../graphql-client";
import { LINK, ME, REFRESH } from "../operations";
import {
  Cluster,
  createScratchDatabase,
  missingPrerequisite,
  type ScratchDatabase,
} from "./cluster";
import {
  accountWithMeters,
  emptyReport,
  keepSending,
  nextAddress,
  sendToEveryMeter,
  storedOnce,
  type Subscriber,
  subscriberWithMeters,
} from "./load";

const missing = missingPrerequisite();
if (missing) {
  // Never silently green: the suite is run on purpose (scripts/replicas.sh, .ci/run).
  throw new Error(`replica suite cannot run: ${missing}`);
}

const period = periodOf(new Date());
const figures: Record<string, unknown> = {};
const record = (name: string, value: unknown) => {
  figures[name] = value;
  console.log(`[replicas] ${name}: ${JSON.stringify(value)}`);
};

/** Which replica answered (HAProxy adds `x-replica`). */
const replicaOf = (headers: Headers) => headers.get("x-replica") ?? "?";

async function feedHasNoDuplicates(db: ScratchDatabase) {
  const [[row]] = (await db.admin.query(
    "SELECT COUNT(*) AS n, COUNT(DISTINCT feed_seq) AS d FROM readings WHERE feed_seq IS NOT NULL",
  )) as never as [[{ n: number | string; d: number | string }]];
  return { rows: Number(row.n), distinct: Number(row.d) };
}

describe("two replicas behind HAProxy on one MariaDB", () => {
  let db: ScratchDatabase;
  let dataSource: DataSource;
  let cluster: Cluster;

  beforeAll(async () => {
    db = await createScratchDatabase();
    // The registry is the billing system's: written here, migrated first by this process.
    dataSource = await openDatabase(parseDatabaseUrl(db.url));
    cluster = await Cluster.create(db);
  });

  afterAll(async () => {
    await cluster?.stop();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
    console.log(`[replicas] figures ${JSON.stringify(figures)}`);
  });

  it("two-a-month race: 40 concurrent sendings on one meter over both replicas, 2 accepted", async () => {
    const registry = await accountWithMeters(dataSource, 1);
    // Four subscribers of the one account, ten sendings each (within any per-user budget).
    const subscribers: Subscriber[] = [];
    for (let i = 0; i < 4; i++) {
      subscribers.push(await subscriberWithMeters(dataSource, cluster.graphql, 1, registry));
    }
    const meterId = subscribers[0].meterIds[0];
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        subscribers[i % 4].client.request(
          /* GraphQL */ `
            mutation Submit($input: SubmitReadingInput!) {
              submitReading(input: $input) {
                id
                isCorrection
              }
            }
          `,
          { input: { meterId, value: `${1600 + i}.000` } },
        ),
      ),
    );
    const accepted = answers.filter((a) => a.status === 200 && a.data?.submitReading);
    const limited = answers.filter(
      (a) => a.errors?.[0]?.extensions?.code === "MONTHLY_LIMIT_REACHED",
    );
    const byReplica: Record<string, number> = {};
    for (const a of answers)
      byReplica[replicaOf(a.headers)] = (byReplica[replicaOf(a.headers)] ?? 0) + 1;
    const [slots] = (await db.admin.query(
      "SELECT slot, COUNT(*) AS n FROM readings WHERE meter_id = ? AND period = ? GROUP BY slot ORDER BY slot",
      [Number(meterId), period],
    )) as never as [Array<{ slot: number; n: number | string }>];
    record("race", {
      accepted: accepted.length,
      monthlyLimitReached: limited.length,
      other: answers.length - accepted.length - limited.length,
      byReplica,
      slots: slots.map((s) => [s.slot, Number(s.n)]),
    });
    expect(Object.keys(byReplica).sort()).toEqual(["app1", "app2"]);
    expect(accepted).toHaveLength(2);
    expect(limited).toHaveLength(38);
    expect(slots.map((s) => [s.slot, Number(s.n)])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it("guessing cut-off: a number locked through one replica is locked through the other", async () => {
    const target = await accountWithMeters(dataSource, 1);
    const [app1, app2] = cluster.replicas;
    // One subscriber guesses the payment of someone else's account through app1 only.
    const guesser = await subscriberWithMeters(dataSource, cluster.graphql, 1);
    const onApp1 = new GraphQLClient(`${app1.url}/graphql`);
    onApp1.accessToken = guesser.client.accessToken;
    onApp1.headers["x-forwarded-for"] = nextAddress();
    const codes: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const wrong = await onApp1.request(LINK, {
        input: { accountNumber: target.account.number, lastPaymentAmount: `${9000 + i}.11` },
      });
      codes.push(wrong.errors?.[0]?.extensions?.code);
    }
    // Someone else, the right amount, through app2 directly and through HAProxy (both replicas).
    const owner = new GraphQLClient(`${app2.url}/graphql`);
    const ownerUser = await subscriberWithMeters(dataSource, cluster.graphql, 1);
    owner.accessToken = ownerUser.client.accessToken;
    owner.headers["x-forwarded-for"] = nextAddress();
    const right = {
      input: { accountNumber: target.account.number, lastPaymentAmount: target.lastPayment },
    };
    const onApp2 = await owner.request(LINK, right);
    const viaHaproxy = [
      await ownerUser.client.request(LINK, right),
      await ownerUser.client.request(LINK, right),
    ];
    record("guessing", {
      failuresOnApp1: codes,
      rightAmountOnApp2: [onApp2.status, onApp2.errors?.[0]?.extensions?.code],
      rightAmountViaHaproxy: viaHaproxy.map((r) => [
        replicaOf(r.headers),
        r.status,
        r.errors?.[0]?.extensions?.code,
      ]),
    });
    expect(codes).toEqual(Array(5).fill("ACCOUNT_VERIFICATION_FAILED"));
    expect(onApp2.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(onApp2.status).toBe(429);
    expect(new Set(viaHaproxy.map((r) => replicaOf(r.headers)))).toEqual(new Set(["app1", "app2"]));
    for (const r of viaHaproxy) expect(r.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });

  it("logout everywhere on one replica is refused on the other at once", async () => {
    const [app1, app2] = cluster.replicas;
    const user = await subscriberWithMeters(dataSource, cluster.graphql, 1);
    const on = (replica: typeof app1) => {
      const c = new GraphQLClient(`${replica.url}/graphql`);
      c.accessToken = user.client.accessToken;
      c.headers = { ...user.client.headers };
      for (const [k, v] of user.client.cookies) c.cookies.set(k, v);
      return c;
    };
    const a = on(app1);
    const b = on(app2);
    expect((await b.request(ME)).data?.me).toBeTruthy();
    await a.ok(/* GraphQL */ `
      mutation {
        logoutEverywhere
      }
    `);
    // No pause: the very next request on the other replica.
    const me = await b.request(ME);
    const refresh = await b.request(REFRESH);
    record("logoutEverywhere", {
      meOnOther: [me.status, me.errors?.[0]?.extensions?.code],
      refreshOnOther: [refresh.status, refresh.errors?.[0]?.extensions?.code],
    });
    // `me` is null for a caller without a session; the session cookie is refused.
    expect(me.status).toBe(200);
    expect(me.data?.me ?? null).toBeNull();
    expect(refresh.data?.refreshSession ?? null).toBeNull();
    expect(refresh.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("shared cost budget: 300 points a minute as one user through HAProxy, then RATE_LIMITED on both replicas", async () => {
    const [app1, app2] = cluster.replicas;
    const user = await subscriberWithMeters(dataSource, cluster.graphql, 1);
    // me 1 + accounts 1 + meters 1 + readings 100 = 103 points (RL-7 price list, graphql/cost.ts).
    const query = `{ me { accounts { meters { readings(first: 100) { edges { node { id } } } } } } }`;
    const accepted: string[] = [];
    let refused: Awaited<ReturnType<GraphQLClient["request"]>> | undefined;
    for (let i = 0; i < 8 && !refused; i++) {
      const r = await user.client.request(query);
      if (r.errors?.[0]?.extensions?.code === "RATE_LIMITED") refused = r;
      else accepted.push(replicaOf(r.headers));
    }
    const on = (replica: typeof app1) => {
      const c = new GraphQLClient(`${replica.url}/graphql`);
      c.accessToken = user.client.accessToken;
      c.headers = { ...user.client.headers };
      for (const [k, v] of user.client.cookies) c.cookies.set(k, v);
      return c;
    };
    // Each replica sends what it charged, and reads the caller's total back, every
    // COST_FLUSH_MS (200 ms); a replica learns of the other's charges at its next flush.
    await on(app1).request(ME);
    await on(app2).request(ME);
    await new Promise((resume) => setTimeout(resume, 600));
    const direct = [await on(app1).request(ME), await on(app2).request(ME)];
    record("costBudget", {
      acceptedVia: accepted,
      pointsAccepted: accepted.length * 103,
      refusedVia: refused && [replicaOf(refused.headers), refused.status],
      direct: direct.map((r) => [
        r.status,
        r.errors?.[0]?.extensions?.code,
        r.headers.get("retry-after"),
      ]),
    });
    // Per replica it took up to 2 × 300 points (5 accepted). Shared, 300 and at most one
    // request more per replica than one flush could tell it (3 accepted).
    expect(accepted.length).toBeLessThanOrEqual(3);
    expect(refused?.status).toBe(429);
    for (const r of direct) {
      expect(r.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
      expect(r.status).toBe(429);
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
  });

  it("rolling restart under load: SIGTERM, drain, restart one at a time; 0 failed requests, 0 lost", async () => {
    const subscribers: Subscriber[] = [];
    for (let i = 0; i < 8; i++) {
      subscribers.push(await subscriberWithMeters(dataSource, cluster.graphql, 14));
    }
    const haproxyBefore = await cluster.retries();
    const load = keepSending(subscribers, 700);
    const restarts: Array<Record<string, unknown>> = [];
    await sleep(1500);
    for (const replica of cluster.replicas) {
      const t0 = Date.now();
      const exit = replica.terminate();
      await cluster.waitDownInHaproxy(replica.name);
      const outOfRotationMs = Date.now() - t0;
      const code = await exit;
      const exitedMs = Date.now() - t0;
      replica.start();
      await replica.waitReady();
      await cluster.waitUpInHaproxy(cluster.replicas.length);
      restarts.push({
        replica: replica.name,
        exit: code,
        outOfRotationMs,
        exitedMs,
        backMs: Date.now() - t0,
      });
      await sleep(1000);
    }
    const { report } = await load.stop();
    const stored = await storedOnce(db.admin, report);
    record("rollingRestart", {
      restarts,
      sendings: report.sent.length,
      attempts: report.attempts,
      failedRequests: report.failures.length,
      haproxy: await cluster.retries().then((r) => ({
        retries: r.retries - haproxyBefore.retries,
        redispatches: r.redispatches - haproxyBefore.redispatches,
      })),
      failures: report.failures.slice(0, 5),
      ...stored,
      feed: await feedHasNoDuplicates(db),
    });
    expect(restarts.map((r) => r.exit)).toEqual([0, 0]);
    expect(report.sent.length).toBeGreaterThan(50);
    expect(report.failures).toEqual([]);
    expect(stored.acknowledged).toBe(report.sent.length);
    expect(stored.acknowledgedMissing).toBe(0);
    expect(stored.storedTwice).toBe(0);
    expect(stored.storedNotAcknowledged).toBe(0);
  });

  it("kill -9 of one replica under load: every acknowledged sending stored once", async () => {
    const subscribers: Subscriber[] = [];
    for (let i = 0; i < 8; i++) {
      subscribers.push(await subscriberWithMeters(dataSource, cluster.graphql, 14));
    }
    const haproxyBefore = await cluster.retries();
    const load = keepSending(subscribers, 250);
    await sleep(2500);
    const victim = cluster.replicas[0];
    const t0 = Date.now();
    await victim.kill9();
    await cluster.waitDownInHaproxy(victim.name);
    const outOfRotationMs = Date.now() - t0;
    await sleep(3000);
    victim.start();
    await victim.waitReady();
    await cluster.waitUpInHaproxy(cluster.replicas.length);
    await sleep(1500);
    const { report } = await load.stop();
    const stored = await storedOnce(db.admin, report);
    const retryable = report.failures.filter((f) => [0, 429, 502, 503, 504].includes(f.status));
    record("kill9", {
      outOfRotationMs,
      sendings: report.sent.length,
      attempts: report.attempts,
      clientSawRefusals: report.failures.length,
      haproxy: await cluster.retries().then((r) => ({
        retries: r.retries - haproxyBefore.retries,
        redispatches: r.redispatches - haproxyBefore.redispatches,
      })),
      retryableRefusals: retryable.length,
      failures: report.failures.slice(0, 5),
      ...stored,
      feed: await feedHasNoDuplicates(db),
    });
    expect(report.sent.length).toBeGreaterThan(30);
    expect(retryable).toHaveLength(report.failures.length);
    expect(stored.acknowledgedMissing).toBe(0);
    expect(stored.storedTwice).toBe(0);
    // The client retried each sending with its key until acknowledged: none left unsettled.
    expect(stored.storedNotAcknowledged).toBe(0);
    expect(stored.acknowledged).toBe(report.sent.length);
  });

  it("throughput: sendings per second through HAProxy with two replicas", async () => {
    const subscribers: Subscriber[] = [];
    for (let i = 0; i < 16; i++) {
      subscribers.push(await subscriberWithMeters(dataSource, cluster.graphql, 12));
    }
    const report = emptyReport();
    const seconds = await sendToEveryMeter(subscribers, "1600.000", report);
    record("throughput", {
      concurrency: subscribers.length,
      sendings: report.acknowledged.length,
      seconds,
      sendingsPerSecond: Math.round((report.acknowledged.length / seconds) * 10) / 10,
      refusals: report.failures.length,
    });
    expect(report.acknowledged).toHaveLength(subscribers.length * 12);
  });
});

describe("simultaneous cold start on an empty database", () => {
  let db: ScratchDatabase;
  let cluster: Cluster | undefined;

  beforeAll(async () => {
    db = await createScratchDatabase();
  });
  afterAll(async () => {
    await cluster?.stop();
    await db?.drop();
  });

  it("two replicas started at once both become ready; each migration runs once", async () => {
    cluster = await Cluster.create(db, { start: false });
    const t0 = Date.now();
    for (const replica of cluster.replicas) replica.start();
    await Promise.all(cluster.replicas.map((r) => r.waitReady()));
    const readyMs = Date.now() - t0;
    await cluster.waitUpInHaproxy(2);
    const [rows] = (await db.admin.query("SELECT name FROM migrations ORDER BY id")) as never as [
      Array<{ name: string }>,
    ];
    const health = await fetch(`${cluster.url}/readyz`).then((r) => r.status);
    record("coldStart", {
      readyMs,
      exits: cluster.replicas.map((r) => r.exits),
      migrationsRows: rows.length,
      migrationsShipped: migrations.length,
      readyzViaHaproxy: health,
    });
    expect(cluster.replicas.every((r) => r.running && r.exits.length === 0)).toBe(true);
    expect(rows.map((r) => r.name).sort()).toEqual([...new Set(rows.map((r) => r.name))].sort());
    expect(rows).toHaveLength(migrations.length);
    expect(health).toBe(200);
  });
});
