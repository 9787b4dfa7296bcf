/**
 * A reminder run in a process of its own, for the test that kills it mid-run (kill -9): it
 * prints "batch" after the first batch that queued something and then waits to be killed.
 * Environment: TEST_DATABASE (the DatabaseConfig as JSON), NOW, DAY, SEAL_SECRET.
 */
import "reflect-metadata";
import { setTimeout as sleep } from "node:timers/promises";
import { AuditService } from "../src/audit/audit.service";
import { FixedClock } from "../src/core/clock";
import { openDatabase } from "../src/db/open-database";
import { MailService } from "../src/mail/mail.service";
import { RemindersService } from "../src/reminders/reminders.service";
import { SubmitLinksService } from "../src/submit-links/submit-links.service";

async function main(): Promise<void> {
  const dataSource = await openDatabase(JSON.parse(process.env.TEST_DATABASE!));
  const clock = new FixedClock(new Date(process.env.NOW!));
  const mail = new MailService(
    dataSource,
    clock,
    { publicUrl: "https://gas.example.kz", sealSecret: process.env.SEAL_SECRET! },
    { description: "nowhere", send: async () => undefined, close: () => undefined },
  );
  const links = new SubmitLinksService(
    dataSource,
    clock,
    null as never,
    null as never,
    null as never,
  );
  const reminders = new RemindersService(
    dataSource,
    clock,
    mail,
    links,
    new AuditService(dataSource, clock),
  );
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
