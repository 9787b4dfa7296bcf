import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import {
  freePort,
  ROOT,
  type ServerProcess,
  spawnServer,
  statusOf,
  waitForStatus,
} from "../test/server-process";

// docs/security.md FT-4 / FT-5, test plan T18: started while the database is down, the server is
// alive (/healthz 200), not ready (/readyz 503, GraphQL SERVICE_UNAVAILABLE), and becomes ready
// once the database comes up. Needs MariaDB (scripts/mariadb.sh starts a private one).

const run = promisify(execFile);
const onMysql = process.env.DATABASE_URL?.startsWith("mysql://") ? describe : describe.skip;

onMysql("cold start with the database down (T18)", () => {
  let dir: string;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "gas-cold-"));
  });
  afterAll(async () => {
    server?.kill();
    await run("bash", [join(ROOT, "scripts/mariadb.sh"), "stop", join(dir, "mdb")]).catch(
      () => undefined,
    );
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("is alive but not ready until the database is up, then ready", async () => {
    const dbPort = await freePort();
    server = await spawnServer({ DATABASE_URL: `mysql://gas:gas@127.0.0.1:${dbPort}/gas` });
    await waitForStatus(server, "/healthz", 200);
    await sleep(1000);
    expect(await statusOf(`${server.url}/healthz`)).toBe(200);
    expect(await statusOf(`${server.url}/readyz`)).toBe(503);
    const graphql = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ me { id } }" }),
    });
    expect(graphql.status).toBe(503);
    expect(
      ((await graphql.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]
        .extensions.code,
    ).toBe("SERVICE_UNAVAILABLE");

    await run("bash", [
      join(ROOT, "scripts/mariadb.sh"),
      "start",
      join(dir, "mdb"),
      String(dbPort),
    ]);
    await waitForStatus(server, "/readyz", 200, 60_000);
    expect(await statusOf(`${server.url}/healthz`)).toBe(200);
    const me = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ me { id } }" }),
    });
    expect(await me.json()).toEqual({ data: { me: null } });
  }, 120_000);
});
