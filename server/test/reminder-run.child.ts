/**
 * A reminder run in a process of its own, for the test that kills it mid-run (kill -9): it
 * prints "batch" after the first batch that queued something and then waits to be killed.
 * Environment: TEST_DATABASE (the DatabaseConfig as JSON), NOW, DAY, SEAL_SECRET.
 */
import "reflect-metadata";
import pino from "pino";
import { setTimeout as sleep } from "node:timers/promises";
import { AuditService } from "../src/audit/audit.service";
import { FixedClock } from "../src/core/clock";
import { openDatabase } from "../src/db/open-database";
import { MailService } from "../src/mail/mail.service";
import { RemindersService } from "../src/reminders/reminders.service";
import { PushService } from "../src/push/push.service";
import { createRateLimits } from "../src/rate-limit/rate-limits";
import { SubmitLinkIssuer } from "../src/submit-links/link-issuer.service";

async function main(): Promise<void> {
  const dataSource = await openDatabase(JSON.parse(process.env.TEST_DATABASE!));
  const clock = new FixedClock(new Date(process.env.NOW!));
  const mail = new MailService(
    dataSource,
    clock,
    { publicUrl: "https://gas.example.kz", sealSecret: process.env.SEAL_SECRET! },
    { description: "nowhere", send: async () => undefined, close: () => undefined },
  );
  const audit = new AuditService(dataSource, clock);
  const log = pino({ level: "silent" });
  // Push is off (no VAPID keys): the run's pushes, if any, would reach no device.
  const push = new PushService(
    dataSource,
    clock,
    { vapid: null, allowLoopback: false },
    createRateLimits(dataSource, log, audit).requests,
    log,
  );
  const reminders = new RemindersService(dataSource, clock, {
    mail,
    links: new SubmitLinkIssuer(clock),
    push,
    audit,
  });
  await reminders.runDay(process.env.DAY!, {
    batchSize: 1,
    afterBatch: async (added) => {
      if (added === 0) return;
      process.stdout.write("batch\n");
      await sleep(600_000);
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(1);
});
