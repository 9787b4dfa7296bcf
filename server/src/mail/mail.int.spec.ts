import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Writable } from "node:stream";
import pino from "pino";
import { createRegistryAccount, registration, type RegistryAccount } from "../../test/factories";
import { codeOf } from "../../test/graphql-client";
import { linkIn, parseMail, TestSmtpServer, tokenOf } from "../../test/mail";
import { LOGIN, REGISTER } from "../../test/operations";
import { CONFIRM_EMAIL, ME_VERIFIED } from "../../test/recovery-operations";
import { startTestApp, type TestApp } from "../../test/test-app";
import { MailOutboxEntity, OutboxStatus } from "./mail-outbox.entity";

const PUBLIC_URL = "https://gas.example.kz";

describe("with SMTP_URL", () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let account: RegistryAccount;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({
      config: {
        smtpUrl: smtp.url,
        publicUrl: PUBLIC_URL,
        mailFrom: "Газ <no-reply@gas.example.kz>",
      },
    });
    account = await createRegistryAccount(t.db.dataSource);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it.each([
    ["RU", "Подтвердите адрес электронной почты", "Ссылка действует 3 дня."],
    ["KK", "Электрондық пошта мекенжайын растаңыз", "Сілтеме 3 күн бойы жарамды."],
    ["EN", "Confirm your e-mail address", "The link is valid for 3 days."],
  ])(
    "registration sends a confirmation in the user's language (%s); confirming verifies the address",
    async (language, subject, validity) => {
      const input = registration(account, { language });
      await t.client().ok(REGISTER, { input });
      await t.app.services.mail.flush();
      const [mail] = smtp.to(String(input.email));
      expect(mail.subject).toBe(subject);
      expect(mail.headers.get("from")).toBe("Газ <no-reply@gas.example.kz>");
      expect(mail.headers.get("content-language")).toBe(language.toLowerCase());
      expect(mail.text).toContain(`${input.firstName}`);
      expect(mail.text).toContain(validity);
      expect(mail.html).toContain(`<html lang="${language.toLowerCase()}">`);
      const link = linkIn(mail, PUBLIC_URL, "/confirm-email");
      expect(link).toBeDefined();
      expect(mail.html).toContain(`href="${link}"`);

      // Login does not wait for the confirmation.
      const client = t.client();
      const loggedIn = await client.ok(LOGIN, {
        input: { email: input.email, password: input.password, rememberMe: false },
      });
      client.accessToken = loggedIn.login.accessToken;
      expect((await client.ok(ME_VERIFIED)).me.emailVerified).toBe(false);

      expect(await t.client().ok(CONFIRM_EMAIL, { token: tokenOf(link!) })).toEqual({
        confirmEmail: true,
      });
      expect((await client.ok(ME_VERIFIED)).me.emailVerified).toBe(true);
      // Opening the link again still says yes.
      expect(await t.client().ok(CONFIRM_EMAIL, { token: tokenOf(link!) })).toEqual({
        confirmEmail: true,
      });
    },
  );

  it("refuses an unknown or expired confirmation token", async () => {
    const input = registration(account);
    await t.client().ok(REGISTER, { input });
    await t.app.services.mail.flush();
    const token = tokenOf(linkIn(smtp.to(String(input.email))[0], PUBLIC_URL, "/confirm-email")!);
    expect(codeOf(await t.client().request(CONFIRM_EMAIL, { token: "C".repeat(43) }))).toBe(
      "INVALID_CONFIRMATION_TOKEN",
    );
    t.clock.set(new Date(t.clock.now().getTime() + 3 * 24 * 3600_000 + 1));
    try {
      expect(codeOf(await t.client().request(CONFIRM_EMAIL, { token }))).toBe(
        "INVALID_CONFIRMATION_TOKEN",
      );
    } finally {
      t.clock.set("2026-11-15T06:00:00Z");
    }
  });

  it("keeps a pending message sealed and drops it once sent", async () => {
    const input = registration(account);
    await t.client().ok(REGISTER, { input });
    const outbox = t.db.dataSource.getRepository(MailOutboxEntity);
    const [pending] = await outbox.find({ where: { recipient: String(input.email) } });
    expect(pending.status).toBe(OutboxStatus.PENDING);
    expect(pending.payload).not.toContain("gas.example.kz");
    expect(pending.payload).not.toContain("token");
    await t.app.services.mail.flush();
    const sent = await outbox.findOneByOrFail({ id: pending.id });
    expect(sent).toMatchObject({ status: OutboxStatus.SENT, payload: null, attempts: 1 });
    expect(sent.sentAt).toEqual(t.clock.now());
  });
});

