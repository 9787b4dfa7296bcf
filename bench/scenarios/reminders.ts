import pino from "pino";
import type { DataSource } from "typeorm";
import { AccountLinkEntity } from "../../server/src/accounts/account-link.entity";
import { AccountEntity } from "../../server/src/accounts/account.entity";
import { AuditService } from "../../server/src/audit/audit.service";
import { bulkInsert } from "../../server/src/db/bulk-insert";
import { statementCount } from "../../server/src/db/statement-counter";
import { FixedClock } from "../../server/src/core/clock";
import { Language, PersonType, UserRole } from "../../server/src/core/enums";
import { MailService } from "../../server/src/mail/mail.service";
import type { MailTransport } from "../../server/src/mail/mail-transport";
import { MeterEntity } from "../../server/src/readings/meter.entity";
import { RemindersService } from "../../server/src/reminders/reminders.service";
import { PushService } from "../../server/src/push/push.service";
import { createRateLimits } from "../../server/src/rate-limit/rate-limits";
import { SubmitLinkIssuer } from "../../server/src/submit-links/link-issuer.service";
import { UserEntity } from "../../server/src/users/user.entity";

export interface ReminderFigures {
  meters: number;
  queued: number;
  emails: number;
  seconds: number;
  statements: number;
  /** Resident memory at the peak of the run (sampled every 250 ms), and before it. */
  peakRssMb: number;
  rssBeforeMb: number;
}

// 2,000 users of 15 columns: under SQLite's 32,766 parameters a statement.
const CHUNK = 2000;
const DAY = "2026-12-20";
const LANGUAGES = [Language.RU, Language.KK, Language.EN];

const maxId = async (dataSource: DataSource, table: string): Promise<number> =>
  Number((await dataSource.query(`SELECT COALESCE(MAX(id), 0) AS m FROM ${table}`))[0].m);

const idsAfter = async (dataSource: DataSource, table: string, after: number): Promise<number[]> =>
  (await dataSource.query(`SELECT id FROM ${table} WHERE id > ? ORDER BY id`, [after])).map(
    (row: { id: unknown }) => Number(row.id),
  );

/** `count` subscribers, each with a confirmed address and one account with one meter. */
async function fillRegistry(dataSource: DataSource, count: number): Promise<void> {
  const now = new Date("2026-12-01T00:00:00Z");
  const manager = dataSource.manager;
  for (let from = 1; from <= count; from += CHUNK) {
    const ns = Array.from({ length: Math.min(CHUNK, count - from + 1) }, (_, k) => from + k);
    const accountsBefore = await maxId(dataSource, "accounts");
    const usersBefore = await maxId(dataSource, "users");
    await bulkInsert(
      manager,
      AccountEntity,
      ns.map((n) => ({
        number: `9${String(n).padStart(9, "0")}`,
        holderName: `Абонентова Айгерим ${n}`,
        address: "г. Алматы",
        ownerBin: null,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await bulkInsert(
      manager,
      UserEntity,
      ns.map((n) => ({
        email: `r${n}@bench.kz`,
        emailNormalized: `r${n}@bench.kz`,
        passwordHash: "x",
        lastName: "Абонентова",
        firstName: "Айгерим",
        phone: "+77011234567",
        personType: PersonType.INDIVIDUAL,
        bin: null,
        language: LANGUAGES[n % 3],
        role: UserRole.SUBSCRIBER,
        emailVerifiedAt: now,
        reminderEmail: true,
        reminderPush: false,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const accounts = await idsAfter(dataSource, "accounts", accountsBefore);
    const users = await idsAfter(dataSource, "users", usersBefore);
    await bulkInsert(
      manager,
      MeterEntity,
      accounts.map((accountId) => ({
        accountId,
        serialNumber: `R-${accountId}`,
        installedAt: now,
        removedAt: null,
      })),
    );
    await bulkInsert(
      manager,
      AccountLinkEntity,
      users.map((userId, k) => ({ userId, accountId: accounts[k], createdAt: now })),
    );
  }
}

/** Scenario 13: the day's reminders for `count` meters, timed in this process. */
export async function queueReminders(
  dataSource: DataSource,
  count: number,
  log: (line: string) => void,
): Promise<ReminderFigures> {
  log(`  filling ${count} subscribers, accounts and meters …`);
  await fillRegistry(dataSource, count);
  const clock = new FixedClock(new Date("2026-12-20T06:00:00Z"));
  const nowhere: MailTransport = {
    description: "nowhere (bench)",
    send: async () => undefined,
    close: () => undefined,
  };
  const mail = new MailService(
    dataSource,
    clock,
    { publicUrl: "https://gas.example.kz", sealSecret: "bench-secret-bench-secret-bench-secret" },
    nowhere,
  );
  const audit = new AuditService(dataSource, clock);
  const silent = pino({ level: "silent" });
  // Push is off (no VAPID keys): the run's pushes, if any, would reach no device.
  const push = new PushService(
    dataSource,
    clock,
    { vapid: null, allowLoopback: false },
    createRateLimits(dataSource, silent, audit).requests,
    silent,
  );
  const reminders = new RemindersService(dataSource, clock, {
    mail,
    links: new SubmitLinkIssuer(clock),
    push,
    audit,
  });

  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
  const counter = { statements: 0 };
  const started = process.hrtime.bigint();
  log(`  queueing the reminders of ${DAY} …`);
  const outcome = await statementCount.run(counter, () => reminders.runDay(DAY));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const [{ n }] = await dataSource.query(
    "SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'READING_REMINDER'",
  );
  return {
    meters: count,
    queued: outcome.queued,
    emails: Number(n),
    seconds,
    statements: counter.statements,
    peakRssMb: peak / 2 ** 20,
    rssBeforeMb: rssBefore / 2 ** 20,
  };
}

export function remindersMarkdown(f: ReminderFigures): string[] {
  return [
    "",
    "## Reminders (scenario 13)",
    "",
    "| meters | reminders queued | e-mails | time | statements | RSS before / peak |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
    `| ${f.meters.toLocaleString("en")} | ${f.queued.toLocaleString("en")} | ${f.emails.toLocaleString("en")} | ${f.seconds.toFixed(1)} s | ${f.statements.toLocaleString("en")} | ${f.rssBeforeMb.toFixed(0)} / ${f.peakRssMb.toFixed(0)} MB |`,
  ];
}
