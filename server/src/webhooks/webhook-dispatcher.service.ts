import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { In, IsNull, LessThan, type DataSource } from "typeorm";
import type { Logger } from "pino";
import type { Clock } from "../core/clock";
import { bulkInsert } from "../db/bulk-insert";
import { withTransaction } from "../db/transaction";
import type { ReadingsFeedService } from "../readings/readings-feed.service";
import { WebhookDeliveryEntity, WebhookDeliveryStatus } from "./webhook-delivery.entity";
import { WebhookDispatchEntity } from "./webhook-dispatch.entity";
import { webhookPass, type PassResult } from "./webhook-pass";
import type { WebhooksService } from "./webhooks.service";
import {
  readingEventBody,
  readingEventId,
  readingEventType,
  type WebhookEventType,
} from "./webhook-event.rules";

const DISPATCH_ROW = "readings";
/** A dispatcher that stops renewing its lease (crashed) is replaced after this long. */
const LEASE_MS = 30_000;
/** Feed entries read per page, and pages fanned out per pass. */
const FEED_PAGE = 200;
const PAGES_PER_PASS = 10;
export const DISPATCH_INTERVAL_MS = 2_000;
/** Delivered and given-up deliveries are kept this long for `webhookDeliveries` and replays. */
export const KEEP_DELIVERIES_MS = 30 * 24 * 3600_000;
const SWEEP_EVERY_MS = 3600_000;

type FeedPage = Awaited<ReturnType<ReadingsFeedService["readingsFeed"]>>;

export class LeaseLost extends Error {}

/**
 * Turns committed readings into webhook deliveries and sends them (README "Webhooks").
 *
 * The readings table is the outbox of reading events: a reading is in the feed if and only if
 * its transaction committed (readings/feed-sequence.ts), so the dispatcher pages the feed after
 * its stored cursor and writes, in one transaction with moving that cursor, one delivery per
 * subscribed endpoint. A rolled-back sending is never in the feed, a committed one is fanned
 * out exactly once (the cursor moves only with its deliveries, and only by the lease holder;
 * the unique (endpoint, event) key is the backstop), and a sending costs no extra statement.
 * Only the replica holding the lease row fans out; every replica sends due deliveries, each
 * claimed by a compare-and-set on its attempts as the mail outbox does.
 */
