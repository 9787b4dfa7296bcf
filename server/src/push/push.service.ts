import type { Logger } from "pino";
import { In, type DataSource } from "typeorm";
import webPush from "web-push";
import type { RequestMeta } from "../audit/request-meta";
import { SessionEntity } from "../auth/session.entity";
import { invalidField } from "../common/app-error";
import { postToCheckedAddress } from "../common/checked-address-post";
import { AddressRefused, checkPublicUrl, resolvePublicAddress } from "../common/public-address";
import type { Clock } from "../core/clock";
import { isUniqueViolation, withTransaction } from "../db/transaction";
import type { RequestLimits } from "../rate-limit/request-limits";
import type { VapidKeys } from "./push-config";
import { PushSubscriptionEntity } from "./push-subscription.entity";
import {
  checkSubscription,
  type PushMessage,
  pushPayload,
  pushTag,
  type SubscriptionInput,
  subscriptionGone,
} from "./push-subscription.rules";

export type { PushMessage } from "./push-subscription.rules";

/** Devices one subscriber may have subscribed at once; a newer one replaces the oldest. */
export const MAX_SUBSCRIPTIONS_PER_USER = 10;
/** How long a push service keeps an undelivered message (a phone that is off). */
const TTL_SECONDS = 24 * 3600;
const TIMEOUT_MS = 10_000;

export interface PushOutcome {
  /** Devices the push service accepted the message for. */
  sent: number;
  /** Subscriptions now removed: the push service said gone (404/410), or their session ended. */
  removed: number;
  /** Devices not reached this time (refused address, timeout, other answers); kept. */
  failed: number;
}

