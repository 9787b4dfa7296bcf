import { spawn } from "node:child_process";
import { makeBin } from "../core/bin";
import type { FixedClock } from "../core/clock";
import { createRegistryAccount, registration } from "../../test/factories";
import { codeOf } from "../../test/graphql-client";
import { linkIn, TestSmtpServer, tokenOf, type ReceivedMail } from "../../test/mail";
import { LOGIN, REGISTER, SUBMIT } from "../../test/operations";
import {
  SUBMIT_BY_LINK,
  SUBMIT_LINK,
  subscriber,
  UPDATE_REMINDERS,
} from "../../test/reminder-operations";
import { ROOT } from "../../test/server-process";
import { startTestApp, startTestReplica, type TestApp } from "../../test/test-app";
import { AuditEventEntity } from "../audit/audit-event.entity";
import { MailOutboxEntity, OutboxStatus } from "../mail/mail-outbox.entity";
import { UserEntity } from "../users/user.entity";
import { AccountLinkEntity } from "../accounts/account-link.entity";
import { Language } from "../core/enums";
import { MeterEntity } from "../readings/meter.entity";
import { SubmitLinkEntity } from "../submit-links/submit-link.entity";
import { cleanUp } from "./reminder-cleanup";
import { ReminderChannel, ReminderEntity } from "./reminder.entity";

const PUBLIC_URL = "https://gas.example.kz";
/** 11:00 in Almaty on the 20th: the reminder day and past the hour. */
const NOW = "2026-12-20T06:00:00Z";

let t: TestApp;
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  t = await startTestApp({ now: NOW, config: { smtpUrl: smtp.url, publicUrl: PUBLIC_URL } });
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

// Each test runs its own day of December: runs of one day are one run.
let dayNumber = 0;
const nextDay = () => `2026-12-${String(++dayNumber).padStart(2, "0")}`;

const remindersOf = (meterIds: number[], day: string) =>
  t.db.dataSource
    .getRepository(ReminderEntity)
    .find({ where: meterIds.map((meterId) => ({ meterId, day })) });

const outboxOf = (day: string, userId: number) =>
  t.db.dataSource.getRepository(MailOutboxEntity).findBy({ ref: `reminder:${day}:${userId}` });

/** Sends every due e-mail (a pass sends a few at a time). */
async function drain(): Promise<void> {
  for (;;) {
    const pass = await t.app.services.mail.flush();
    if (pass.sent + pass.failed === 0) return;
  }
}

