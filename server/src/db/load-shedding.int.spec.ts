import { burst, figuresOf } from "../../test/burst";
import { createRegistryAccount, registration } from "../../test/factories";
import { GraphQLClient } from "../../test/graphql-client";
import { ACCOUNTS_SCREEN, LOGIN, REGISTER } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { REQUEST_DEADLINE_MS } from "../http/hardening";

// Issue 17 item 5: the pool sheds by how long a request would wait for a connection, not by how
// many wait. 400 concurrent reads on one process are answered; a far larger flood is refused
// quickly with 503 + Retry-After instead of queueing into the deadline. On MariaDB (the pool);
// counts are asserted, times printed (they belong to `npm run bench`).

/**
 * A subscriber's bearer header. The setup is shed too when the machine is busy (seen in CI): a
 * 503 means "not stored", so each step is sent again until it is served.
 */
async function bearerOf(t: TestApp, input: ReturnType<typeof registration>) {
  const client: GraphQLClient = t.client();
  const served = async <T>(send: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        if (attempt >= 50 || !String(error).includes("SERVICE_UNAVAILABLE")) throw error;
        await new Promise((resume) => setTimeout(resume, 100));
      }
    }
  };
  await served(() => client.ok(REGISTER, { input }));
  const { login } = await served(() =>
    client.ok(LOGIN, {
      input: { email: input.email, password: input.password, rememberMe: false },
    }),
  );
  return { authorization: `Bearer ${login.accessToken}` };
}

const onMysql = process.env.DATABASE_URL?.startsWith("mysql://") ? describe : describe.skip;

const CONCURRENT = 400;
const FLOOD = 2000;
/** The target is 2 s (printed); asserted with room for a machine busy with other work. */
const WITHIN_MS = 2000;

onMysql("load shedding by queue time (issue 17 item 5)", () => {
  let t: TestApp;
  let headers: Record<string, string>;
  const body = JSON.stringify({ query: ACCOUNTS_SCREEN });

  beforeAll(async () => {
    t = await startTestApp();
    const account = await createRegistryAccount(t.db.dataSource, {
      meters: [
        { readings: [["1500.000", "2026-10-25T05:00:00Z"]] },
        { readings: [["700.000", "2026-10-25T05:00:00Z"]] },
      ],
    });
    headers = await bearerOf(t, registration(account));
    // Warm: the pool's connections are open and the code paths compiled.
    await burst(`${t.url}/graphql`, 40, body, headers);
  });
  afterAll(() => t.close());

  it(`answers ≥ 95 % of ${CONCURRENT} concurrent reads`, async () => {
    const startedAt = Date.now();
    const figures = figuresOf(
      await burst(`${t.url}/graphql`, CONCURRENT, body, headers),
      WITHIN_MS,
    );
    console.log(`${CONCURRENT} concurrent reads in ${Date.now() - startedAt} ms:`, figures);
    // Counts, not timings (times go to `npm run bench`; they are printed above): nearly all are
    // answered rather than shed, none fails.
    expect(figures.answered / CONCURRENT).toBeGreaterThanOrEqual(0.95);
    expect(figures.other).toBe(0);
    expect(figures.failed).toBe(0);
  });
});

/** A budget small enough that a flood on any machine, fast or busy, goes over it. */
const SMALL_BUDGET_MS = 10;

onMysql("load shedding: a flood over the budget (issue 17 item 5)", () => {
  let t: TestApp;
  let headers: Record<string, string>;
  const body = JSON.stringify({ query: ACCOUNTS_SCREEN });

  beforeAll(async () => {
    t = await startTestApp({ config: { queueTimeBudgetMs: SMALL_BUDGET_MS } });
    const account = await createRegistryAccount(t.db.dataSource, {
      meters: [{ readings: [["1500.000", "2026-10-25T05:00:00Z"]] }],
    });
    headers = await bearerOf(t, registration(account));
  });
  afterAll(() => t.close());

  it(`refuses a flood of ${FLOOD} quickly with 503 + Retry-After, never an error or a timeout`, async () => {
    // From the parsed head to the last byte written: the refusal's own cost.
    const serverMs: number[] = [];
    t.app.fastify.server.on("request", (_request, response) => {
      const at = performance.now();
      response.on("finish", () => serverMs.push(performance.now() - at));
    });
    const startedAt = Date.now();
    const outcomes = await burst(`${t.url}/graphql`, FLOOD, body, headers);
    const figures = figuresOf(outcomes, WITHIN_MS);
    const internal =
      outcomes.filter((o) => o.status >= 500 && o.status !== 503).length +
      outcomes.filter((o) => o.code === "INTERNAL").length;
    const others = outcomes.filter(
      (o) => !(o.status === 200 && o.code === undefined) && !(o.status === 503 && o.retryAfter),
    );
    serverMs.sort((a, b) => a - b);
    const serverMedianMs = serverMs[Math.floor(serverMs.length / 2)].toFixed(1);
    console.log(
      `flood of ${FLOOD} in ${Date.now() - startedAt} ms (server-side median ${serverMedianMs} ms):`,
      figures,
    );
    if (others.length > 0) console.log("neither answered nor refused:", others.slice(0, 5));
    // Never an internal error; the budget refuses with 503 + Retry-After. On a machine busy with
    // other work some connections can still reach the request deadline, which closes them (item
    // 6): those are counted above, not failed here; the times belong to `npm run bench`.
    const cutBeforeDeadline = outcomes.filter(
      (o) => o.status === 0 && o.ms < REQUEST_DEADLINE_MS - 500,
    );
    expect(internal).toBe(0);
    expect(cutBeforeDeadline).toEqual([]);
    expect(figures.refused).toBeGreaterThan(0);
  });
});
