import { randomBytes } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { Clock } from "../core/clock";
import { bulkInsert } from "../db/bulk-insert";
import { WebhookDeliveryEntity, WebhookDeliveryStatus } from "./webhook-delivery.entity";
import { accountEventBody, type AccountEventType, type LinkedBy } from "./webhook-event.rules";

/**
 * Account events (linked, unlinked), written in the transaction of the change itself: their
 * deliveries commit with it or not at all. They are rare, so unlike reading events (which the
 * dispatcher takes from the readings feed) each one writes its deliveries at once: one SELECT
 * of the subscribed endpoints, and one INSERT when there are any. They go to the clients that
 * hold readings:read, the scope every webhook needs: the body names only the account.
 */
export class WebhookEventsService {
  constructor(private readonly clock: Clock) {}

  async accountEvent(
    manager: EntityManager,
    type: AccountEventType,
    accountId: number,
    by: LinkedBy,
  ): Promise<void> {
    const rows: Array<{
      id: number;
      api_client_id: number;
      events: string;
      scopes: string;
      number: string;
    }> = await manager.query(
      "SELECT e.id, e.api_client_id, e.events, c.scopes, a.number FROM webhook_endpoints e " +
        "INNER JOIN api_clients c ON c.id = e.api_client_id " +
        "INNER JOIN accounts a ON a.id = ? " +
        "WHERE e.deleted_at IS NULL AND c.revoked_at IS NULL",
      [accountId],
    );
    const subscribed = rows.filter(
      (row) =>
        row.events.split(",").includes(type) && row.scopes.split(",").includes("readings:read"),
    );
    if (subscribed.length === 0) return;
    const now = this.clock.now();
    const id = `evt_account_${randomBytes(12).toString("hex")}`;
    const payload = accountEventBody({
      id,
      type,
      created: now,
      accountNumber: String(subscribed[0].number),
      by,
    });
    await bulkInsert(
      manager,
      WebhookDeliveryEntity,
      subscribed.map((row) => ({
        endpointId: Number(row.id),
        apiClientId: Number(row.api_client_id),
        eventId: id,
        eventType: type,
        payload,
        status: WebhookDeliveryStatus.PENDING,
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        createdAt: now,
        deliveredAt: null,
      })),
    );
  }
}
