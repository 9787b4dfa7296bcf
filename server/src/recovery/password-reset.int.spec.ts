import { request as httpRequest } from "node:http";
import { createRegistryAccount, registration, type RegistryAccount } from "../../test/factories";
import { codeOf } from "../../test/graphql-client";
import { linkIn, TestSmtpServer, tokenOf, type ReceivedMail } from "../../test/mail";
import { LOGIN, ME, REFRESH, REGISTER, registerAndLogin } from "../../test/operations";
import { REQUEST_RESET, RESET_PASSWORD } from "../../test/recovery-operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { TokenPurpose, UserTokenEntity } from "./user-token.entity";

const PUBLIC_URL = "https://gas.example.kz";
const NEW_PASSWORD = "Тау-самалы-2027!";

let t: TestApp;
let smtp: TestSmtpServer;
let account: RegistryAccount;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  t = await startTestApp({ config: { smtpUrl: smtp.url, publicUrl: PUBLIC_URL } });
  account = await createRegistryAccount(t.db.dataSource);
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});
afterEach(() => t.clock.set("2026-11-15T06:00:00Z"));

/** Delivers the outbox and returns every message that arrived for `email`. */
async function deliver(email: string): Promise<ReceivedMail[]> {
  await t.app.services.mail.flush();
  return smtp.to(email);
}

async function registered(overrides: Record<string, unknown> = {}) {
  const input = registration(account, overrides);
  await t.client().ok(REGISTER, { input });
  await deliver(String(input.email)); // the confirmation e-mail
  return input as ReturnType<typeof registration> & { email: string; password: string };
}

/** Requests a reset and returns the token from the e-mail that arrives. */
async function resetToken(email: string): Promise<string> {
  const before = (await deliver(email)).length; // whatever was queued before
  await t.client().ok(REQUEST_RESET, { input: { email } });
  const mails = await deliver(email);
  expect(mails.length).toBe(before + 1);
  const link = linkIn(mails[mails.length - 1], PUBLIC_URL, "/reset-password");
  expect(link).toBeDefined();
  return tokenOf(link!);
}

const reset = (token: string, newPassword = NEW_PASSWORD) =>
  t.client().request(RESET_PASSWORD, { input: { token, newPassword } });