describe("while SMTP is down (FT-8)", () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let account: RegistryAccount;

  beforeAll(async () => {
    smtp = await TestSmtpServer.down();
    t = await startTestApp({ config: { smtpUrl: smtp.url, publicUrl: PUBLIC_URL } });
    account = await createRegistryAccount(t.db.dataSource);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it("registration succeeds, and the mail is delivered once SMTP is back (retry with backoff)", async () => {
    const input = registration(account);
    await t.client().ok(REGISTER, { input });
    expect(await t.app.services.mail.flush()).toEqual({ sent: 0, failed: 1 });

    const outbox = t.db.dataSource.getRepository(MailOutboxEntity);
    const [row] = await outbox.find({ where: { recipient: String(input.email) } });
    expect(row).toMatchObject({ status: OutboxStatus.PENDING, attempts: 1 });
    expect(row.lastError).toBeTruthy();
    expect(row.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(15_000);

    await smtp.listen();
    // Not due yet: nothing is sent before the backoff is over.
    expect(await t.app.services.mail.flush()).toEqual({ sent: 0, failed: 0 });
    t.clock.set(new Date(t.clock.now().getTime() + 15_000));
    expect(await t.app.services.mail.flush()).toEqual({ sent: 1, failed: 0 });
    const [mail] = smtp.to(String(input.email));
    expect(linkIn(mail, PUBLIC_URL, "/confirm-email")).toBeDefined();
    expect(await outbox.findOneByOrFail({ id: row.id })).toMatchObject({
      status: OutboxStatus.SENT,
      attempts: 2,
    });
  });
});

describe("the dispatcher the app starts", () => {
  it("delivers without being asked and stops with the app", async () => {
    const smtp = await TestSmtpServer.start();
    const t = await startTestApp({
      config: { smtpUrl: smtp.url, publicUrl: PUBLIC_URL },
      mailDispatcher: true,
    });
    try {
      const account = await createRegistryAccount(t.db.dataSource);
      const input = registration(account);
      await t.client().ok(REGISTER, { input });
      await smtp.waitFor(1, 15_000);
      expect(smtp.to(String(input.email))).toHaveLength(1);
    } finally {
      await t.close();
      await smtp.stop();
    }
  });
});

describe("without SMTP_URL (the embedded default)", () => {
  it("writes each message to <dataDir>/outbox/*.eml and logs where", async () => {
    const lines: string[] = [];
    const log = pino(
      { level: "info" },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const dataDir = mkdtempSync(join(tmpdir(), "gas-mail-"));
    const outbox = join(dataDir, "outbox");
    const t = await startTestApp({
      config: { smtpUrl: null, publicUrl: PUBLIC_URL, dataDir },
      log,
      mailDispatcher: true,
    });
    try {
      expect(lines.join("")).toContain(`e-mail goes to files in ${outbox}`);
      const account = await createRegistryAccount(t.db.dataSource);
      const input = registration(account, { language: "KK" });
      await t.client().ok(REGISTER, { input });

      const emlFiles = () =>
        existsSync(outbox) ? readdirSync(outbox).filter((name) => name.endsWith(".eml")) : [];
      for (let i = 0; i < 100 && emlFiles().length === 0; i++) await sleep(100);
      await t.app.services.mail.flush(); // after the dispatcher's pass in progress
      const files = emlFiles();
      expect(files).toHaveLength(1);
      const file = join(outbox, files[0]);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const mail = parseMail(readFileSync(file, "utf8"));
      expect(mail.headers.get("to")).toBe(input.email);
      expect(mail.subject).toBe("Электрондық пошта мекенжайын растаңыз");
      expect(linkIn(mail, PUBLIC_URL, "/confirm-email")).toBeDefined();
      expect(lines.join("")).toContain(file);
    } finally {
      await t.close();
    }
  });
});
