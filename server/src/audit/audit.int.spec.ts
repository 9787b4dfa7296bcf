import { createRegistryAccount, registration, type RegistryAccount } from "../../test/factories";
import { codeOf, type GraphQLClient } from "../../test/graphql-client";
import { linkIn, TestSmtpServer, tokenOf } from "../../test/mail";
import {
  CHANGE_PASSWORD,
  LINK,
  LOGIN,
  REFRESH,
  REGISTER,
  SUBMIT,
  UNLINK,
} from "../../test/operations";
import { CONFIRM_EMAIL, REQUEST_RESET, RESET_PASSWORD } from "../../test/recovery-operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { AuditEventEntity } from "./audit-event.entity";
import { auditDetailJson, cleanText } from "./audit.service";

const PUBLIC_URL = "https://gas.example.kz";
const USER_AGENT = "AuditTest/1.0 (Android 14; Redmi Note 12)";

let t: TestApp;
let smtp: TestSmtpServer;
let home: RegistryAccount;
let cottage: RegistryAccount;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  t = await startTestApp({ config: { smtpUrl: smtp.url, publicUrl: PUBLIC_URL } });
  home = await createRegistryAccount(t.db.dataSource);
  cottage = await createRegistryAccount(t.db.dataSource);
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

/** Sends with the phone's user agent; fails the test on an unexpected error. */
async function send(
  client: GraphQLClient,
  query: string,
  variables?: Record<string, unknown>,
  expectedCode?: string,
) {
  const response = await client.request(query, variables, {
    headers: { "user-agent": USER_AGENT },
  });
  if (expectedCode) expect(codeOf(response)).toBe(expectedCode);
  else if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response;
}

async function lastMailLink(email: string, path: string): Promise<string> {
  await t.app.services.mail.flush();
  const mails = smtp.to(email);
  return linkIn(mails[mails.length - 1], PUBLIC_URL, path)!;
}

