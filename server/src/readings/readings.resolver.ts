import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../graphql";
import { Meter, Reading } from "./reading.types";
import { clientCaller, senderKindOf, userCaller } from "./reading-sender.rules";
import { ReadingSender } from "./reading-sender.type";

/** The caller key ("user:<id>", "client:<id>") of whoever asks, as sendings store it. */
const askingCaller = (ctx: GraphQLContext): string | null =>
  ctx.integrator
    ? clientCaller(ctx.integrator.id)
    : ctx.viewer
      ? userCaller(ctx.viewer.user.id)
      : null;

@Resolver(() => Reading)
export class ReadingsResolver {
  @FieldResolver(() => Meter, {
    nullable: true,
    description:
      "The reading's meter, as `account.meters` shows it: for a subscriber's own sending or " +
      "history (after `submitReading`, its `submission` and `lastReading` already count the " +
      "sending); null where the caller may not see the meter (a partner's sending).",
  })
  meter(@Root() reading: Reading, @Ctx() ctx: GraphQLContext): Meter | null {
    // Only a path that checked the meter's account is linked to the viewer sets visibleMeter.
    if (!ctx.viewer || ctx.integrator || !reading.visibleMeter) return null;
    return Meter.from(reading.visibleMeter);
  }

  @FieldResolver(() => ReadingSender, {
    nullable: true,
    description:
      "Who sent it (SUBSCRIBER or PARTNER); null for registry readings. The API client's id " +
      "and name are shown to that client only (the billing's feed shows them all).",
  })
  sentBy(@Root() reading: Reading, @Ctx() ctx: GraphQLContext): ReadingSender | null {
    const kind = senderKindOf(reading.source);
    if (!kind) return null;
    const own = ctx.integrator !== null && reading.caller === askingCaller(ctx);
    return ReadingSender.of(kind, own ? ctx.integrator : null);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The `idempotencyKey` it was sent with; shown to its sender only, else null.",
  })
  idempotencyKey(@Root() reading: Reading, @Ctx() ctx: GraphQLContext): string | null {
    const asking = askingCaller(ctx);
    return asking !== null && reading.caller === asking ? reading.senderKey : null;
  }
}
