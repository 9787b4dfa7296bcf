import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { PageInfo } from "../common/pagination";
import { WebhookDeliveryEntity, WebhookDeliveryStatus } from "./webhook-delivery.entity";
import type { WebhookEndpointEntity } from "./webhook-endpoint.entity";
import type { DeliveryPage } from "./webhooks.service";

/** The events as GraphQL names them; the values are the `type` of a delivery's body. */
export enum WebhookEvent {
  READING_SUBMITTED = "reading.submitted",
  READING_CORRECTED = "reading.corrected",
  ACCOUNT_LINKED = "account.linked",
  ACCOUNT_UNLINKED = "account.unlinked",
}

registerEnumType(WebhookEvent, {
  name: "WebhookEvent",
  description: "What a webhook can be told of (its body's `type` in parentheses).",
  valuesConfig: {
    READING_SUBMITTED: { description: "A month's first sending (reading.submitted)." },
    READING_CORRECTED: {
      description: "A month's second sending, which replaces the first (reading.corrected).",
    },
    ACCOUNT_LINKED: {
      description:
        "A subscriber added an account to his list, or registered with it (account.linked).",
    },
    ACCOUNT_UNLINKED: {
      description: "An account left a subscriber's list, by him or an operator (account.unlinked).",
    },
  },
});

registerEnumType(WebhookDeliveryStatus, {
  name: "WebhookDeliveryStatus",
  description: "Where a webhook delivery is.",
  valuesConfig: {
    PENDING: { description: "Waiting for its first or next attempt." },
    DELIVERED: { description: "The endpoint answered 2xx." },
    FAILED: { description: "Given up after the last attempt; `replayWebhookDelivery` retries." },
  },
});

@ObjectType({
  description: "An endpoint the calling API client registered.",
  simpleResolvers: true,
})
export class Webhook {
  @Field(() => ID, { description: "The webhook's id." })
  id: string;

  @Field({ description: "Where events are POSTed." })
  url: string;

  @Field(() => [WebhookEvent], { description: "The events it receives." })
  events: WebhookEvent[];

  @Field(() => Date, { description: "When it was registered." })
  createdAt: Date;

  static from(row: WebhookEndpointEntity): Webhook {
    return Object.assign(new Webhook(), {
      id: String(row.id),
      url: row.url,
      events: row.events.split(",") as WebhookEvent[],
      createdAt: row.createdAt,
    });
  }
}

@ObjectType({ description: "A new webhook and its signing secret.", simpleResolvers: true })
export class RegisteredWebhook {
  @Field(() => Webhook, { description: "The webhook." })
  webhook: Webhook;

  @Field({
    description:
      "The signing secret (`whsec_…`) of the `Gas-Signature` header: shown this once, keep it.",
  })
  secret: string;
}

@ObjectType({ description: "One event sent to one webhook.", simpleResolvers: true })
export class WebhookDelivery {
  @Field(() => ID, { description: "The delivery's id (pass to `replayWebhookDelivery`)." })
  id: string;

  @Field(() => ID, { description: "The webhook it goes to." })
  webhookId: string;

  @Field({ description: "The event's id, the same on every attempt and replay." })
  eventId: string;

  @Field(() => WebhookEvent, { description: "The event." })
  event: WebhookEvent;

  @Field(() => WebhookDeliveryStatus, { description: "Where it is." })
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: "Attempts made so far." })
  attempts: number;

  @Field(() => String, {
    nullable: true,
    description: "Why the last attempt failed (status and start of the answer, or the error).",
  })
  lastError: string | null;

  @Field(() => Date, { nullable: true, description: "When it is tried next, while PENDING." })
  nextAttemptAt: Date | null;

  @Field(() => Date, { description: "When the event was queued." })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: "When the endpoint accepted it." })
  deliveredAt: Date | null;

  @Field({ description: "The JSON body exactly as sent (and signed)." })
  payload: string;

  static from(row: WebhookDeliveryEntity): WebhookDelivery {
    return Object.assign(new WebhookDelivery(), {
      id: String(row.id),
      webhookId: String(row.endpointId),
      eventId: row.eventId,
      event: row.eventType as WebhookEvent,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      nextAttemptAt: row.status === WebhookDeliveryStatus.PENDING ? row.nextAttemptAt : null,
      createdAt: row.createdAt,
      deliveredAt: row.deliveredAt,
      payload: row.payload,
    });
  }
}

@ObjectType({ description: "A delivery and the cursor after it.", simpleResolvers: true })
export class WebhookDeliveryEdge {
  @Field({ description: "Pass as `after` to continue after this delivery." })
  cursor: string;

  @Field(() => WebhookDelivery, { description: "The delivery." })
  node: WebhookDelivery;
}

@ObjectType({ description: "A page of deliveries, newest first.", simpleResolvers: true })
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge], { description: "The deliveries of this page." })
  edges: WebhookDeliveryEdge[];

  @Field(() => PageInfo, { description: "Where this page ends." })
  pageInfo: PageInfo;

  static from(page: DeliveryPage, cursorOf: (row: WebhookDeliveryEntity) => string) {
    return Object.assign(new WebhookDeliveryConnection(), {
      edges: page.deliveries.map((row) =>
        Object.assign(new WebhookDeliveryEdge(), {
          cursor: cursorOf(row),
          node: WebhookDelivery.from(row),
        }),
      ),
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: page.hasNextPage,
        endCursor: page.endCursor,
      }),
    });
  }
}
