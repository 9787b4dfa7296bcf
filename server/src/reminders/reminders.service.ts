import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { IsNull, Not, type DataSource, type EntityManager } from "typeorm";
import type { Logger } from "pino";
import { bulkInsert } from "../db/bulk-insert";
import { isUniqueViolation, withTransaction } from "../db/transaction";
import type { AuditService } from "../audit/audit.service";
import { NO_REQUEST, type RequestMeta } from "../audit/request-meta";
import { localDate } from "../core/almaty-time";
import type { Clock } from "../core/clock";
import type { MailService } from "../mail/mail.service";
import { MailOutboxEntity } from "../mail/mail-outbox.entity";
import { SubmitLinkEntity } from "../submit-links/submit-link.entity";
import type { SubmitLinksService } from "../submit-links/submit-links.service";
import { UserEntity } from "../users/user.entity";
import { ReminderChannel, ReminderEntity } from "./reminder.entity";
import { ReminderRunEntity } from "./reminder-run.entity";
import { parseReminderRef, reminderRef } from "./reminder-schedule.rules";
import {
  candidateMeters,
  recipientsAfter,
  reminderCounts,
  stillMissing,
} from "./reminders.queries";

/** Users per batch: one transaction writes their links, e-mails and reminder rows. */
const USERS_PER_BATCH = 500;
/** Rows per INSERT (the sealed e-mails are a few kilobytes each). */
const ROWS_PER_INSERT = 250;
/** A run that stops renewing its lease (crashed) is resumed by another replica after this. */
export const REMINDER_LEASE_MS = 60_000;

export interface ReminderRunView {
  day: string;
  startedAt: Date;
  finishedAt: Date | null;
  queued: number;
  delivered: number;
  failed: number;
}

export interface RunOutcome {
  /** False when another replica holds the day's lease, or the day is done. */
  ran: boolean;
  queued: number;
}

/**
 * The day's reminders (README "Reminders"): by e-mail, to every subscriber with the channel on
 * and a confirmed address, listing each meter of his accounts with no sending this month, each
 * with its one-tap link. A legal entity gets one e-mail for all its meters.
 *
 * Exactly one replica works on a day: the one holding the lease of the day's `reminder_runs`
 * row. Each batch commits its reminders, links and e-mails together, so a crash leaves whole
 * batches; the next run skips meters already reminded that day, and the unique (meter, channel,
 * day) key is the backstop. At send time the mail dispatcher asks `stillNeeded` again.
 */
