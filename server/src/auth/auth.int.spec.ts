import jwt from "jsonwebtoken";
import { createRegistryAccount, registration, type RegistryAccount } from "../../test/factories";
import { codeOf } from "../../test/graphql-client";
import {
  CHANGE_PASSWORD,
  LOGIN,
  LOGOUT,
  ME,
  REFRESH,
  REGISTER,
  registerAndLogin,
} from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { SessionEntity } from "./session.entity";

let t: TestApp;
let account: RegistryAccount;

beforeAll(async () => {
  t = await startTestApp();
  account = await createRegistryAccount(t.db.dataSource);
});
afterAll(() => t.close());

const cookieAttributes = (setCookie: string) =>
  setCookie.split(";").map((part) => part.trim().toLowerCase());

describe("login", () => {
  it("answers an unknown e-mail and a wrong password with the same body", async () => {
    const input = registration(account);
    await t.client().ok(REGISTER, { input });
    const wrongPassword = await t.client().request(LOGIN, {
      input: { email: input.email, password: "Не-тот-пароль-1", rememberMe: false },
    });
    const unknownEmail = await t.client().request(LOGIN, {
      input: { email: "nobody@example.kz", password: "Не-тот-пароль-1", rememberMe: false },
    });
    expect(codeOf(wrongPassword)).toBe("INVALID_CREDENTIALS");
    expect(wrongPassword.status).toBe(unknownEmail.status);
    expect(wrongPassword.text).toBe(unknownEmail.text);
    expect(wrongPassword.text).not.toContain("Не-тот-пароль-1");
  });

  it("accepts the e-mail in any case and sets a browser-session cookie without remember-me", async () => {
    const input = registration(account);
    await t.client().ok(REGISTER, { input });
    const client = t.client();
    const data = await client.ok(LOGIN, {
      input: {
        email: String(input.email).toUpperCase(),
        password: input.password,
        rememberMe: false,
      },
    });
    expect(data.login.user.email).toBe(input.email);
    const [cookie] = client.lastSetCookies;
    const attributes = cookieAttributes(cookie);
    expect(attributes).toEqual(expect.arrayContaining(["httponly", "samesite=strict", "path=/"]));
    expect(attributes.some((a) => a.startsWith("max-age") || a.startsWith("expires"))).toBe(false);
  });

  it("keeps a remember-me session for 30 days and renews it on refresh", async () => {
    const client = t.client();
    await registerAndLogin(client, registration(account), true);
    expect(cookieAttributes(client.lastSetCookies[0])).toContain(`max-age=${30 * 24 * 3600}`);
    await client.ok(REFRESH);
    expect(cookieAttributes(client.lastSetCookies[0])).toContain(`max-age=${30 * 24 * 3600}`);
  });

  it("issues an HS256 access token for the API audience, bound to a session, for 10 minutes", async () => {
    const client = t.client();
    await registerAndLogin(client, registration(account));
    const decoded = jwt.decode(client.accessToken!, { complete: true })!;
    const payload = decoded.payload as jwt.JwtPayload;
    expect(decoded.header).toMatchObject({ alg: "HS256", typ: "at+jwt" });
    expect(payload).toMatchObject({ aud: "gas-api", iss: "gas-readings" });
    expect(payload.exp! - payload.iat!).toBe(600);
    expect(typeof payload.sid).toBe("string");
  });
});

