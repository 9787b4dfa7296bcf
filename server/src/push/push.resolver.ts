import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Access, CurrentSessionId, CurrentUser, type GraphQLContext, Public } from "../graphql";
import type { UserEntity } from "../users/user.entity";
import { testMessage } from "./push-subscription.rules";
import type { PushService } from "./push.service";
import { PushResult, PushSubscriptionInput } from "./push.type";

/** Web push: the server's key, and the caller's subscriptions (one per device). */
@Resolver()
export class PushResolver {
  constructor(private readonly services: { push: PushService }) {}

  @Public()
  @Query(() => String, {
    nullable: true,
    description:
      "The VAPID public key (base64url) to subscribe with (`applicationServerKey`); null when " +
      "this server sends no push notifications.",
  })
  pushPublicKey(): string | null {
    return this.services.push.publicKey();
  }

  @Authorized(Access.USER)
  @Mutation(() => Boolean, {
    description:
      "Stores this device's push subscription for the caller; removed again by this session's " +
      "logout, by logoutEverywhere, or when the push service says it is gone.",
  })
  async subscribePush(
    @Arg("input", { description: "The browser's subscription." }) input: PushSubscriptionInput,
    @CurrentUser() user: UserEntity,
    @CurrentSessionId() sessionId: string,
  ): Promise<boolean> {
    await this.services.push.subscribe(user.id, sessionId, {
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      device: input.device,
    });
    return true;
  }

  @Authorized(Access.USER)
  @Mutation(() => Boolean, {
    description:
      "Removes the caller's push subscription at this endpoint; false when there was none.",
  })
  async unsubscribePush(
    @Arg("endpoint", { description: "The subscription's endpoint." }) endpoint: string,
    @CurrentUser() user: UserEntity,
  ): Promise<boolean> {
    return this.services.push.unsubscribe(user.id, endpoint);
  }

  @Authorized(Access.USER)
  @Mutation(() => PushResult, {
    description: "Sends a test notification to the caller's devices (5 an hour).",
  })
  async sendTestPush(
    @CurrentUser() user: UserEntity,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PushResult> {
    const message = testMessage(user.language);
    return PushResult.from(await this.services.push.sendTest(user.id, message, ctx.meta));
  }
}
