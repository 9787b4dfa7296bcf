import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";

export enum WebhookDeliveryStatus {
  PENDING = "PENDING",
  DELIVERED = "DELIVERED",
  /** Given up after the last retry (a replay makes it PENDING again). */
  FAILED = "FAILED",
}

/** One event for one endpoint, sent with retries; its status is what `webhookDeliveries` shows. */
@Entity("webhook_deliveries")
@Unique("uq_webhook_deliveries_endpoint_event", ["endpointId", "eventId"])
@Index("ix_webhook_deliveries_due", ["status", "nextAttemptAt"])
@Index("ix_webhook_deliveries_client", ["apiClientId", "id"])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "endpoint_id", type: "int" })
  endpointId: number;

  @Column({ name: "api_client_id", type: "int" })
  apiClientId: number;

  /** The event's id, the same for every endpoint and every attempt (receivers deduplicate on it). */
  @Column({ name: "event_id", type: "varchar", length: 40 })
  eventId: string;

  @Column({ name: "event_type", type: "varchar", length: 32 })
  eventType: string;

  /** The JSON body, exactly as sent and signed. */
  @Column({ type: "text" })
  payload: string;

  @Column({ type: "varchar", length: 16 })
  status: WebhookDeliveryStatus;

  @Column({ type: "int", default: 0 })
  attempts: number;

  @Column({ name: "next_attempt_at", type: "datetime", precision: 3 })
  nextAttemptAt: Date;

  @Column({ name: "last_error", type: "varchar", length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: "created_at", type: "datetime", precision: 3 })
  createdAt: Date;

  @Column({ name: "delivered_at", type: "datetime", precision: 3, nullable: true })
  deliveredAt: Date | null;
}