describe("sessions", () => {
  it("refresh rotates the cookie; replaying the old one revokes the session", async () => {
    const client = t.client();
    await registerAndLogin(client, registration(account));
    const original = new Map(client.cookies);
    const refreshed = await client.ok(REFRESH);
    expect(client.cookies).not.toEqual(original);
    client.accessToken = refreshed.refreshSession.accessToken;
    expect((await client.ok(ME)).me).not.toBeNull();

    const thief = t.client();
    original.forEach((value, name) => thief.cookies.set(name, value));
    expect(codeOf(await thief.request(REFRESH))).toBe("UNAUTHENTICATED");
    // The whole session is gone: the rotated cookie and the access token fail too.
    expect(codeOf(await client.request(REFRESH))).toBe("UNAUTHENTICATED");
    expect((await client.ok(ME)).me).toBeNull();
  });

  it("logout ends the session on the server: the unexpired access token stops working", async () => {
    const client = t.client();
    await registerAndLogin(client, registration(account));
    const token = client.accessToken!;
    await client.ok(LOGOUT);
    expect(client.cookies.size).toBe(0);
    const stale = t.client();
    stale.accessToken = token;
    expect((await stale.ok(ME)).me).toBeNull();
    expect(codeOf(await stale.request(`mutation { unlinkAccount(number: "1") }`))).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("a plain session ends on the server after 12 hours", async () => {
    const client = t.client();
    await registerAndLogin(client, registration(account));
    t.clock.set(new Date(t.clock.now().getTime() + 12 * 3600_000 + 1000));
    try {
      expect(codeOf(await client.request(REFRESH))).toBe("UNAUTHENTICATED");
    } finally {
      t.clock.set("2026-11-15T06:00:00Z");
    }
  });

  it("a password change keeps this session and ends the others", async () => {
    const input = registration(account);
    const phone = t.client();
    const { userId } = await registerAndLogin(phone, input);
    const laptop = t.client();
    laptop.accessToken = (
      await laptop.ok(LOGIN, {
        input: { email: input.email, password: input.password, rememberMe: true },
      })
    ).login.accessToken;

    const wrong = await phone.request(CHANGE_PASSWORD, {
      input: { currentPassword: "неверный-пароль-7", newPassword: "Новый-пароль-для-газа" },
    });
    expect(codeOf(wrong)).toBe("INVALID_CREDENTIALS");
    const weak = await phone.request(CHANGE_PASSWORD, {
      input: { currentPassword: input.password, newPassword: "12345678" },
    });
    expect(codeOf(weak)).toBe("WEAK_PASSWORD");

    await phone.ok(CHANGE_PASSWORD, {
      input: { currentPassword: input.password, newPassword: "Новый-пароль-для-газа" },
    });
    expect((await phone.ok(ME)).me).not.toBeNull();
    expect((await laptop.ok(ME)).me).toBeNull();
    expect(codeOf(await laptop.request(REFRESH))).toBe("UNAUTHENTICATED");
    expect(
      await t.db.dataSource.getRepository(SessionEntity).countBy({ userId: Number(userId) }),
    ).toBe(1);

    const oldPassword = await t.client().request(LOGIN, {
      input: { email: input.email, password: input.password, rememberMe: false },
    });
    expect(codeOf(oldPassword)).toBe("INVALID_CREDENTIALS");
    await t.client().ok(LOGIN, {
      input: { email: input.email, password: "Новый-пароль-для-газа", rememberMe: false },
    });
  });

  it.each([
    [
      "alg none",
      (token: string) => {
        const [, payload] = token.split(".");
        return `${Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url")}.${payload}.`;
      },
    ],
    [
      "a foreign key",
      (token: string) => {
        const payload = jwt.decode(token) as jwt.JwtPayload;
        return jwt.sign(payload, "x".repeat(40), {
          algorithm: "HS256",
          header: { alg: "HS256", typ: "at+jwt" },
        });
      },
    ],
    [
      "an edited subject",
      (token: string) => {
        const [header, payload, signature] = token.split(".");
        const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
        claims.sub = String(Number(claims.sub) + 1);
        return `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
      },
    ],
  ])("refuses a token with %s", async (_name, tamper) => {
    const client = t.client();
    await registerAndLogin(client, registration(account));
    const forged = t.client();
    forged.accessToken = tamper(client.accessToken!);
    expect((await forged.ok(ME)).me).toBeNull();
  });

  it("refuses an expired access token", async () => {
    const client = t.client();
    await registerAndLogin(client, registration(account), true);
    t.clock.set(new Date(t.clock.now().getTime() + 11 * 60_000));
    try {
      expect((await client.ok(ME)).me).toBeNull();
      const refreshed = await client.ok(REFRESH);
      client.accessToken = refreshed.refreshSession.accessToken;
      expect((await client.ok(ME)).me).not.toBeNull();
    } finally {
      t.clock.set("2026-11-15T06:00:00Z");
    }
  });
});