export class WebhookDispatcher {
  private readonly owner = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString("hex")}`;
  private queue: Promise<unknown> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private running = false;
  private sweptAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly feed: ReadingsFeedService,
    private readonly webhooks: WebhooksService,
    private readonly settings: { allowLoopback: boolean; timeoutMs: number },
    private readonly log?: Logger,
    private readonly random: () => number = Math.random,
  ) {}

  /** One pass: fan out new readings, then send every due delivery; passes never overlap. */
  flush(): Promise<PassResult> {
    const pass = this.queue
      .catch(() => undefined)
      .then(async () => {
        const fannedOut = await this.fanOut();
        const sent = await webhookPass(this.dataSource, this.clock, this.webhooks, {
          ...this.settings,
          random: this.random,
          log: this.log,
        });
        await this.sweep();
        return { ...sent, fannedOut };
      });
    this.queue = pass;
    return pass;
  }

  start(intervalMs = DISPATCH_INTERVAL_MS): void {
    if (this.running) return;
    this.running = true;
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
    this.tick();
  }

  /** Stops, waits for the pass in progress and hands the lease back for another replica. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    await this.queue.catch(() => undefined);
    await this.dataSource
      .getRepository(WebhookDispatchEntity)
      .update(
        { name: DISPATCH_ROW, leaseOwner: this.owner },
        { leaseOwner: null, leaseUntil: null },
      )
      .catch(() => undefined);
  }

  /** Now and then, forgets finished deliveries older than KEEP_DELIVERIES_MS. */
  private async sweep(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    await withTransaction(this.dataSource, (m) =>
      m.getRepository(WebhookDeliveryEntity).delete({
        status: In([WebhookDeliveryStatus.DELIVERED, WebhookDeliveryStatus.FAILED]),
        // Its last attempt, in the index the dispatcher reads due deliveries by.
        nextAttemptAt: LessThan(new Date(now - KEEP_DELIVERIES_MS)),
      }),
    );
  }

  private tick(): void {
    if (!this.running) return;
    this.flush().catch((error: unknown) =>
      this.log?.warn({ err: (error as Error).message }, "webhook dispatch pass failed"),
    );
  }

  /** Takes or renews the lease; answers the stored cursor, or undefined when another holds it. */
  private async claimLease(): Promise<string | null | undefined> {
    const repo = this.dataSource.getRepository(WebhookDispatchEntity);
    const row = await repo.findOne({ where: { name: DISPATCH_ROW } });
    if (!row) return undefined;
    const now = this.clock.now();
    const held =
      row.leaseOwner !== null &&
      row.leaseOwner !== this.owner &&
      row.leaseUntil !== null &&
      row.leaseUntil.getTime() > now.getTime();
    if (held) return undefined;
    // Compare-and-set on the owner seen: of two replicas taking a free lease, one wins.
    const taken = await withTransaction(this.dataSource, (m) =>
      m
        .getRepository(WebhookDispatchEntity)
        .update(
          { name: DISPATCH_ROW, leaseOwner: row.leaseOwner ?? IsNull() },
          { leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + LEASE_MS) },
        ),
    );
    return taken.affected === 1 ? row.feedCursor : undefined;
  }

  /** Moves the cursor from `from` to `to` and writes `deliveries`, all or nothing. */
  private async advance(
    from: string | null,
    to: string,
    deliveries: Partial<WebhookDeliveryEntity>[],
  ): Promise<void> {
    await withTransaction(this.dataSource, async (m) => {
      const moved = await m
        .getRepository(WebhookDispatchEntity)
        .update(
          { name: DISPATCH_ROW, leaseOwner: this.owner, feedCursor: from ?? IsNull() },
          { feedCursor: to },
        );
      if (moved.affected !== 1) throw new LeaseLost("another dispatcher took the lease");
      await bulkInsert(m, WebhookDeliveryEntity, deliveries);
    });
  }

  private async fanOut(): Promise<number> {
    const stored = await this.claimLease();
    if (stored === undefined) return 0;
    // The end is read before the endpoints: a reading before it committed before an endpoint
    // registered after the endpoints are read, so skipping to it loses nothing of that endpoint.
    const end = await this.feed.feedEnd();
    const endpoints = await this.subscribedEndpoints();
    if (stored === null || endpoints.length === 0) {
      if (stored !== end) await this.advance(stored, end, []);
      return 0;
    }
    let cursor = stored;
    let written = 0;
    try {
      for (let i = 0; i < PAGES_PER_PASS; i++) {
        const page = await this.feed.readingsFeed(cursor, FEED_PAGE);
        if (page.readings.length === 0 || page.endCursor === null) break;
        const deliveries = this.deliveriesOf(page, endpoints);
        await this.advance(cursor, page.endCursor, deliveries);
        written += deliveries.length;
        cursor = page.endCursor;
        if (!page.hasNextPage) break;
      }
    } catch (error) {
      if (!(error instanceof LeaseLost)) throw error;
    }
    return written;
  }

  /** Active endpoints whose client may read readings now (not revoked, scope readings:read). */
  private async subscribedEndpoints(): Promise<
    Array<{ id: number; apiClientId: number; events: Set<string> }>
  > {
    const rows: Array<{ id: number; api_client_id: number; events: string; scopes: string }> =
      await this.dataSource.query(
        "SELECT e.id, e.api_client_id, e.events, c.scopes FROM webhook_endpoints e " +
          "INNER JOIN api_clients c ON c.id = e.api_client_id " +
          "WHERE e.deleted_at IS NULL AND c.revoked_at IS NULL",
      );
    return rows
      .filter((row) => row.scopes.split(",").includes("readings:read"))
      .map((row) => ({
        id: Number(row.id),
        apiClientId: Number(row.api_client_id),
        events: new Set(row.events.split(",")),
      }));
  }

  private deliveriesOf(
    page: FeedPage,
    endpoints: Array<{ id: number; apiClientId: number; events: Set<string> }>,
  ): Partial<WebhookDeliveryEntity>[] {
    const now = this.clock.now();
    return page.readings.flatMap((reading) => {
      const type: WebhookEventType = readingEventType(reading.isCorrection);
      const id = readingEventId(reading.id);
      const body = readingEventBody({
        id,
        type,
        created: now,
        cursor: reading.cursor,
        reading: {
          id: String(reading.id),
          accountNumber: reading.accountNumber,
          meterSerial: reading.meterSerial,
          value: reading.value,
          takenAt: reading.takenAt.toISOString(),
          period: reading.period,
          source: reading.source,
          isCorrection: reading.isCorrection,
          meterVerificationOverdue: reading.meterVerificationOverdue,
        },
      });
      return endpoints
        .filter((endpoint) => endpoint.events.has(type))
        .map((endpoint) => ({
          endpointId: endpoint.id,
          apiClientId: endpoint.apiClientId,
          eventId: id,
          eventType: type,
          payload: body,
          status: WebhookDeliveryStatus.PENDING,
          attempts: 0,
          nextAttemptAt: now,
          lastError: null,
          createdAt: now,
          deliveredAt: null,
        }));
    });
  }
}
