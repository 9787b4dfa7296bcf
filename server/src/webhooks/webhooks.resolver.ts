import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Access, CurrentClient, type GraphQLContext } from "../graphql";
import type { Integrator } from "../integrators/api-clients.service";
import { WebhookDeliveryStatus } from "./webhook-delivery.entity";
import {
  RegisteredWebhook,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookEvent,
} from "./webhook.type";
import { deliveryCursor, type WebhooksService } from "./webhooks.service";

/** RL-7: a connection costs its page size. */
const connectionCost = ({
  args,
  childComplexity,
}: {
  args: Record<string, unknown>;
  childComplexity: number;
}) => (typeof args.first === "number" ? args.first : 20) + childComplexity;

/**
 * Webhooks of the calling API client (README "Webhooks"). Reading events are what they carry,
 * so every operation needs the scope readings:read; each client sees only its own.
 */
@Resolver()
export class WebhooksResolver {
  constructor(private readonly services: { webhooks: WebhooksService }) {}

  @Authorized(Access.scope("readings:read"))
  @Mutation(() => RegisteredWebhook, {
    description:
      "Registers an https endpoint for events; answers its signing secret, shown this once " +
      "(scope readings:read; at most 10 webhooks).",
  })
  async registerWebhook(
    @Arg("url", { description: "An https URL whose host has only public addresses." }) url: string,
    @Arg("events", () => [WebhookEvent], { description: "The events to receive." })
    events: WebhookEvent[],
    @CurrentClient() client: Integrator,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RegisteredWebhook> {
    const { endpoint, secret } = await this.services.webhooks.register(
      client,
      url,
      events,
      ctx.meta,
    );
    return Object.assign(new RegisteredWebhook(), { webhook: Webhook.from(endpoint), secret });
  }

  @Authorized(Access.scope("readings:read"))
  @Query(() => [Webhook], { description: "The calling client's webhooks (scope readings:read)." })
  async webhooks(@CurrentClient() client: Integrator): Promise<Webhook[]> {
    return (await this.services.webhooks.list(client)).map((row) => Webhook.from(row));
  }

  @Authorized(Access.scope("readings:read"))
  @Mutation(() => Boolean, {
    description:
      "Deletes a webhook: nothing more is sent to it and its pending deliveries are given up " +
      "(scope readings:read).",
  })
  async deleteWebhook(
    @Arg("id", () => ID, { description: "The webhook's id." }) id: string,
    @CurrentClient() client: Integrator,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    await this.services.webhooks.delete(client, id, ctx.meta);
    return true;
  }

  @Authorized(Access.scope("readings:read"))
  @Query(() => WebhookDeliveryConnection, {
    description:
      "The deliveries to the calling client's webhooks, newest first (scope readings:read).",
    complexity: connectionCost,
  })
  async webhookDeliveries(
    @CurrentClient() client: Integrator,
    @Arg("first", () => Int, { nullable: true, description: "Page size: 1 to 100 (default 20)." })
    first?: number | null,
    @Arg("after", () => String, {
      nullable: true,
      description: "The `endCursor` of the previous page.",
    })
    after?: string | null,
    @Arg("status", () => WebhookDeliveryStatus, {
      nullable: true,
      description: "Only deliveries in this status.",
    })
    status?: WebhookDeliveryStatus | null,
  ): Promise<WebhookDeliveryConnection> {
    const page = await this.services.webhooks.deliveries(client, { first, after, status });
    return WebhookDeliveryConnection.from(page, deliveryCursor);
  }

  @Authorized(Access.scope("readings:read"))
  @Mutation(() => WebhookDelivery, {
    description:
      "Sends a delivery again (same event id), with a fresh set of attempts (scope readings:read).",
  })
  async replayWebhookDelivery(
    @Arg("id", () => ID, { description: "The delivery's id." }) id: string,
    @CurrentClient() client: Integrator,
  ): Promise<WebhookDelivery> {
    return WebhookDelivery.from(await this.services.webhooks.replay(client, id));
  }
}