describe("requestPasswordReset (REC-1)", () => {
  it("answers true with the same body for a known and an unknown address; mails only the known one", async () => {
    const input = await registered({ language: "KK" });
    const unknown = `nobody.${Date.now()}@example.kz`;
    const sentBefore = smtp.messages.length;

    const known = await t.client().request(REQUEST_RESET, { input: { email: input.email } });
    const missing = await t.client().request(REQUEST_RESET, { input: { email: unknown } });
    expect(known.data).toEqual({ requestPasswordReset: true });
    expect(missing.status).toBe(known.status);
    expect(missing.text).toBe(known.text);

    await t.app.services.mail.flush();
    const arrived = smtp.messages.slice(sentBefore);
    expect(arrived.map((m) => m.to)).toEqual([[input.email]]);
    expect(smtp.to(unknown)).toEqual([]);

    const [mail] = arrived;
    expect(mail.subject).toBe("Құпиясөзді қалпына келтіру");
    expect(mail.text).toContain("30 минут бойы жарамды");
    expect(mail.html).toContain('lang="kk"');
    const link = linkIn(mail, PUBLIC_URL, "/reset-password");
    expect(link).toBeDefined();
    expect(mail.html).toContain(`href="${link}"`);
  });

  it("stores only the SHA-256 of the 32-byte token, valid for 30 minutes", async () => {
    const input = await registered();
    const token = await resetToken(input.email);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const rows = await t.db.dataSource
      .getRepository(UserTokenEntity)
      .find({ where: { purpose: TokenPurpose.PASSWORD_RESET }, order: { id: "DESC" }, take: 1 });
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBe(30 * 60_000);
  });

  it("builds the link from PUBLIC_URL, whatever Host the request names (REC-4)", async () => {
    const input = await registered();
    const body = JSON.stringify({
      query: REQUEST_RESET,
      variables: { input: { email: input.email } },
    });
    const url = new URL(t.url);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: "/graphql",
          method: "POST",
          headers: {
            host: "evil.example",
            "x-forwarded-host": "evil.example",
            "x-forwarded-proto": "http",
            origin: "http://evil.example",
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
    expect(status).toBe(200);
    const mails = await deliver(input.email);
    const mail = mails[mails.length - 1];
    expect(mail.raw).not.toContain("evil.example");
    expect(linkIn(mail, PUBLIC_URL, "/reset-password")).toBeDefined();
  });
});

describe("resetPassword (REC-2, REC-3)", () => {
  it("sets the password, sends a notice, and does not log in", async () => {
    const input = await registered({ language: "RU" });
    const token = await resetToken(input.email);
    const client = t.client();
    const response = await client.request(RESET_PASSWORD, {
      input: { token, newPassword: NEW_PASSWORD },
    });
    expect(response.data).toEqual({ resetPassword: true });
    expect(client.lastSetCookies).toEqual([]);
    expect(response.text).not.toContain(NEW_PASSWORD);
    expect(response.text).not.toContain(token);

    const old = await t.client().request(LOGIN, {
      input: { email: input.email, password: input.password, rememberMe: false },
    });
    expect(codeOf(old)).toBe("INVALID_CREDENTIALS");
    await t.client().ok(LOGIN, {
      input: { email: input.email, password: NEW_PASSWORD, rememberMe: false },
    });

    const mails = await deliver(input.email);
    const notice = mails[mails.length - 1];
    expect(notice.subject).toBe("Пароль изменён");
    expect(notice.text).toContain("Сеансы на всех ваших устройствах завершены");
    expect(notice.text).not.toContain(token);
  });

  it("T14: of 20 concurrent resets with one token exactly one succeeds", async () => {
    const input = await registered();
    const token = await resetToken(input.email);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => reset(token, `${NEW_PASSWORD}-${i}`)),
    );
    const succeeded = results.filter((r) => r.data?.resetPassword === true);
    const refused = results.filter((r) => codeOf(r) === "INVALID_RESET_TOKEN");
    expect(succeeded).toHaveLength(1);
    expect(refused).toHaveLength(19);
    // The winner's password is the one that works.
    const winner = results.indexOf(succeeded[0]);
    await t.client().ok(LOGIN, {
      input: { email: input.email, password: `${NEW_PASSWORD}-${winner}`, rememberMe: false },
    });
  });

  it("refuses a used, an expired and an unknown token alike", async () => {
    const input = await registered();
    const used = await resetToken(input.email);
    await t.client().ok(RESET_PASSWORD, { input: { token: used, newPassword: NEW_PASSWORD } });
    const again = await reset(used, "Другой-пароль-2028");

    const expiring = await resetToken(input.email);
    t.clock.set(new Date(t.clock.now().getTime() + 30 * 60_000 + 1));
    const expired = await reset(expiring);

    const unknown = await reset("A".repeat(43));
    const malformed = await reset("not a token");
    for (const response of [again, expired, unknown, malformed]) {
      expect(codeOf(response)).toBe("INVALID_RESET_TOKEN");
    }
    expect(expired.text).toBe(unknown.text);
    expect(again.text).toBe(unknown.text);
  });

  it("a token is good until its 30 minutes are over", async () => {
    const input = await registered();
    const token = await resetToken(input.email);
    t.clock.set(new Date(t.clock.now().getTime() + 29 * 60_000));
    expect((await reset(token)).data).toEqual({ resetPassword: true });
  });

  it("a new request voids the older link", async () => {
    const input = await registered();
    const first = await resetToken(input.email);
    const second = await resetToken(input.email);
    expect(codeOf(await reset(first))).toBe("INVALID_RESET_TOKEN");
    expect((await reset(second)).data).toEqual({ resetPassword: true });
  });

  it("applies the password policy of registration and keeps the token for another try", async () => {
    const input = await registered();
    const token = await resetToken(input.email);
    const weak = await reset(token, "password1");
    expect(codeOf(weak)).toBe("WEAK_PASSWORD");
    expect(weak.errors?.[0].extensions?.field).toBe("newPassword");
    const long = await reset(token, "я".repeat(129));
    expect(codeOf(long)).toBe("VALIDATION_FAILED");
    expect((await reset(token)).data).toEqual({ resetPassword: true });
  });

  it("SES-6: ends the sessions of every device; wrong tokens never lock the account", async () => {
    const phone = t.client();
    const input = registration(account);
    await registerAndLogin(phone, input, true);
    const laptop = t.client();
    const loggedIn = await laptop.ok(LOGIN, {
      input: { email: input.email, password: input.password, rememberMe: true },
    });
    laptop.accessToken = loggedIn.login.accessToken;
    expect((await phone.ok(ME)).me).not.toBeNull();

    for (let i = 0; i < 10; i++) await reset(`${"B".repeat(42)}${i}`);
    const token = await resetToken(String(input.email));
    expect((await reset(token)).data).toEqual({ resetPassword: true });

    for (const device of [phone, laptop]) {
      expect((await device.ok(ME)).me).toBeNull();
      expect(codeOf(await device.request(REFRESH))).toBe("UNAUTHENTICATED");
    }
    await t.client().ok(LOGIN, {
      input: { email: input.email, password: NEW_PASSWORD, rememberMe: false },
    });
  });
});

describe("REC-5 / RL-6 hook", () => {
  it("beyond 3 requests an hour for one e-mail still answers true but sends nothing", async () => {
    const mailServer = await TestSmtpServer.start();
    const limited = await startTestApp({
      config: { smtpUrl: mailServer.url, publicUrl: PUBLIC_URL },
      budgets: "real",
    });
    try {
      const registryAccount = await createRegistryAccount(limited.db.dataSource);
      const input = registration(registryAccount);
      await limited.client().ok(REGISTER, { input });
      const answers = [];
      for (let i = 0; i < 5; i++) {
        answers.push(
          await limited.client().request(REQUEST_RESET, { input: { email: input.email } }),
        );
      }
      expect(answers.map((a) => a.data)).toEqual(
        Array.from({ length: 5 }, () => ({ requestPasswordReset: true })),
      );
      expect(new Set(answers.map((a) => a.text)).size).toBe(1);
      await limited.app.services.mail.flush();
      const resets = mailServer
        .to(String(input.email))
        .filter((m) => linkIn(m, PUBLIC_URL, "/reset-password"));
      expect(resets).toHaveLength(3);
      // The last link sent still works: throttled requests did not void it.
      const token = tokenOf(linkIn(resets[2], PUBLIC_URL, "/reset-password")!);
      expect(
        (
          await limited
            .client()
            .request(RESET_PASSWORD, { input: { token, newPassword: NEW_PASSWORD } })
        ).data,
      ).toEqual({ resetPassword: true });
    } finally {
      await limited.close();
      await mailServer.stop();
    }
  });
});
