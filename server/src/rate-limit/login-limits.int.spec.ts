import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf, type GraphQLClient } from "../../test/graphql-client";
import { LOGIN, REGISTER } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { AuditEventEntity } from "../audit/audit-event.entity";

// docs/security.md AUTH-4 / RL-3 (T9), RL-4, RL-5 with the real budgets (cost budget raised: this
// file sends hundreds of requests from few addresses).
let t: TestApp; // behind a trusted proxy at 127.0.0.1
let direct: TestApp; // no TRUST_PROXY
const PASSWORD = "Жасыл-алма-2026!";
let ipCounter = 0;
const freshIp = () => `203.0.${113 + Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

beforeAll(async () => {
  const budgets = { costPerMinute: { points: 1_000_000 } };
  t = await startTestApp({ budgets, config: { trustProxy: ["127.0.0.1"] } });
  direct = await startTestApp({ budgets });
});
afterAll(async () => {
  await t?.close();
  await direct?.close();
});

async function user(app: TestApp): Promise<string> {
  const account = await createRegistryAccount(app.db.dataSource);
  const input = registration(account);
  const client = app.client();
  client.headers["x-forwarded-for"] = freshIp();
  await client.ok(REGISTER, { input });
  return input.email as string;
}

const login = (client: GraphQLClient, email: string, password: string, ip?: string) =>
  client.request(
    LOGIN,
    { input: { email, password, rememberMe: false } },
    ip ? { headers: { "x-forwarded-for": ip } } : {},
  );

describe("login limits (AUTH-4 / RL-3)", () => {
  it("blocks an (e-mail, address) for an hour after 10 failures, right password included", async () => {
    const email = await user(t);
    const ip = freshIp();
    const bodies = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const response = await login(t.client(), email, `wrong-${i}-password`, ip);
      expect(codeOf(response)).toBe("INVALID_CREDENTIALS");
      bodies.add(response.text);
    }
    expect(bodies.size).toBe(1);
    const blocked = await login(t.client(), email, PASSWORD, ip);
    expect(codeOf(blocked)).toBe("RATE_LIMITED");
    const retryAfter = blocked.errors?.[0].extensions?.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // Issue 19 item 4: every limit is 429 with Retry-After.
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe(String(retryAfter));
    // Another address is not blocked for this e-mail.
    expect(codeOf(await login(t.client(), email, PASSWORD, freshIp()))).toBeUndefined();
    const trips = await t.db.dataSource
      .getRepository(AuditEventEntity)
      .findBy({ eventType: "RATE_LIMIT_TRIPPED", ip });
    expect(trips.length).toBeGreaterThan(0);
  });

  it("counts consecutive failures only: a success clears them", async () => {
    const email = await user(t);
    const ip = freshIp();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 9; i++) {
        expect(codeOf(await login(t.client(), email, "not-the-password", ip))).toBe(
          "INVALID_CREDENTIALS",
        );
      }
      expect(codeOf(await login(t.client(), email, PASSWORD, ip))).toBeUndefined();
    }
  });

  it("limits unknown e-mails the same way", async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      expect(codeOf(await login(t.client(), "nobody@example.kz", "x-password-1", ip))).toBe(
        "INVALID_CREDENTIALS",
      );
    }
    expect(codeOf(await login(t.client(), "nobody@example.kz", "x-password-1", ip))).toBe(
      "RATE_LIMITED",
    );
  });

  it("allows 100 failures per address a day, then blocks the address for a day", async () => {
    const ip = freshIp();
    for (let i = 0; i < 100; i++) {
      const response = await login(t.client(), `someone${Math.floor(i / 10)}@example.kz`, "x", ip);
      expect(codeOf(response)).toBe("INVALID_CREDENTIALS");
    }
    const email = await user(t);
    const blocked = await login(t.client(), email, PASSWORD, ip);
    expect(codeOf(blocked)).toBe("RATE_LIMITED");
    expect(blocked.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(23 * 3600);
  });

  it("allows 100 failures per e-mail an hour from any addresses", async () => {
    const email = await user(t);
    for (let i = 0; i < 100; i++) {
      const ip = `192.0.2.${Math.floor(i / 9) + 1}`; // 9 per address: never the pair block
      expect(codeOf(await login(t.client(), email, "wrong-password", ip))).toBe(
        "INVALID_CREDENTIALS",
      );
    }
    expect(codeOf(await login(t.client(), email, PASSWORD, freshIp()))).toBe("RATE_LIMITED");
  });
});

describe("client address (RL-4)", () => {
  it("ignores a client's X-Forwarded-For without TRUST_PROXY: spoofing does not reset counters", async () => {
    const email = await user(direct);
    for (let i = 0; i < 10; i++) {
      const response = await login(direct.client(), email, "wrong-password", `10.9.8.${i + 1}`);
      expect(codeOf(response)).toBe("INVALID_CREDENTIALS");
    }
    const spoofed = await login(direct.client(), email, PASSWORD, "10.9.9.9");
    expect(codeOf(spoofed)).toBe("RATE_LIMITED");
    const trips = await direct.db.dataSource
      .getRepository(AuditEventEntity)
      .findBy({ eventType: "RATE_LIMIT_TRIPPED" });
    expect(trips.map((trip) => trip.ip)).toEqual(["127.0.0.1"]);
  });

  it("behind a trusted proxy takes the address the proxy saw, not one the client prepended", async () => {
    const email = await user(t);
    const real = freshIp();
    for (let i = 0; i < 10; i++) {
      await login(t.client(), email, "wrong-password", `10.0.0.${i + 1}, ${real}`);
    }
    const response = await login(t.client(), email, PASSWORD, `10.7.7.7, ${real}`);
    expect(codeOf(response)).toBe("RATE_LIMITED");
    const trips = await t.db.dataSource
      .getRepository(AuditEventEntity)
      .findBy({ eventType: "RATE_LIMIT_TRIPPED", ip: real });
    expect(trips.length).toBe(1);
  });
});

describe("registration limit (RL-5)", () => {
  it("refuses the 11th registration from an address in an hour, EMAIL_TAKEN answers included", async () => {
    const account = await createRegistryAccount(t.db.dataSource);
    const ip = freshIp();
    const client = t.client();
    client.headers["x-forwarded-for"] = ip;
    const taken = registration(account);
    expect((await client.request(REGISTER, { input: taken })).errors).toBeUndefined();
    for (let i = 0; i < 9; i++) {
      const again = await client.request(REGISTER, { input: { ...taken, email: taken.email } });
      expect(codeOf(again)).toBe("EMAIL_TAKEN");
    }
    const eleventh = await client.request(REGISTER, { input: registration(account) });
    expect(codeOf(eleventh)).toBe("RATE_LIMITED");
    expect(eleventh.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // Another address may register.
    const other = t.client();
    other.headers["x-forwarded-for"] = freshIp();
    expect(
      (await other.request(REGISTER, { input: registration(account) })).errors,
    ).toBeUndefined();
  });
});

describe("reset request limit (REC-5 / RL-6), the hook the reset service calls", () => {
  const meta = (ip: string) => ({ ip, userAgent: null, requestId: null });

  it("allows 3 per e-mail string an hour, registered or not, from any address", async () => {
    const limits = t.app.services.limits.requests;
    const answers: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      answers.push(await limits.mayRequestReset("Someone@Example.kz", meta(freshIp())));
    }
    expect(answers).toEqual([true, true, true, false]);
    expect(await limits.mayRequestReset("someone.else@example.kz", meta(freshIp()))).toBe(true);
  });

  it("allows 20 per address an hour", async () => {
    const limits = t.app.services.limits.requests;
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      expect(await limits.mayRequestReset(`person${i}@example.kz`, meta(ip))).toBe(true);
    }
    expect(await limits.mayRequestReset("person99@example.kz", meta(ip))).toBe(false);
  });
});

describe("the limiter table", () => {
  it("has the columns rate-limiter-flexible writes, and sweeps expired rows", async () => {
    const ds = t.db.dataSource;
    const now = Date.now();
    await ds.query("INSERT INTO rate_limits VALUES (?, ?, ?)", ["sweep:old", 3, now - 1000]);
    await ds.query("INSERT INTO rate_limits VALUES (?, ?, ?)", ["sweep:live", 3, now + 60_000]);
    await t.app.services.limits.store.clearExpired(now);
    const rows = (await ds.query(
      "SELECT `key` AS k, points, expire FROM rate_limits WHERE `key` LIKE 'sweep:%'",
    )) as Array<{ k: string; points: number; expire: number | string }>;
    expect(rows.map((r) => [r.k, Number(r.points), Number(r.expire)])).toEqual([
      ["sweep:live", 3, now + 60_000],
    ]);
  });
});
