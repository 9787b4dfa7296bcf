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
import type { PushService } from "../push/push.service";
import type { SubmitLinkIssuer } from "../submit-links/link-issuer.service";
import { SubmitLinkEntity } from "../submit-links/submit-link.entity";
import { UserEntity } from "../users/user.entity";
import { cleanUp } from "./reminder-cleanup";
import { PushReminderStatus, ReminderChannel, ReminderEntity } from "./reminder.entity";
import { dueVerification } from "./reminder-push.rules";
import { ReminderPushes } from "./reminder-pushes";
import { ReminderRunEntity } from "./reminder-run.entity";
import { parseReminderRef, reminderRef } from "./reminder-schedule.rules";
import {
  candidateMeters,
  type CandidateMeter,
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

export type ReminderRunView = Pick<
  ReminderRunEntity,
  "day" | "startedAt" | "finishedAt" | "queued"
> &
  Awaited<ReturnType<typeof reminderCounts>>;

export interface RunOutcome {
  /** False when another replica holds the day's lease, or the day is done. */
  ran: boolean;
  queued: number;
}

export interface RemindersDeps {
  mail: MailService;
  links: SubmitLinkIssuer;
  push: Pick<PushService, "send">;
  audit: AuditService;
}

/**
 * The day's reminders (README "Reminders"), to every subscriber linked to a meter with no
 * sending this month: by e-mail (channel on, address confirmed), listing each meter with its
 * one-tap link; by web push (channel on, a device subscribed), one notification. A legal entity
 * gets one e-mail and one push for all its meters.
 *
 * Exactly one replica works on a day: the one holding the lease of the day's `reminder_runs`
 * row. Each batch commits its reminders, links and e-mails together, so a crash leaves whole
 * batches; the next run skips meters already reminded that day, and the unique (meter, user,
 * channel, day) key is the backstop. At send time the mail dispatcher asks `stillNeeded` again;
 * pushes are sent after the queueing (reminder-pushes.ts). Under the lease, the run also deletes
 * old reminders and expired links (reminder-cleanup.ts).
 */
export class RemindersService {
  readonly owner = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString("hex")}`;

  private readonly mail: MailService;
  private readonly links: SubmitLinkIssuer;
  private readonly audit: AuditService;
  readonly pushes: ReminderPushes;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    deps: RemindersDeps,
    private readonly log?: Logger,
  ) {
    ({ mail: this.mail, links: this.links, audit: this.audit } = deps);
    this.pushes = new ReminderPushes(dataSource, clock, deps.push, log);
    this.mail.checkBeforeSending("reminder", (ref) => this.stillNeeded(ref));
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
    const cleaned = await cleanUp(this.dataSource, this.clock.now(), () =>
      this.renewLease(this.dataSource.manager, day, 0),
    );
    await this.finish(day);
    this.log?.info({ day, queued, cleaned }, "reminders queued");
    await this.pushes.sendDue(day);
    return { ran: true, queued };
  }

  private async queueBatch(
    manager: EntityManager,
    day: string,
    period: string,
    users: Awaited<ReturnType<typeof recipientsAfter>>,
  ): Promise<number> {
    const now = this.clock.now();
    const reminders: Partial<ReminderEntity>[] = [];
    const links: Partial<SubmitLinkEntity>[] = [];
    const mails: Partial<MailOutboxEntity>[] = [];
    const reminder = (meter: CandidateMeter, userId: number, channel: ReminderChannel) => ({
      meterId: meter.meterId,
      channel,
      day,
      userId,
      createdAt: now,
      status: channel === ReminderChannel.PUSH ? PushReminderStatus.PENDING : null,
    });
    const byEmail = users.filter((user) => user.byEmail);
    const emailMeters = byEmail.length
      ? await candidateMeters(manager, byEmail, period, day, ReminderChannel.EMAIL)
      : new Map<number, CandidateMeter[]>();
    for (const user of byEmail) {
      const own = emailMeters.get(user.id) ?? [];
      if (own.length === 0) continue;
      const listed = own.map((meter) => {
        const link = this.links.issue(meter.meterId, user.id, user.language, period);
        links.push(link.row);
        reminders.push(reminder(meter, user.id, ReminderChannel.EMAIL));
        return {
          accountNumber: meter.accountNumber,
          meterSerial: meter.serialNumber,
          link: this.mail.link("/submit", link.token, user.language),
          verification: dueVerification(meter.verificationDue, now),
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
    const byPush = users.filter((user) => user.byPush);
    if (byPush.length > 0) {
      const pushMeters = await candidateMeters(manager, byPush, period, day, ReminderChannel.PUSH);
      for (const [userId, own] of pushMeters) {
        for (const meter of own) reminders.push(reminder(meter, userId, ReminderChannel.PUSH));
      }
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