async function remindersIn(email: string): Promise<ReceivedMail[]> {
  await drain();
  return smtp.to(email).filter((m) => /#token=/.test(m.text) && m.text.includes("/submit#"));
}

describe("the reminder e-mail", () => {
  it.each([
    ["RU", "ru", "Передайте показания газового счётчика за декабрь 2026", "Передать показание"],
    [
      "KK",
      "kk",
      "Газ есептегішінің желтоқсан 2026 айындағы көрсеткішін беріңіз",
      "Көрсеткішті беру",
    ],
    ["EN", "en", "Send your gas meter reading for December 2026", "Send the reading"],
  ] as const)(
    "in %s, as text and HTML, with a link that opens the meter",
    async (language, tag, subject, action) => {
      const who = await subscriber(t, {
        language,
        account: { holderName: "Сарыбали Айгерим Нурлановна" },
      });
      const day = nextDay();
      await t.app.services.reminders.runDay(day);
      const [mail, ...more] = await remindersIn(who.email);
      expect(more).toHaveLength(0);
      expect(mail.subject).toBe(subject);
      expect(mail.headers.get("content-language")).toBe(tag);
      expect(mail.html).toContain(`<html lang="${tag}">`);
      for (const body of [mail.text, mail.html]) {
        expect(body).toContain(who.accountNumber);
        expect(body).toContain(who.serials[0]);
        expect(body).toContain(action);
      }
      const link = linkIn(mail, PUBLIC_URL, "/submit");
      // The page opens in the e-mail's language: the fragment says it, beside the token.
      expect(link).toMatch(new RegExp(`#token=[A-Za-z0-9_-]{43}&lang=${tag}$`));
      expect(mail.html).toContain(`href="${link!.replace("&", "&amp;")}"`);

      const token = tokenOf(link!);
      const view = await t.client().ok(SUBMIT_LINK, { token });
      expect(view.submitLink).toMatchObject({
        meterSerial: who.serials[0],
        accountNumber: who.accountNumber,
        holderNameMasked: "С***ли А. Н.",
        language,
      });
      const sent = await t.client().ok(SUBMIT_BY_LINK, {
        input: { token, value: "1501", idempotencyKey: `mail-${language}-1` },
      });
      expect(sent.submitReadingByLink.submission.used).toBe(1);
    },
  );

  it("a legal entity gets one e-mail listing each meter of its accounts, each with its link", async () => {
    const bin = makeBin("15054000321")!;
    const accounts = [];
    for (const number of ["6600000001", "6600000002"]) {
      accounts.push(
        await createRegistryAccount(t.db.dataSource, {
          number,
          ownerBin: bin,
          holderName: 'ТОО "Алтын Газ"',
          meters: [{ serialNumber: `LE-${number}`, readings: [["10", "2026-10-25T05:00:00Z"]] }],
        }),
      );
    }
    const input = registration(accounts[0], { personType: "LEGAL_ENTITY", bin, language: "EN" });
    const registered = await t.client().ok(REGISTER, { input });
    await t.db.dataSource
      .getRepository(UserEntity)
      .update({ id: Number(registered.register.user.id) }, { emailVerifiedAt: new Date(NOW) });

    await t.app.services.reminders.runDay(nextDay());
    const mails = await remindersIn(String(input.email));
    expect(mails).toHaveLength(1);
    const tokens = [...mails[0].text.matchAll(/\/submit#token=([A-Za-z0-9_-]{43})/g)].map(
      (m) => m[1],
    );
    expect(tokens).toHaveLength(2);
    const seen = [];
    for (const token of tokens) seen.push((await t.client().ok(SUBMIT_LINK, { token })).submitLink);
    expect(seen.map((v) => v.meterSerial).sort()).toEqual(["LE-6600000001", "LE-6600000002"]);
    expect(seen[0].holderNameMasked).toBe("ТОО А***аз");
  });
});

describe("who is reminded", () => {
  it("once per meter and day; never after a sending, to an unconfirmed address or with e-mail off", async () => {
    const plain = await subscriber(t);
    const sentAlready = await subscriber(t);
    const unconfirmed = await subscriber(t, { verified: false });
    const optedOut = await subscriber(t);
    await sentAlready.client.ok(SUBMIT, {
      input: {
        meterId: String(sentAlready.meterIds[0]),
        value: "1600",
        idempotencyKey: "before-1",
      },
    });
    const settings = await optedOut.client.ok(UPDATE_REMINDERS, { email: false, push: true });
    expect(settings.updateReminderSettings).toEqual({ reminderEmail: false, reminderPush: true });

    const day = nextDay();
    await t.app.services.reminders.runDay(day);
    const again = await t.app.services.reminders.runDay(day, { again: true });
    expect(again).toEqual({ ran: true, queued: 0 });

    const all = [plain, sentAlready, unconfirmed, optedOut];
    const reminded = await remindersOf(
      all.map((s) => s.meterIds[0]),
      day,
    );
    expect(reminded.map((r) => r.meterId)).toEqual([plain.meterIds[0]]);
    expect(await outboxOf(day, plain.userId)).toHaveLength(1);
    for (const other of all.slice(1)) expect(await outboxOf(day, other.userId)).toHaveLength(0);
  });

  it("checks again at send time: a sending after the run cancels the e-mail", async () => {
    const who = await subscriber(t);
    const day = nextDay();
    await t.app.services.reminders.runDay(day);
    await who.client.ok(SUBMIT, {
      input: { meterId: String(who.meterIds[0]), value: "1600", idempotencyKey: "after-run-1" },
    });
    expect(await remindersIn(who.email)).toHaveLength(0);
    const [row] = await outboxOf(day, who.userId);
    expect(row).toMatchObject({ status: OutboxStatus.CANCELLED, payload: null });
  });
});

describe("several subscribers of one account", () => {
  it("each one with the channel on is reminded once, in his own e-mail", async () => {
    const first = await subscriber(t);
    const second = await subscriber(t, { language: "EN" });
    const third = await subscriber(t);
    const fourth = await subscriber(t);
    const shared = await t.db.dataSource
      .getRepository(MeterEntity)
      .findOneByOrFail({ id: first.meterIds[0] });
    for (const other of [second, third, fourth]) {
      await t.db.dataSource
        .getRepository(AccountLinkEntity)
        .insert(t.app.services.accounts.newLink(other.userId, shared.accountId));
    }
    await third.client.ok(UPDATE_REMINDERS, { email: false, push: false });
    await t.db.dataSource
      .getRepository(UserEntity)
      .update({ id: fourth.userId }, { emailVerifiedAt: null });

    const day = nextDay();
    // Batches of one: every subscriber's reminder of the shared meter is its own batch.
    await t.app.services.reminders.runDay(day, { batchSize: 1 });
    await t.app.services.reminders.runDay(day, { again: true });
    const reminded = await remindersOf([shared.id], day);
    expect(reminded.map((r) => r.userId).sort((a, b) => a - b)).toEqual([
      first.userId,
      second.userId,
    ]);
    for (const who of [first, second]) {
      const mails = await remindersIn(who.email);
      expect(mails.filter((m) => m.text.includes(first.serials[0]))).toHaveLength(1);
    }
    expect(await outboxOf(day, third.userId)).toHaveLength(0);
    expect(await outboxOf(day, fourth.userId)).toHaveLength(0);
  });
});

describe("the meter's verification date", () => {
  it("is mentioned per meter when due within 60 days or passed, in text and HTML", async () => {
    const due = await subscriber(t, {
      account: { meters: [{ readings: [["10", "2026-10-25T05:00:00Z"]] }, {}, {}] },
    });
    const meters = t.db.dataSource.getRepository(MeterEntity);
    await meters.update({ id: due.meterIds[0] }, { verificationDue: "2026-11-30" });
    await meters.update({ id: due.meterIds[1] }, { verificationDue: "2027-02-18" });
    await meters.update({ id: due.meterIds[2] }, { verificationDue: "2027-02-19" });
    const english = await subscriber(t, { language: "EN" });
    await meters.update({ id: english.meterIds[0] }, { verificationDue: "2026-12-20" });

    await t.app.services.reminders.runDay(nextDay());
    const [mail] = await remindersIn(due.email);
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain(`Срок поверки счётчика ${due.serials[0]} истёк 30.11.2026`);
      // 60 days before 2027-02-18 is the 20th of December: due; the 19th is not yet.
      expect(body).toContain(`Поверка счётчика ${due.serials[1]} — до 18.02.2027`);
      expect(body).not.toContain("19.02.2027");
    }
    const [english_] = await remindersIn(english.email);
    for (const body of [english_.text, english_.html]) {
      expect(body).toContain(`Meter ${english.serials[0]} is verified until 20.12.2026`);
    }
  });
});

describe("the cleanup", () => {
  it("deletes reminders older than 13 months and links expired a week ago, in the run", async () => {
    const who = await subscriber(t);
    const reminders = t.db.dataSource.getRepository(ReminderEntity);
    const links = t.db.dataSource.getRepository(SubmitLinkEntity);
    const old = { meterId: who.meterIds[0], userId: who.userId, channel: ReminderChannel.EMAIL };
    const created = new Date("2025-01-01T00:00:00Z");
    // 13 months before the 20th of December 2026: the 20th of November 2025 is kept.
    for (const day of ["2025-10-20", "2025-11-19", "2025-11-20", "2026-06-20"]) {
      await reminders.insert({ ...old, day, createdAt: created });
    }
    const link = (expiresAt: string) => ({
      ...t.app.services.linkIssuer.issue(who.meterIds[0], who.userId, Language.RU, "2026-11").row,
      expiresAt: new Date(expiresAt),
    });
    const linkRows = [
      link("2026-10-31T19:00:00Z"),
      link("2026-12-12T05:00:00Z"),
      link("2026-12-13T07:00:00Z"),
    ];
    await links.insert(linkRows);

    await t.app.services.reminders.runDay(nextDay(), { again: true });
    const left = await reminders.findBy({ userId: who.userId, meterId: who.meterIds[0] });
    expect(left.map((r) => r.day).sort()).toEqual(
      expect.arrayContaining(["2025-11-20", "2026-06-20"]),
    );
    expect(left.map((r) => r.day)).not.toContain("2025-10-20");
    expect(left.map((r) => r.day)).not.toContain("2025-11-19");
    const kept = await links.findBy({ userId: who.userId, period: "2026-11" });
    expect(kept.map((l) => l.tokenHash)).toEqual([linkRows[2].tokenHash]);
  });

  it("deletes in batches of a thousand", async () => {
    const who = await subscriber(t);
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      meterId: 1_000_000 + i,
      userId: who.userId,
      channel: ReminderChannel.EMAIL,
      day: "2024-01-01",
      createdAt: new Date("2024-01-01T00:00:00Z"),
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await t.db.dataSource.getRepository(ReminderEntity).insert(rows.slice(i, i + 500));
    }
    let batches = 0;
    const cleaned = await cleanUp(t.db.dataSource, new Date(NOW), async () => {
      batches++;
    });
    expect(cleaned.reminders).toBeGreaterThanOrEqual(2500);
    expect(batches).toBeGreaterThanOrEqual(3);
    expect(await t.db.dataSource.getRepository(ReminderEntity).countBy({ day: "2024-01-01" })).toBe(
      0,
    );
  });
});

