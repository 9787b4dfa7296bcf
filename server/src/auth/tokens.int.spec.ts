import { randomBytes } from "node:crypto";
import jwt from "jsonwebtoken";
import { createRegistryAccount, registration, type RegistryAccount } from "../../test/factories";
import { codeOf, type GraphQLClient } from "../../test/graphql-client";
import {
  ACCOUNT,
  LOGIN,
  ME,
  REFRESH,
  UPDATE_PROFILE,
  registerAndLogin,
} from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { SessionEntity } from "./session.entity";

// docs/security.md JWT-1..JWT-3 (T12) and "log out everywhere" (item 3).
const secret = randomBytes(32).toString("base64url");
let t: TestApp;
let account: RegistryAccount;

beforeAll(async () => {
  t = await startTestApp({ config: { jwtSecret: secret } });
  account = await createRegistryAccount(t.db.dataSource);
});
afterAll(() => t.close());

async function loggedIn(): Promise<{ client: GraphQLClient; claims: jwt.JwtPayload }> {
  const client = t.client();
  await registerAndLogin(client, registration(account));
  return { client, claims: jwt.decode(client.accessToken!) as jwt.JwtPayload };
}

const now = () => Math.floor(t.clock.now().getTime() / 1000);

function forge(
  claims: jwt.JwtPayload,
  changes: Record<string, unknown>,
  header: Record<string, unknown> = {},
): string {
  const payload: Record<string, unknown> = { ...claims, ...changes };
  for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
  return jwt.sign(payload, secret, {
    algorithm: "HS256",
    header: { alg: "HS256", typ: "at+jwt", ...header },
  });
}

describe("access token checks (JWT-1, JWT-2)", () => {
  it("accepts a token it would issue itself (the forging helper is sound)", async () => {
    const { claims } = await loggedIn();
    const client = t.client();
    client.accessToken = forge(claims, {});
    expect((await client.ok(ME)).me).not.toBeNull();
  });

  it.each([
    ["issued 5 minutes in the future", () => ({ iat: now() + 300, exp: now() + 600 })],
    ["valid only from 5 minutes on (nbf)", () => ({ nbf: now() + 300 })],
    ["a lifetime of an hour", () => ({ iat: now(), exp: now() + 3600 })],
    ["no expiry", () => ({ exp: undefined })],
    ["another issuer", () => ({ iss: "someone-else" })],
  ])("refuses a token with %s", async (_name, changes) => {
    const { claims } = await loggedIn();
    const client = t.client();
    client.accessToken = forge(claims, changes());
    expect((await client.ok(ME)).me).toBeNull();
  });

  it("tolerates 30 s of clock skew", async () => {
    const { claims } = await loggedIn();
    const client = t.client();
    client.accessToken = forge(claims, { iat: now() + 20, nbf: now() + 20, exp: now() + 600 });
    expect((await client.ok(ME)).me).not.toBeNull();
  });

  it("refuses a token used before at its expiry (30 s skew), as TOKEN_EXPIRED", async () => {
    const { client, claims } = await loggedIn();
    const issued = t.clock.now();
    try {
      expect((await client.ok(ME)).me).not.toBeNull();
      t.clock.set(new Date((claims.exp! + 29) * 1000));
      expect((await client.ok(ME)).me).not.toBeNull();
      t.clock.set(new Date((claims.exp! + 30) * 1000));
      const expired = await client.request(ACCOUNT, { number: account.account.number });
      expect(expired.errors?.[0]?.extensions?.reason).toBe("TOKEN_EXPIRED");
      // Before its `iat` (beyond the skew), a token seen before is refused again too.
      t.clock.set(new Date((claims.iat! - 31) * 1000));
      const early = await client.request(ACCOUNT, { number: account.account.number });
      expect(early.errors?.[0]?.extensions?.reason).toBe("TOKEN_INVALID");
    } finally {
      t.clock.set(issued);
    }
  });

  it("ignores jku/jwk headers: a token signed with the attacker's key fails", async () => {
    const { claims } = await loggedIn();
    const client = t.client();
    client.accessToken = jwt.sign(claims, "attacker-key-".repeat(4), {
      algorithm: "HS256",
      header: { alg: "HS256", typ: "at+jwt", jku: "https://evil.example.com/jwks.json" },
    });
    expect((await client.ok(ME)).me).toBeNull();
  });
});

describe("subscriber tokens only (JWT-3)", () => {
  it.each([
    ["the integrators' audience", { aud: "gas-integrations" }, {}],
    ["typ JWT", {}, { typ: "JWT" }],
    ["no typ", {}, { typ: undefined }],
  ])("refuses a token signed with the same secret but %s", async (_name, changes, header) => {
    const { claims } = await loggedIn();
    const client = t.client();
    client.accessToken = forge(claims, changes, header);
    expect((await client.ok(ME)).me).toBeNull();
    const update = await client.request(UPDATE_PROFILE, { input: { firstName: "Мария" } });
    expect(["UNAUTHENTICATED", "FORBIDDEN"]).toContain(codeOf(update));
  });
});

describe("logoutEverywhere", () => {
  it("ends every session of the caller on every device", async () => {
    const input = registration(account);
    const phone = t.client();
    const { userId } = await registerAndLogin(phone, input, true);
    const laptop = t.client();
    const login = await laptop.ok(LOGIN, {
      input: { email: input.email, password: input.password, rememberMe: true },
    });
    laptop.accessToken = login.login.accessToken;
    const sessions = () =>
      t.db.dataSource.getRepository(SessionEntity).countBy({ userId: Number(userId) });
    expect(await sessions()).toBe(2);

    const done = await phone.ok(/* GraphQL */ `
      mutation {
        logoutEverywhere
      }
    `);
    expect(done.logoutEverywhere).toBe(true);
    expect(await sessions()).toBe(0);
    for (const device of [phone, laptop]) {
      expect((await device.ok(ME)).me).toBeNull();
      expect(codeOf(await device.request(REFRESH))).toBe("UNAUTHENTICATED");
    }
    expect(codeOf(await t.client().request("mutation { logoutEverywhere }"))).toBe(
      "UNAUTHENTICATED",
    );
  });
});
