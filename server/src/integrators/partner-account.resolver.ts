import type { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { Access, type GraphQLContext, loadMetersAhead, Selection } from "../graphql";
import { Reading, SubmissionWindow } from "../readings/reading.types";
import { windowOfLoaded } from "../readings/submission-window.rules";
import { MeterVerification } from "../readings/verification.type";
import { bothMaybe, mapMaybe, type MaybePromise } from "../common/maybe-async";
import type { PartnerAccountsService } from "./partner-accounts.service";
import { PartnerAccount, PartnerMeter } from "./partner-account.type";

/**
 * RL-7: a look-up is priced like a sending (a mutation, 10) plus what it selects, since it
 * answers a holder's name: a client's budget then bounds how fast it can walk account numbers.
 */
export const PARTNER_ACCOUNT_COST = 10;

/** What a partner reads before sending (README "Partner sending"); thin, like every resolver. */
@Resolver(() => PartnerMeter)
export class PartnerAccountResolver {
  constructor(private readonly services: { partnerAccounts: PartnerAccountsService }) {}

  @FieldResolver(() => MeterVerification, {
    nullable: true,
    description: "Where the meter stands against `verificationDue` today; null without a date.",
  })
  verification(@Root() meter: PartnerMeter, @Ctx() ctx: GraphQLContext): MeterVerification | null {
    return MeterVerification.of(meter.verificationDue, ctx.now);
  }

  @Authorized(Access.scope("readings:submit"))
  @Query(() => PartnerAccount, {
    description:
      "An account's number, holder name and meters with their last reading and this month's " +
      "window (`minimumValue`, `remaining`, `reopensAt`), to check a value before sending it; " +
      "ACCOUNT_NOT_FOUND for an unknown number (scope readings:submit).",
    complexity: ({ childComplexity }) => PARTNER_ACCOUNT_COST + childComplexity,
  })
  async partnerAccount(
    @Arg("number", { description: "The account number, as on the bill." }) number: string,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PartnerAccount> {
    const account = await this.services.partnerAccounts.byNumber(number);
    // The meters and what is selected of them, in one statement each (as `accounts` does).
    await loadMetersAhead(ctx.loaders, [account.id], Selection.of(info));
    return PartnerAccount.from(account, await ctx.loaders.metersByAccount.get(account.id));
  }

  @FieldResolver(() => Reading, {
    nullable: true,
    description: "The meter's latest reading of any source (a sending must not be below it).",
  })
  lastReading(
    @Root() meter: PartnerMeter,
    @Ctx() ctx: GraphQLContext,
  ): MaybePromise<Reading | null> {
    return mapMaybe(ctx.loaders.latestReading.get(meter.entity.id), (reading) =>
      reading ? Reading.from(reading) : null,
    );
  }

  @FieldResolver(() => SubmissionWindow, {
    nullable: true,
    description:
      "This month's window, shared by the subscriber's and every partner's sendings: " +
      "`remaining` of two, the `minimumValue` of the next one; null for a replaced meter.",
  })
  submission(
    @Root() meter: PartnerMeter,
    @Ctx() ctx: GraphQLContext,
  ): MaybePromise<SubmissionWindow | null> {
    if (meter.removedAt) return null;
    const { latestReading, countedSendings, period } = ctx.loaders;
    return mapMaybe(
      bothMaybe(latestReading.get(meter.entity.id), countedSendings.get(meter.entity.id)),
      ([latest, sendings]) =>
        Object.assign(new SubmissionWindow(), windowOfLoaded(period, latest, sendings)),
    );
  }
}
