import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { Clock } from "../core/clock";
import type { PushService } from "../push/push.service";
import { UserEntity } from "../users/user.entity";
import { PushReminderStatus, ReminderChannel, ReminderEntity } from "./reminder.entity";
import { dueVerification, reminderPush } from "./reminder-push.rules";
import { claimedPushMeters, pushesDue } from "./reminders.queries";

/** How long a sender holds a subscriber's push; a crashed sender's is sent again after it. */
export const PUSH_CLAIM_MS = 2 * 60_000;
/** A push no device took is tried again after this, up to MAX_PUSH_ATTEMPTS sendings. */
const PUSH_RETRY_MS = 10 * 60_000;
export const MAX_PUSH_ATTEMPTS = 3;
/** Subscribers claimed per pass, and sent to at once. */
const USERS_PER_PASS = 50;
const AT_ONCE = 8;

/**
 * The push reminders of a day (README "Reminders"): the run writes one PENDING row per meter and
 * subscriber; a pass claims a subscriber's rows (`claimed_until`, `attempts` + 1) before sending
 * him one push and marks them SENT after. A crash in between leaves them claimed: after the claim
 * runs out a later pass sends again, with the same Topic and notification tag, so the push
 * service and the device keep one. Claims are conditional updates: replicas never share one.
 */
export class ReminderPushes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly push: Pick<PushService, "send">,
    private readonly log?: Logger,
  ) {}

  /** Sends every due push of `day`; answers how many subscribers got one. */
  async sendDue(day: string): Promise<number> {
    let sent = 0;
    for (;;) {
      const users = await pushesDue(this.dataSource.manager, day, this.clock.now(), USERS_PER_PASS);
      if (users.length === 0) return sent;
      for (let i = 0; i < users.length; i += AT_ONCE) {
        const done = await Promise.all(users.slice(i, i + AT_ONCE).map((u) => this.sendTo(u, day)));
        sent += done.filter(Boolean).length;
      }
    }
  }

  private async sendTo(userId: number, day: string): Promise<boolean> {
    const now = this.clock.now();
    const claimedUntil = new Date(now.getTime() + PUSH_CLAIM_MS);
    const claimed = await this.rows()
      .createQueryBuilder()
      .update()
      .set({ claimedUntil, attempts: () => "attempts + 1" })
      .where("user_id = :userId AND day = :day AND channel = :push AND status = :pending", {
        userId,
        day,
        push: ReminderChannel.PUSH,
        pending: PushReminderStatus.PENDING,
      })
      .andWhere("(claimed_until IS NULL OR claimed_until < :now)", { now })
      .execute();
    if (!claimed.affected) return false; // another sender has it
    const settle = (status: PushReminderStatus, more: Partial<ReminderEntity> = {}) =>
      this.rows().update(
        {
          userId,
          day,
          channel: ReminderChannel.PUSH,
          status: PushReminderStatus.PENDING,
          claimedUntil,
        },
        { status, ...more },
      );
    const [user, meters] = await Promise.all([
      this.dataSource.getRepository(UserEntity).findOneBy({ id: userId }),
      claimedPushMeters(this.dataSource.manager, userId, day, claimedUntil),
    ]);
    // A sending since the run, or push turned off: nothing to remind of.
    if (!user || !user.reminderPush || meters.length === 0) {
      await settle(PushReminderStatus.CANCELLED, { claimedUntil: null });
      return false;
    }
    const message = reminderPush(
      user.language,
      day,
      meters.map((meter) => ({
        accountNumber: meter.accountNumber,
        meterSerial: meter.serialNumber,
        verification: dueVerification(meter.verificationDue, now),
      })),
    );
    const outcome = await this.push.send(userId, message);
    if (outcome.sent > 0) {
      await settle(PushReminderStatus.SENT, { sentAt: this.clock.now() });
      return true;
    }
    const [row] = await this.rows().find({
      select: { attempts: true },
      where: { userId, day, channel: ReminderChannel.PUSH, claimedUntil },
      take: 1,
    });
    if (outcome.failed > 0 && (row?.attempts ?? MAX_PUSH_ATTEMPTS) < MAX_PUSH_ATTEMPTS) {
      // Not reached this time: the claim becomes the time of the next try.
      await settle(PushReminderStatus.PENDING, {
        claimedUntil: new Date(now.getTime() + PUSH_RETRY_MS),
      });
    } else {
      // No device left (gone, or its session ended), or the last try failed.
      const status = outcome.failed > 0 ? PushReminderStatus.FAILED : PushReminderStatus.CANCELLED;
      await settle(status);
      this.log?.info({ userId, day, status }, "reminder push not delivered");
    }
    return false;
  }

  private rows() {
    return this.dataSource.getRepository(ReminderEntity);
  }
}
