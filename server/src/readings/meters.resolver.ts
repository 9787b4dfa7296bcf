import type { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Info,
  Int,
  Mutation,
  Resolver,
  Root,
} from "type-graphql";
import {
  Access,
  type GraphQLContext,
  CurrentUser,
  reloadMeterAfterSending,
  Selection,
} from "../graphql";
import type { ReadingsService } from "./readings.service";
import { PageInfo } from "../common/pagination";
import type { UserEntity } from "../users/user.entity";
import { SubmitReadingInput } from "./dto/submit-reading.input";
import { Meter, Reading, ReadingConnection, SubmissionWindow } from "./reading.types";
import { windowOfLoaded } from "./submission-window.rules";
import { MeterVerification } from "./verification.type";
import { bothMaybe, mapMaybe, type MaybePromise } from "../common/maybe-async";

@Resolver(() => Meter)
export class MetersResolver {
  constructor(private readonly services: { readings: ReadingsService }) {}

  @FieldResolver(() => MeterVerification, {
    nullable: true,
    description: "Where the meter stands against `verificationDue` today; null without a date.",
  })
  verification(@Root() meter: Meter, @Ctx() ctx: GraphQLContext): MeterVerification | null {
    return MeterVerification.of(meter.verificationDue, ctx.now);
  }

  @FieldResolver(() => Reading, {
    nullable: true,
    description:
      "The meter's latest actual reading, which the next sending may not be below; estimates " +
      "(source ESTIMATE) are in `history` only.",
  })
  lastReading(@Root() meter: Meter, @Ctx() ctx: GraphQLContext): MaybePromise<Reading | null> {
    return mapMaybe(ctx.loaders.latestReading.get(meter.entity.id), (reading) =>
      reading ? Reading.from(reading, meter.entity) : null,
    );
  }

  @FieldResolver(() => ReadingConnection, { description: "The meter's readings, newest first." })
  async readings(
    @Root() meter: Meter,
    @Ctx() ctx: GraphQLContext,
    @Arg("first", () => Int, { nullable: true, description: "Page size, 1 to 100 (default 20)." })
    first?: number | null,
    @Arg("after", () => String, {
      nullable: true,
      description: "The `endCursor` of the previous page.",
    })
    after?: string | null,
  ): Promise<ReadingConnection> {
    const page = await this.services.readings.history(meter.entity.id, first, after);
    return Object.assign(new ReadingConnection(), {
      edges: page.edges.map((e) => ({
        cursor: e.cursor,
        node: Reading.from(e.reading, meter.entity),
      })),
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: page.hasNextPage,
        endCursor: page.endCursor,
      }),
      totalCount: page.totalCount,
    });
  }

  @FieldResolver(() => SubmissionWindow, {
    description:
      "The current month for this meter: the limit of two sendings a month counts per meter.",
  })
  submission(@Root() meter: Meter, @Ctx() ctx: GraphQLContext): MaybePromise<SubmissionWindow> {
    const { latestReading, countedSendings, period } = ctx.loaders;
    return mapMaybe(
      bothMaybe(latestReading.get(meter.entity.id), countedSendings.get(meter.entity.id)),
      ([latest, sendings]) =>
        Object.assign(new SubmissionWindow(), windowOfLoaded(period, latest, sendings)),
    );
  }

  @Authorized(Access.USER)
  @Mutation(() => Reading, {
    description:
      "Sends the current reading of a meter: twice a month at most, never below the previous.",
  })
  async submitReading(
    @Arg("input", { description: "The input of this operation." }) input: SubmitReadingInput,
    @CurrentUser() user: UserEntity,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Reading> {
    const { reading, meter } = await this.services.readings.submit(
      { kind: "user", user },
      input,
      ctx.meta,
    );
    await reloadMeterAfterSending(ctx.loaders, meter.id, Selection.of(info).under("meter"));
    return Reading.from(reading, meter);
  }
}