describe("audit log (AUTH-5, LOG-1)", () => {
  it("records each security event with user, address, user agent, request id and UTC time, and no secret", async () => {
    const input = registration(home, { language: "RU" });
    const email = String(input.email);
    const password = String(input.password);
    const wrongPassword = "Неверный-пароль-77";
    const changedPassword = "Жаңа-құпиясөз-2026!";
    const resetPassword = "Көктемгі-жаңбыр-2027!";
    const secrets: string[] = [password, wrongPassword, changedPassword, resetPassword];
    for (const amount of [home.lastPayment, cottage.lastPayment]) {
      secrets.push(amount, amount.replace(",", "."), amount.replace(/\D/g, ""));
    }

    const phone = t.client();
    const registered = await send(phone, REGISTER, { input });
    const userId = Number((registered.data as any).register.user.id);
    const confirmLink = await lastMailLink(email, "/confirm-email");
    secrets.push(confirmLink, tokenOf(confirmLink));

    await send(
      phone,
      LOGIN,
      { input: { email, password: wrongPassword, rememberMe: false } },
      "INVALID_CREDENTIALS",
    );
    await send(
      phone,
      LOGIN,
      { input: { email: "stranger@example.kz", password: wrongPassword, rememberMe: false } },
      "INVALID_CREDENTIALS",
    );
    const loggedIn = await send(phone, LOGIN, { input: { email, password, rememberMe: true } });
    phone.accessToken = (loggedIn.data as any).login.accessToken;
    secrets.push(phone.accessToken!, ...phone.cookies.values());

    await send(phone, CONFIRM_EMAIL, { token: tokenOf(confirmLink) });
    await send(phone, LINK, {
      input: { accountNumber: cottage.account.number, lastPaymentAmount: cottage.lastPayment },
    });
    await send(phone, UNLINK, { number: cottage.account.number });
    await send(phone, SUBMIT, {
      input: {
        meterId: String(home.meters[0].id),
        value: "1600,5",
        idempotencyKey: "5b0e6f0e-6a58-4c8e-9b8c-0d7f3f1d2a10",
      },
    });
    await send(phone, CHANGE_PASSWORD, {
      input: { currentPassword: password, newPassword: changedPassword },
    });

    // A stolen, already rotated session cookie is replayed.
    const stolen = new Map(phone.cookies);
    await send(phone, REFRESH);
    secrets.push(...phone.cookies.values());
    const thief = t.client();
    stolen.forEach((value, name) => thief.cookies.set(name, value));
    await send(thief, REFRESH, undefined, "UNAUTHENTICATED");

    await send(t.client(), REQUEST_RESET, { input: { email } });
    const resetLink = await lastMailLink(email, "/reset-password");
    secrets.push(resetLink, tokenOf(resetLink));
    const resetInput = { input: { token: tokenOf(resetLink), newPassword: resetPassword } };
    await send(t.client(), RESET_PASSWORD, resetInput);
    await send(t.client(), RESET_PASSWORD, resetInput, "INVALID_RESET_TOKEN");

    const rows = await t.db.dataSource
      .getRepository(AuditEventEntity)
      .find({ order: { id: "ASC" } });
    const mine = rows.filter((row) => row.userId === userId);
    expect(mine.map((row) => row.eventType)).toEqual([
      "REGISTERED",
      "LOGIN_FAILED",
      "LOGIN_SUCCEEDED",
      "EMAIL_CONFIRMED",
      "ACCOUNT_LINKED",
      "ACCOUNT_UNLINKED",
      "READING_SUBMITTED",
      "PASSWORD_CHANGED",
      "SESSION_TOKEN_REUSED",
      "PASSWORD_RESET_REQUESTED",
      "PASSWORD_RESET",
      "PASSWORD_RESET_FAILED",
    ]);
    const unknownLogin = rows.find(
      (row) => row.eventType === "LOGIN_FAILED" && row.userId === null,
    );
    expect(JSON.parse(unknownLogin!.detail!)).toEqual({ reason: "UNKNOWN_EMAIL" });
    expect(JSON.parse(mine[1].detail!)).toEqual({ reason: "WRONG_PASSWORD" });

    for (const row of [...mine, unknownLogin!]) {
      expect(row.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      expect(row.userAgent).toBe(USER_AGENT);
      expect(row.requestId).toBeTruthy();
      expect(row.occurredAt).toEqual(t.clock.now());
    }
    // One request id per request.
    const requestIds = mine.map((row) => row.requestId);
    expect(new Set(requestIds).size).toBe(requestIds.length);

    // The change and the reset each sent the user a notice.
    await t.app.services.mail.flush();
    expect(smtp.to(email).map((mail) => mail.subject)).toEqual([
      "Подтвердите адрес электронной почты",
      "Пароль изменён",
      "Восстановление пароля",
      "Пароль изменён",
    ]);

    const stored = JSON.stringify(rows);
    for (const secret of secrets) expect(stored).not.toContain(secret);
    expect(stored).not.toContain("token=");
    expect(stored).not.toContain("1600");
  });
});

describe("audit detail", () => {
  it("drops keys that could hold a secret and cuts long values", () => {
    const json = auditDetailJson({
      password: "x",
      newPassword: "y",
      resetLink: "https://gas.example.kz/reset-password#token=abc",
      token: "abc",
      lastPaymentAmount: "12345.67",
      url: "https://x",
      reason: "A".repeat(500),
      accountId: 7,
    });
    expect(JSON.parse(json!)).toEqual({ reason: "A".repeat(120), accountId: 7 });
    expect(auditDetailJson({ token: "abc" })).toBeNull();
  });

  it("keeps control characters out of logged text (LOG-1)", () => {
    expect(cleanText("Mozilla\r\nX-Injected: 1\u0000", 255)).toBe("Mozilla  X-Injected: 1 ");
    expect(cleanText("я".repeat(300), 255)).toHaveLength(255);
  });
});