/** Web push (issue 20 §3): subscriptions per device and the Web Push protocol with VAPID. */
export class PushService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly settings: { vapid: VapidKeys | null; allowLoopback: boolean },
    private readonly limits: RequestLimits,
    private readonly log: Logger,
  ) {}

  /** The key browsers subscribe with; null when push is off. */
  publicKey(): string | null {
    return this.settings.vapid?.publicKey ?? null;
  }

  /**
   * Stores a browser's subscription for `userId`, tied to the session that subscribed. The same
   * endpoint subscribed again (or by another user on a shared browser) replaces the old row.
   * The endpoint is the client's choice: https, and every address of its host public.
   */
  async subscribe(userId: number, sessionId: string, input: SubscriptionInput): Promise<void> {
    if (!this.settings.vapid) {
      throw invalidField("endpoint", "Push notifications are not set up on this server.");
    }
    const checked = checkSubscription(input, this.settings.allowLoopback);
    if (!checked.ok) throw invalidField(checked.field, checked.reason);
    const { endpoint, p256dh, auth, device } = checked.value;
    try {
      await resolvePublicAddress(endpoint, this.settings.allowLoopback);
    } catch (error) {
      if (error instanceof AddressRefused) throw invalidField("endpoint", error.message);
      throw error;
    }
    const row = { userId, sessionId, endpoint: endpoint.href, p256dh, auth, device };
    try {
      await this.store(row);
    } catch (error) {
      // The same browser subscribed twice at once: the later one replaces the earlier.
      if (!isUniqueViolation(error)) throw error;
      await this.store(row);
    }
  }

  private async store(
    row: Pick<
      PushSubscriptionEntity,
      "userId" | "sessionId" | "endpoint" | "p256dh" | "auth" | "device"
    >,
  ): Promise<void> {
    const now = this.clock.now();
    await withTransaction(this.dataSource, async (manager) => {
      const rows = manager.getRepository(PushSubscriptionEntity);
      await rows.delete({ endpoint: row.endpoint });
      await rows.insert({ ...row, createdAt: now, lastSuccessAt: null });
      const beyond = await rows.find({
        select: { id: true },
        where: { userId: row.userId },
        order: { id: "DESC" },
        skip: MAX_SUBSCRIPTIONS_PER_USER,
        take: 100, // MySQL takes no OFFSET without LIMIT; one more than the cap, as a rule
      });
      if (beyond.length > 0) await rows.delete({ id: In(beyond.map((old) => old.id)) });
    });
  }

  /** Removes the caller's subscription at `endpoint`; false when there was none. */
  async unsubscribe(userId: number, endpoint: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(PushSubscriptionEntity)
      .delete({ userId, endpoint: normalized(endpoint) });
    return (result.affected ?? 0) > 0;
  }

  /** A session logged out: its device gets no more notifications. */
  async forgetSession(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(PushSubscriptionEntity).delete({ sessionId });
  }

  /** `logoutEverywhere`: none of the user's devices gets notifications any more. */
  async forgetUser(userId: number): Promise<void> {
    await this.dataSource.getRepository(PushSubscriptionEntity).delete({ userId });
  }

  /**
   * Sends `message` to every device of `userId`, encrypted for each (RFC 8291, aes128gcm) and
   * signed with the VAPID key (RFC 8292). A 404 or 410 removes that subscription. Never throws
   * for a device that cannot be reached; with push off it sends nothing.
   */
  async send(userId: number, message: PushMessage): Promise<PushOutcome> {
    const outcome: PushOutcome = { sent: 0, removed: 0, failed: 0 };
    const vapid = this.settings.vapid;
    if (!vapid) return outcome;
    const payload = pushPayload(message);
    const topic = pushTag(message);
    const rows = this.dataSource.getRepository(PushSubscriptionEntity);
    const subscriptions = await this.ofLiveSessions(userId, outcome);
    await Promise.all(
      subscriptions.map(async (subscription) => {
        const status = await this.deliver(subscription, payload, vapid, topic);
        if (status !== null && status >= 200 && status < 300) {
          outcome.sent++;
          await rows.update({ id: subscription.id }, { lastSuccessAt: this.clock.now() });
        } else if (status !== null && subscriptionGone(status)) {
          outcome.removed++;
          await rows.delete({ id: subscription.id });
        } else {
          outcome.failed++;
        }
      }),
    );
    return outcome;
  }

  /**
   * The user's subscriptions whose session still exists; those of a session that ended without
   * a logout here (a password change or reset on another device) are removed, and counted.
   */
  private async ofLiveSessions(
    userId: number,
    outcome: PushOutcome,
  ): Promise<PushSubscriptionEntity[]> {
    const rows = this.dataSource.getRepository(PushSubscriptionEntity);
    const [subscriptions, sessions] = await Promise.all([
      rows.findBy({ userId }),
      this.dataSource
        .getRepository(SessionEntity)
        .find({ select: { id: true }, where: { userId } }),
    ]);
    const live = new Set(sessions.map((session) => session.id));
    const ended = subscriptions.filter((row) => row.sessionId && !live.has(row.sessionId));
    if (ended.length > 0) await rows.delete({ id: In(ended.map((row) => row.id)) });
    outcome.removed += ended.length;
    return subscriptions.filter((row) => !ended.includes(row));
  }

  /** `sendTestPush`: a notification to the caller's own devices, a few an hour. */
  async sendTest(userId: number, message: PushMessage, meta: RequestMeta): Promise<PushOutcome> {
    await this.limits.beforeTestPush(userId, meta);
    return this.send(userId, message);
  }

  /** One device: the push service's HTTP status, or null when it was not reached. */
  private async deliver(
    subscription: PushSubscriptionEntity,
    payload: string,
    vapid: VapidKeys,
    topic: string | undefined,
  ): Promise<number | null> {
    const checked = checkPublicUrl(subscription.endpoint, this.settings.allowLoopback);
    const log = { event: "push_failed", subscriptionId: subscription.id };
    if (!checked.ok) {
      this.log.warn({ ...log, reason: checked.reason }, "push endpoint refused");
      return null;
    }
    try {
      const address = await resolvePublicAddress(checked.url, this.settings.allowLoopback);
      const request = webPush.generateRequestDetails(
        {
          endpoint: subscription.endpoint,
          keys: { p256dh: subscription.p256dh, auth: subscription.auth },
        },
        payload,
        { vapidDetails: vapid, TTL: TTL_SECONDS, contentEncoding: "aes128gcm", topic },
      );
      // Only the status matters: the answer's body is not read.
      const answer = await postToCheckedAddress({
        url: checked.url,
        address,
        headers: request.headers as Record<string, string | number>,
        body: request.body as Buffer,
        timeoutMs: TIMEOUT_MS,
        readBytes: 0,
      });
      if (answer.status === null) this.log.warn({ ...log, reason: answer.error }, "push not sent");
      else if (answer.status >= 300)
        this.log.info({ ...log, status: answer.status }, "push refused");
      return answer.status;
    } catch (error) {
      this.log.warn({ ...log, reason: (error as Error).message }, "push not sent");
      return null;
    }
  }
}

/** The endpoint as stored (`URL.href`); an unparsable one matches nothing. */
function normalized(endpoint: string): string {
  return URL.canParse(endpoint.trim()) ? new URL(endpoint.trim()).href : endpoint;
}