describe("replicas", () => {
  it("two servers on one database run the day at once: each meter reminded once", async () => {
    const subscribers = [];
    for (let i = 0; i < 6; i++) subscribers.push(await subscriber(t));
    const replica = await startTestReplica(t);
    try {
      const day = nextDay();
      const outcomes = await Promise.all([
        t.app.services.reminders.runDay(day, { batchSize: 2 }),
        replica.app.services.reminders.runDay(day, { batchSize: 2 }),
      ]);
      expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
      const reminded = await remindersOf(
        subscribers.map((s) => s.meterIds[0]),
        day,
      );
      expect(reminded).toHaveLength(6);
      for (const s of subscribers) expect(await outboxOf(day, s.userId)).toHaveLength(1);
    } finally {
      await replica.close();
    }
  });

  it("a run that dies mid-way is resumed by another replica after its lease: none missed, none twice", async () => {
    const subscribers = [];
    for (let i = 0; i < 5; i++) subscribers.push(await subscriber(t));
    const replica = await startTestReplica(t);
    try {
      const day = nextDay();
      const crash = t.app.services.reminders.runDay(day, {
        batchSize: 2,
        afterBatch: async (added) => {
          if (added > 0) throw new Error("killed mid-run");
        },
      });
      await expect(crash).rejects.toThrow("killed mid-run");
      const queuedBefore = await t.db.dataSource.getRepository(ReminderEntity).countBy({ day });
      expect(queuedBefore).toBeGreaterThan(0);

      // While the dead run's lease lasts, nobody takes the day over.
      expect(await replica.app.services.reminders.runDay(day)).toEqual({ ran: false, queued: 0 });
      (replica.app.services.clock as FixedClock).set(
        new Date(new Date(NOW).getTime() + 2 * 60_000),
      );
      const resumed = await replica.app.services.reminders.runDay(day, { batchSize: 2 });
      expect(resumed.ran).toBe(true);

      const reminded = await remindersOf(
        subscribers.map((s) => s.meterIds[0]),
        day,
      );
      expect(reminded).toHaveLength(5);
      for (const s of subscribers) expect(await outboxOf(day, s.userId)).toHaveLength(1);
      expect(await t.app.services.reminders.isFinished(day)).toBe(true);
    } finally {
      await replica.close();
    }
  });
});

