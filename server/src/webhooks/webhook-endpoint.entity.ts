import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** An HTTPS address an API client registered to be told of events. */
@Entity("webhook_endpoints")
@Index("ix_webhook_endpoints_client", ["apiClientId"])
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  /** `api_clients.id` of the client that registered it. */
  @Column({ name: "api_client_id", type: "int" })
  apiClientId: number;

  @Column({ type: "varchar", length: 500 })
  url: string;

  /** Comma-separated event types, e.g. `reading.submitted,reading.corrected`. */
  @Column({ type: "varchar", length: 200 })
  events: string;

  /** The signing secret sealed with AES-256-GCM (shown to the client once; the server signs). */
  @Column({ name: "secret_sealed", type: "text" })
  secretSealed: string;

  @Column({ name: "created_at", type: "datetime", precision: 3 })
  createdAt: Date;

  /** Set when deleted: nothing more is delivered to it. */
  @Column({ name: "deleted_at", type: "datetime", precision: 3, nullable: true })
  deletedAt: Date | null;
}
