import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../graphql";
import { Meter, Reading } from "./reading.types";

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
}