describe("delivery", () => {
  it("the mail dispatcher runs pass after pass while passes are full, not one per interval", async () => {
    const smtp2 = await TestSmtpServer.start();
    const fast = await startTestApp({
      now: NOW,
      config: { smtpUrl: smtp2.url, publicUrl: PUBLIC_URL },
    });
    try {
      const emails: string[] = [];
      for (let i = 0; i < 25; i++) emails.push((await subscriber(fast)).email);
      const mail = fast.app.services.mail;
      while ((await mail.flush()).sent > 0); // the confirmation e-mails
      // One pass a minute: only going on after a full pass (20) delivers all 25 in time.
      mail.start(60_000);
      expect((await fast.app.services.reminders.runDay("2026-12-20")).queued).toBe(25);
      await smtp2.waitFor(50, 30_000);
      for (const email of emails) expect(smtp2.to(email)).toHaveLength(2);
    } finally {
      await fast.close();
      await smtp2.stop();
    }
  }, 90_000);
});

describe("the scheduler", () => {
  it("runs a reminder day once, from the hour on, and leaves other days alone", async () => {
    const who = await subscriber(t);
    const scheduler = t.app.services.reminderScheduler;
    try {
      t.clock.set("2026-12-20T04:59:00Z"); // 09:59 in Almaty
      await scheduler.check();
      expect(await outboxOf("2026-12-20", who.userId)).toHaveLength(0);
      t.clock.set("2026-12-21T06:00:00Z"); // not a reminder day
      await scheduler.check();
      expect(await outboxOf("2026-12-21", who.userId)).toHaveLength(0);
      t.clock.set("2026-12-20T05:00:00Z"); // 10:00
      await scheduler.check();
      await scheduler.check();
      expect(await outboxOf("2026-12-20", who.userId)).toHaveLength(1);
      expect(await t.app.services.reminders.isFinished("2026-12-20")).toBe(true);
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe("a kill -9 mid-run", () => {
  it("another process resumes after the lease: none missed, none twice", async () => {
    const subscribers = [];
    for (let i = 0; i < 3; i++) subscribers.push(await subscriber(t));
    const day = nextDay();
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "server/test/reminder-run.child.ts"],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TEST_DATABASE: JSON.stringify(t.db.config),
          NOW,
          DAY: day,
          SEAL_SECRET: t.config.passwordPepper,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const exited = new Promise((done) => child.on("exit", done));
    try {
      let out = "";
      await new Promise<void>((done, fail) => {
        child.stdout!.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("batch")) done();
        });
        child.on("exit", (code) => fail(new Error(`the run ended (${code}) before a batch`)));
      });
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
    const before = await t.db.dataSource.getRepository(ReminderEntity).countBy({ day });
    expect(before).toBeGreaterThan(0);

    t.clock.set(new Date(new Date(NOW).getTime() + 2 * 60_000));
    try {
      expect((await t.app.services.reminders.runDay(day)).ran).toBe(true);
    } finally {
      t.clock.set(NOW);
    }
    const reminded = await remindersOf(
      subscribers.map((s) => s.meterIds[0]),
      day,
    );
    expect(reminded).toHaveLength(3);
    for (const s of subscribers) expect(await outboxOf(day, s.userId)).toHaveLength(1);
  }, 60_000);
});

describe("operators", () => {
  it("see the last runs and start one (audited); subscribers may not", async () => {
    const who = await subscriber(t);
    const password = "Оператор-смены-2026";
    const email = `op${Date.now()}@gazholding.kz`;
    const operator = await t.app.services.operators.createOperator(email, password, "Смена 1");
    const client = t.client();
    const login = await client.ok(LOGIN, { input: { email, password, rememberMe: false } });
    client.accessToken = login.login.accessToken;

    const run = await client.ok(`mutation { runRemindersNow { day queued delivered failed } }`);
    expect(run.runRemindersNow).toMatchObject({ day: "2026-12-20", delivered: 0, failed: 0 });
    expect(run.runRemindersNow.queued).toBeGreaterThanOrEqual(1);
    await drain();
    const runs = await client.ok(
      `{ reminderRuns(last: 3) { day queued delivered failed finishedAt } }`,
    );
    expect(runs.reminderRuns[0]).toMatchObject({ day: "2026-12-20" });
    expect(runs.reminderRuns[0].delivered).toBeGreaterThanOrEqual(1);
    expect(runs.reminderRuns[0].finishedAt).not.toBeNull();
    const audit = await t.db.dataSource
      .getRepository(AuditEventEntity)
      .findBy({ userId: operator.id, eventType: "REMINDERS_RUN" });
    expect(audit).toHaveLength(1);

    expect(codeOf(await who.client.request(`mutation { runRemindersNow { day } }`))).toBe(
      "FORBIDDEN",
    );
    expect(codeOf(await who.client.request(`{ reminderRuns { day } }`))).toBe("FORBIDDEN");
  });
});
