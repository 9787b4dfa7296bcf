import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf } from "../../test/graphql-client";
import { ACCOUNT, LOGIN, SUBMIT, registerAndLogin } from "../../test/operations";
import { freePort, ROOT } from "../../test/server-process";
import { startTestApp, type TestApp } from "../../test/test-app";
import { ReadingEntity } from "../readings/reading.entity";
import { ReadingSource } from "../core/enums";

// docs/security.md FT-1 / FT-2, test plan T15: the database goes away under a running app. Requests
// answer SERVICE_UNAVAILABLE (retryable, not INTERNAL) without hanging; the app recovers once
// the database is back; a reading sent before the outage is stored once. Needs MariaDB: a
// private server (scripts/mariadb.sh) is stopped and started again.

const run = promisify(execFile);
const onMysql = process.env.DATABASE_URL?.startsWith("mysql://") ? describe : describe.skip;
const mariadb = (...args: string[]) => run("bash", [join(ROOT, "scripts/mariadb.sh"), ...args]);

onMysql("database outage under a running app (T15)", () => {
  let dir: string;
  let port: number;
  let t: TestApp | undefined;
  const sharedUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "gas-outage-"));
    port = await freePort();
    await mariadb("start", join(dir, "mdb"), String(port));
    process.env.DATABASE_URL = `mysql://gas:gas@127.0.0.1:${port}/gas`;
    try {
      t = await startTestApp();
    } finally {
      process.env.DATABASE_URL = sharedUrl;
    }
  }, 90_000);
  afterAll(async () => {
    await mariadb("start", join(dir, "mdb"), String(port)).catch(() => undefined);
    await t?.close().catch(() => undefined);
    await mariadb("stop", join(dir, "mdb")).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it("answers SERVICE_UNAVAILABLE while the database is down, then recovers", async () => {
    const app = t!;
    const account = await createRegistryAccount(app.db.dataSource);
    const client = app.client();
    await registerAndLogin(client, registration(account));
    const meterId = String(account.meters[0].id);
    await client.ok(SUBMIT, { input: { meterId, value: "1600" } });

    await mariadb("stop", join(dir, "mdb"));
    for (let i = 0; i < 3; i++) {
      const startedAt = Date.now();
      const response = await client.request(ACCOUNT, { number: account.account.number });
      expect(codeOf(response)).toBe("SERVICE_UNAVAILABLE");
      // Issue 17 item 3: 503 with Retry-After (was 500 when the session could not be read).
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(response.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|mysql|stack/i);
      expect(Date.now() - startedAt).toBeLessThan(10_000);
    }
    // Refused inside a resolver (the login limiter's store is down): 503 too (was 200).
    const anonymous = await app.client().request(LOGIN, {
      input: { email: "nobody@example.kz", password: "x".repeat(12), rememberMe: false },
    });
    expect(codeOf(anonymous)).toBe("SERVICE_UNAVAILABLE");
    expect(anonymous.status).toBe(503);
    expect(anonymous.headers.get("retry-after")).toBe("5");
    const readyz = await fetch(`${app.url}/readyz`);
    expect(readyz.status).toBe(503);

    await mariadb("start", join(dir, "mdb"), String(port));
    const backAt = Date.now();
    for (;;) {
      const response = await client.request(ACCOUNT, { number: account.account.number });
      if (!response.errors) break;
      expect(codeOf(response)).toBe("SERVICE_UNAVAILABLE");
      expect(Date.now() - backAt).toBeLessThan(5_000);
      await sleep(100);
    }
    expect(Date.now() - backAt).toBeLessThan(5_000);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    const stored = await app.db.dataSource
      .getRepository(ReadingEntity)
      .countBy({ meterId: account.meters[0].id, source: ReadingSource.SUBSCRIBER });
    expect(stored).toBe(1);
  }, 120_000);
});