export class RemindersService {
  readonly owner = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString("hex")}`;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mail: MailService,
    private readonly links: SubmitLinksService,
    private readonly audit: AuditService,
    private readonly log?: Logger,
  ) {
    mail.checkBeforeSending("reminder", (ref) => this.stillNeeded(ref));
  }

  /** Runs (or resumes) the reminders of `day` ("YYYY-MM-DD", Almaty) if no replica is. */
  async runDay(
    day: string,
    options: {
      again?: boolean;
      batchSize?: number;
      afterBatch?: (added: number) => Promise<void>;
    } = {},
  ): Promise<RunOutcome> {
    if (!(await this.takeLease(day, options.again ?? false))) return { ran: false, queued: 0 };
    const period = day.slice(0, 7);
    let queued = 0;
    let after = 0;
    for (;;) {
      const users = await recipientsAfter(
        this.dataSource.manager,
        after,
        options.batchSize ?? USERS_PER_BATCH,
      );
      if (users.length === 0) break;
      after = users[users.length - 1].id;
      const added = await withTransaction(this.dataSource, (manager) =>
        this.queueBatch(manager, day, period, users),
      );
      queued += added;
      if (added > 0) this.mail.nudge();
      await options.afterBatch?.(added);
    }
    await this.finish(day);
    this.log?.info({ day, queued }, "reminders queued");
    return { ran: true, queued };
  }

  private async queueBatch(
    manager: EntityManager,
    day: string,
    period: string,
    users: Awaited<ReturnType<typeof recipientsAfter>>,
  ): Promise<number> {
    const meters = await candidateMeters(manager, users, period, day);
    const now = this.clock.now();
    const reminders: Partial<ReminderEntity>[] = [];
    const links: Partial<SubmitLinkEntity>[] = [];
    const mails: Partial<MailOutboxEntity>[] = [];
    const reminded = new Set<number>();
    for (const user of users) {
      const own = (meters.get(user.id) ?? []).filter((m) => !reminded.has(m.meterId));
      if (own.length === 0) continue;
      const listed = own.map((meter) => {
        reminded.add(meter.meterId);
        const link = this.links.newLink(meter.meterId, user.id, user.language, period);
        links.push(link.row);
        reminders.push({
          meterId: meter.meterId,
          channel: ReminderChannel.EMAIL,
          day,
          userId: user.id,
          createdAt: now,
        });
        return {
          accountNumber: meter.accountNumber,
          meterSerial: meter.serialNumber,
          link: this.mail.link("/submit", link.token, user.language),
        };
      });
      mails.push(
        this.mail.outboxRow(
          { email: user.email, language: user.language },
          {
            kind: "READING_REMINDER",
            firstName: user.firstName,
            period,
            meters: listed,
            settingsUrl: this.mail.appUrl("/settings"),
          },
          reminderRef(day, user.id),
        ),
      );
    }
    // The reminders first: a second worker's rows would stop this batch at the unique key.
    for (const [target, rows] of [
      [ReminderEntity, reminders],
      [SubmitLinkEntity, links],
      [MailOutboxEntity, mails],
    ] as const) {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        await bulkInsert(manager, target, rows.slice(i, i + ROWS_PER_INSERT) as never[]);
      }
    }
    await this.renewLease(manager, day, reminders.length);
    return reminders.length;
  }

  /** An operator's run of today's reminders (audited); adds only what is still missing. */
  async runNow(operator: UserEntity, meta: RequestMeta = NO_REQUEST): Promise<ReminderRunView> {
    const day = localDate(this.clock.now());
    await this.audit.record({ type: "REMINDERS_RUN", userId: operator.id, meta, detail: { day } });
    await this.runDay(day, { again: true });
    const [run] = (await this.runs(1)).filter((r) => r.day === day);
    return run;
  }

  /** The subscriber's reminder channels. */
  async updateSettings(user: UserEntity, email: boolean, push: boolean): Promise<UserEntity> {
    const changes = { reminderEmail: email, reminderPush: push, updatedAt: this.clock.now() };
    await this.dataSource.getRepository(UserEntity).update({ id: user.id }, changes);
    return { ...user, ...changes };
  }

  /** Whether a reminder e-mail is still worth sending: one of its meters still has no sending. */
  async stillNeeded(ref: string): Promise<boolean> {
    const parsed = parseReminderRef(ref);
    if (!parsed) return true;
    return stillMissing(this.dataSource.manager, parsed.userId, parsed.day);
  }

  /** The last runs, newest first, with their e-mails' outcome so far. */
  async runs(last: number): Promise<ReminderRunView[]> {
    const rows = await this.dataSource
      .getRepository(ReminderRunEntity)
      .find({ order: { day: "DESC" }, take: last });
    return Promise.all(
      rows.map(async (run) => ({
        day: run.day,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        queued: run.queued,
        ...(await reminderCounts(this.dataSource.manager, run.day)),
      })),
    );
  }

  /** Whether the day's run has finished (the scheduler then stops asking). */
  async isFinished(day: string): Promise<boolean> {
    const run = await this.dataSource.getRepository(ReminderRunEntity).findOneBy({ day });
    return run?.finishedAt != null;
  }

  /** `again`: an operator's run reopens a finished day (it adds only what is still missing). */
  private async takeLease(day: string, again: boolean): Promise<boolean> {
    const now = this.clock.now();
    const repo = this.dataSource.getRepository(ReminderRunEntity);
    try {
      await repo.insert({
        day,
        startedAt: now,
        finishedAt: null,
        queued: 0,
        leaseOwner: null,
        leaseUntil: null,
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    if (again) await repo.update({ day, finishedAt: Not(IsNull()) }, { finishedAt: null });
    const result = await repo
      .createQueryBuilder()
      .update()
      .set({ leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + REMINDER_LEASE_MS) })
      .where("day = :day AND finished_at IS NULL", { day })
      .andWhere("(lease_until IS NULL OR lease_until < :now OR lease_owner = :owner)", {
        now,
        owner: this.owner,
      })
      .execute();
    return result.affected === 1;
  }

  /** In the batch's transaction: the lease is still ours (else the batch rolls back). */
  private async renewLease(manager: EntityManager, day: string, added: number): Promise<void> {
    const now = this.clock.now();
    const result = await manager
      .getRepository(ReminderRunEntity)
      .createQueryBuilder()
      .update()
      .set({
        leaseUntil: new Date(now.getTime() + REMINDER_LEASE_MS),
        queued: () => `queued + ${Number(added)}`,
      })
      .where("day = :day AND lease_owner = :owner", { day, owner: this.owner })
      .execute();
    if (result.affected !== 1) throw new Error(`lost the reminder lease of ${day}`);
  }

  private async finish(day: string): Promise<void> {
    await this.dataSource
      .getRepository(ReminderRunEntity)
      .update(
        { day, leaseOwner: this.owner },
        { finishedAt: this.clock.now(), leaseOwner: null, leaseUntil: null },
      );
  }
}
