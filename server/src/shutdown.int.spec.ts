import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type ServerProcess, spawnServer, statusOf, waitForStatus } from "../test/server-process";

// docs/security.md FT-5 / FT-6, test plan T17: SIGTERM under load — /readyz turns 503 while requests
// are still served, nothing is reset before the drain ends, and the process exits 0.

const DRAIN_MS = 1000;
/**
 * How late a request sent near the drain's end may reach the server on a busy machine (a CI run
 * saw one sent 85 ms before the end refused): the drain is judged outside this margin.
 */
const ARRIVAL_MS = 250;

interface Outcome {
  startedAt: number;
  status?: number;
  error?: string;
}

function causeCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? String(error);
}

describe("graceful shutdown (T17)", () => {
  let dir: string;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "gas-shutdown-"));
  });
  afterAll(() => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("drains on SIGTERM: /readyz 503, no resets during the drain, exit 0", async () => {
    server = await spawnServer({
      DATABASE_URL: `sqlite:${join(dir, "gas.sqlite")}`,
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      // The load below is many anonymous requests a second; each comes from an address of its
      // own (documentation ranges, a header only), so the per-address cost budget, which now
      // answers 429, does not stand in for what this test watches: the drain.
      TRUST_PROXY: "127.0.0.1",
    });
    const { url } = server;
    await waitForStatus(server, "/readyz", 200);

    // Light load: 4 clients sending `{ me { id } }` back to back.
    const outcomes: Outcome[] = [];
    let sent = 0;
    const nextAddress = () => {
      const n = sent++;
      return `${["192.0.2", "198.51.100", "203.0.113"][n % 3]}.${1 + (Math.floor(n / 3) % 254)}`;
    };
    let loading = true;
    const client = async () => {
      while (loading) {
        const outcome: Outcome = { startedAt: Date.now() };
        outcomes.push(outcome);
        try {
          const response = await fetch(`${url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-forwarded-for": nextAddress() },
            body: JSON.stringify({ query: "{ me { id } }" }),
          });
          outcome.status = response.status;
          await response.arrayBuffer();
        } catch (error) {
          outcome.error = causeCode(error);
          await sleep(20);
        }
      }
    };
    const clients = Array.from({ length: 4 }, client);
    await sleep(300);

    const sigtermAt = Date.now();
    server.child.kill("SIGTERM");
    let readyz503WhileServing = false;
    // Until the probe sees 503 or the server is gone: on a busy machine the signal may be
    // handled late, and the drain window only starts then.
    let exited = false;
    void server.exited.then(() => (exited = true));
    while (!readyz503WhileServing && !exited) {
      if ((await statusOf(`${url}/readyz`)) === 503) readyz503WhileServing = true;
      await sleep(50);
    }

    const code = await server.exited;
    loading = false;
    await Promise.all(clients);

    expect(code).toBe(0);
    expect(readyz503WhileServing).toBe(true);
    // Everything sent before the drain ended was answered normally. (A request takes a while to
    // arrive on a busy machine: ARRIVAL_MS of margin on both sides of the drain's end.)
    const beforeDrainEnd = outcomes.filter((o) => o.startedAt < sigtermAt + DRAIN_MS - ARRIVAL_MS);
    expect(beforeDrainEnd.length).toBeGreaterThan(10);
    expect(beforeDrainEnd.filter((o) => o.status !== 200)).toEqual([]);
    // Afterwards only new connections fail, as the port closes (refused, or reset when caught in
    // the accept queue); no kept-alive connection is cut under a request (Connection: close).
    const failures = outcomes.filter((o) => o.error !== undefined || o.status !== 200);
    for (const failure of failures) {
      expect(failure.startedAt).toBeGreaterThanOrEqual(sigtermAt + DRAIN_MS - ARRIVAL_MS);
      expect(["ECONNREFUSED", "ECONNRESET", undefined]).toContain(failure.error);
      if (failure.status !== undefined) expect(failure.status).toBe(503);
    }
  });
});
