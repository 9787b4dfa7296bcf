import { randomBytes } from "node:crypto";
import { IsNull, LessThan, type DataSource, type FindOptionsWhere } from "typeorm";
import type { AuditService } from "../audit/audit.service";
import type { RequestMeta } from "../audit/request-meta";
import type { Clock } from "../core/clock";
import { AppError, invalidField } from "../common/app-error";
import { AddressRefused, checkPublicUrl, resolvePublicAddress } from "../common/public-address";
import { pageSize } from "../common/pagination";
import { insertEntity } from "../db/bulk-insert";
import { withTransaction } from "../db/transaction";
import type { Integrator } from "../integrators/api-clients.service";
import { OutboxSeal } from "../mail/outbox-seal";
import type { ReadingsFeedService } from "../readings/readings-feed.service";
import { WebhookDeliveryEntity, WebhookDeliveryStatus } from "./webhook-delivery.entity";
import { WebhookDispatchEntity } from "./webhook-dispatch.entity";
import { WebhookEndpointEntity } from "./webhook-endpoint.entity";
import { parseEvents } from "./webhook-event.rules";

/** Endpoints one API client may have at once. */
export const MAX_ENDPOINTS_PER_CLIENT = 10;
/** Keys the sealed signing secrets apart from the mail outbox's. */
export const SECRET_SEAL_PURPOSE = "webhook-secret v1";

export interface WebhookSettings {
  /** The server secret the signing secrets are sealed with (the password pepper). */
  sealSecret: string;
  /** Test-only (WEBHOOK_ALLOW_LOOPBACK): http:// receivers on a loopback address. */
  allowLoopback: boolean;
}

export interface DeliveryPage {
  deliveries: WebhookDeliveryEntity[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const refused = (reason: string) =>
  new AppError("WEBHOOK_URL_REFUSED", {
    field: "url",
    message: `The webhook URL is refused: ${reason}`,
  });

const encodeId = (id: number) => Buffer.from(`delivery:${id}`, "utf8").toString("base64url");

/** The cursor after a delivery in `webhookDeliveries`. */
export const deliveryCursor = (row: { id: number }): string => encodeId(row.id);

function decodeId(cursor: string): number {
  const match = /^delivery:(\d{1,10})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw invalidField("after", "The cursor is not valid.");
  return Number(match[1]);
}

const parseId = (raw: string, field: string): number => {
  if (!/^\d{1,10}$/.test(raw))
    throw invalidField(field, `No such ${field === "id" ? "webhook" : "delivery"}.`);
  return Number(raw);
};

/**
 * The webhooks an API client manages (README "Webhooks"): its endpoints, each with a signing
 * secret shown once, and the deliveries made to them. Each client sees only its own.
 */
export class WebhooksService {
  private readonly seal: OutboxSeal;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly settings: WebhookSettings,
    private readonly feed: ReadingsFeedService,
    private readonly audit: AuditService,
  ) {
    this.seal = new OutboxSeal(settings.sealSecret, SECRET_SEAL_PURPOSE);
  }

  /** The signing secret of an endpoint, for the dispatcher. */
  secretOf(endpoint: WebhookEndpointEntity): string {
    return this.seal.open<string>(endpoint.secretSealed);
  }

  /**
   * Registers an endpoint. The URL is checked here as the dispatcher will check it before each
   * delivery (https; its host's addresses all public), so a bad one is refused at once.
   */
  async register(
    client: Integrator,
    rawUrl: string,
    eventNames: readonly string[],
    meta: RequestMeta,
  ): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
    const events = parseEvents(eventNames);
    if ("unknown" in events) {
      throw invalidField(
        "events",
        events.unknown ? `Unknown event "${events.unknown}".` : "Name at least one event.",
      );
    }
    const checked = checkPublicUrl(rawUrl.trim(), this.settings.allowLoopback);
    if (!checked.ok) throw refused(checked.reason);
    try {
      await resolvePublicAddress(checked.url, this.settings.allowLoopback);
    } catch (error) {
      if (error instanceof AddressRefused) throw refused(error.message);
      throw error;
    }
    await this.startFeedCursor();
    const secret = `whsec_${randomBytes(32).toString("base64url")}`;
    const endpoint = await withTransaction(this.dataSource, async (manager) => {
      const count = await manager
        .getRepository(WebhookEndpointEntity)
        .count({ where: { apiClientId: client.id, deletedAt: IsNull() } });
      if (count >= MAX_ENDPOINTS_PER_CLIENT) {
        throw invalidField(
          "url",
          `A client may have at most ${MAX_ENDPOINTS_PER_CLIENT} webhooks.`,
        );
      }
      const created = await insertEntity(
        manager,
        WebhookEndpointEntity,
        Object.assign(new WebhookEndpointEntity(), {
          apiClientId: client.id,
          url: checked.url.toString(),
          events: events.events.join(","),
          secretSealed: this.seal.seal(secret),
          createdAt: this.clock.now(),
          deletedAt: null,
        }),
      );
      await this.audit.record(
        {
          type: "WEBHOOK_REGISTERED",
          meta,
          detail: {
            apiClientId: client.clientId,
            webhookId: created.id,
            host: checked.url.host,
            events: created.events,
          },
        },
        manager,
      );
      return created;
    });
    return { endpoint, secret };
  }

  /**
   * When no endpoint is active, the dispatcher's cursor moves to the feed's end: endpoints are
   * told of readings committed after they were registered, not of the history, even when the
   * dispatcher's last pass (every 2 s, and only when there was no endpoint) left it behind.
   * Compare-and-set on the cursor read: a dispatcher that moved it meanwhile wins.
   */
  private async startFeedCursor(): Promise<void> {
    const active = await this.dataSource
      .getRepository(WebhookEndpointEntity)
      .count({ where: { deletedAt: IsNull() } });
    if (active > 0) return;
    const dispatch = this.dataSource.getRepository(WebhookDispatchEntity);
    const row = await dispatch.findOne({ where: { name: "readings" } });
    if (!row) return;
    const end = await this.feed.feedEnd();
    if (row.feedCursor === end) return;
    await withTransaction(this.dataSource, (m) =>
      m
        .getRepository(WebhookDispatchEntity)
        .update({ name: "readings", feedCursor: row.feedCursor ?? IsNull() }, { feedCursor: end }),
    );
  }

  list(client: Integrator): Promise<WebhookEndpointEntity[]> {
    return this.dataSource.getRepository(WebhookEndpointEntity).find({
      where: { apiClientId: client.id, deletedAt: IsNull() },
      order: { id: "ASC" },
    });
  }

  /** Deletes an endpoint: nothing more is sent to it, and its pending deliveries are given up. */
  async delete(client: Integrator, rawId: string, meta: RequestMeta): Promise<void> {
    const id = parseId(rawId, "id");
    const now = this.clock.now();
    await withTransaction(this.dataSource, async (manager) => {
      const deleted = await manager
        .getRepository(WebhookEndpointEntity)
        .update({ id, apiClientId: client.id, deletedAt: IsNull() }, { deletedAt: now });
      if (deleted.affected !== 1) throw invalidField("id", "No such webhook.");
      await manager
        .getRepository(WebhookDeliveryEntity)
        .update(
          { endpointId: id, status: WebhookDeliveryStatus.PENDING },
          { status: WebhookDeliveryStatus.FAILED, lastError: "The webhook was deleted." },
        );
      await this.audit.record(
        {
          type: "WEBHOOK_DELETED",
          meta,
          detail: { apiClientId: client.clientId, webhookId: id },
        },
        manager,
      );
    });
  }

  /** The client's deliveries, newest first, optionally of one status. */
  async deliveries(
    client: Integrator,
    options: {
      first?: number | null;
      after?: string | null;
      status?: WebhookDeliveryStatus | null;
    },
  ): Promise<DeliveryPage> {
    const limit = pageSize(options.first);
    const where: FindOptionsWhere<WebhookDeliveryEntity> = { apiClientId: client.id };
    if (options.status) where.status = options.status;
    if (options.after) where.id = LessThan(decodeId(options.after));
    const rows = await this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .find({ where, order: { id: "DESC" }, take: limit + 1 });
    const deliveries = rows.slice(0, limit);
    const last = deliveries[deliveries.length - 1];
    return {
      deliveries,
      endCursor: last ? encodeId(last.id) : (options.after ?? null),
      hasNextPage: rows.length > limit,
    };
  }

  /** Sends a delivery again, as soon as the dispatcher passes: a fresh set of attempts. */
  async replay(client: Integrator, rawId: string): Promise<WebhookDeliveryEntity> {
    const id = parseId(rawId, "deliveryId");
    return withTransaction(this.dataSource, async (manager) => {
      const deliveries = manager.getRepository(WebhookDeliveryEntity);
      const delivery = await deliveries.findOne({ where: { id, apiClientId: client.id } });
      if (!delivery) throw invalidField("deliveryId", "No such delivery.");
      const endpoint = await manager
        .getRepository(WebhookEndpointEntity)
        .findOne({ where: { id: delivery.endpointId, deletedAt: IsNull() } });
      if (!endpoint) throw invalidField("deliveryId", "Its webhook was deleted.");
      const changes = {
        status: WebhookDeliveryStatus.PENDING,
        attempts: 0,
        nextAttemptAt: this.clock.now(),
        lastError: null,
        deliveredAt: null,
      };
      await deliveries.update({ id }, changes);
      return Object.assign(delivery, changes);
    });
  }
}
