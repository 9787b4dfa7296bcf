import type { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Authorized,
  Ctx,
  Extensions,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
} from "type-graphql";
import {
  Access,
  chargeRows,
  CurrentClient,
  type GraphQLContext,
  Public,
  reloadMeterAfterSending,
  type RowCost,
  Selection,
} from "../graphql";
import {
  FEED_DEFAULT_PAGE,
  FEED_MAX_PAGE,
  type ReadingsFeedService,
} from "../readings/readings-feed.service";
import { decodeFeedPosition } from "../readings/feed-cursor.rules";
import { invalidField } from "../common/app-error";
import type { ReadingsService } from "../readings/readings.service";
import { windowOfLoaded } from "../readings/submission-window.rules";
import type { ApiClientsService } from "./api-clients.service";
import type { IntegratorsService } from "./integrators.service";
import { INTEGRATOR_TOKEN_TTL_SECONDS } from "./integrator-token";
import { Reading, SubmissionWindow } from "../readings/reading.types";
import { PeriodScalar } from "../common/scalars/period.scalar";
import {
  AccountSyncInput,
  ApiToken,
  MeterSyncInput,
  PartnerReadingInput,
  PaymentSyncInput,
  ReadingSyncInput,
  SyncResult,
} from "./integrator.type";
// Loaded after integrator.type: type-graphql emits the types in the order they load, and the
// feed's queries stay here for the same reason (schema.graphql must not move).
import { ExportedReadingConnection } from "../readings/exported-reading.type";
import type { Integrator } from "./api-clients.service";

const firstArg = {
  nullable: true,
  description: "Page size: 1 to 500 (default 100).",
} as const;
/** RL-7 for a feed page: 1, and 1 per 10 readings it returns; `first` and `after` checked first. */
const feedRowCost: { rowCost: RowCost } = {
  rowCost: {
    maxFirst: FEED_MAX_PAGE,
    defaultFirst: FEED_DEFAULT_PAGE,
    rowsPerPoint: 10,
    checkArgs: ({ after }) => {
      if (typeof after === "string" && !decodeFeedPosition(after)) {
        throw invalidField("after", "The cursor is not valid.");
      }
    },
  },
};

const afterArg = {
  nullable: true,
  description: "The `endCursor` of the previous page; omit to start from the beginning.",
} as const;

/**
 * The Integrator API (README "Integrators"): thin, every operation checks its scope. The feed
 * queries are served by readings/ (`ReadingsFeedService`).
 */
@Resolver()
export class IntegratorsResolver {
  constructor(
    private readonly services: {
      apiClients: ApiClientsService;
      integrators: IntegratorsService;
      readings: ReadingsService;
      readingsFeed: ReadingsFeedService;
    },
  ) {}

  @Public() // the client id and secret are the credential, checked by the service
  @Extensions({ ownLimit: true }) // per client, not the address's cost budget (the service)
  @Mutation(() => ApiToken, {
    description: "Trades an API client's id and secret for a short-lived access token.",
  })
  async issueApiToken(
    @Arg("clientId", { description: "The client id (`gci_…`)." }) clientId: string,
    @Arg("clientSecret", { description: "The client secret (`gcs_…`)." }) clientSecret: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ApiToken> {
    const issued = await this.services.apiClients.issueToken(clientId, clientSecret, ctx.meta);
    return Object.assign(new ApiToken(), {
      accessToken: issued.token,
      expiresAt: issued.expiresAt,
      expiresIn: INTEGRATOR_TOKEN_TTL_SECONDS,
      scopes: issued.scopes,
    });
  }

  @Authorized(Access.scope("registry:write"))
  @Mutation(() => SyncResult, {
    description: "Creates or updates accounts by number (scope registry:write; ≤ 1,000 items).",
  })
  async upsertAccounts(
    @Arg("items", () => [AccountSyncInput], { description: "The accounts." })
    items: AccountSyncInput[],
  ): Promise<SyncResult> {
    const outcomes = await this.services.integrators.upsertAccounts(items);
    return SyncResult.from(
      items.map((i) => i.number),
      outcomes,
    );
  }

  @Authorized(Access.scope("registry:write"))
  @Mutation(() => SyncResult, {
    description:
      "Creates or updates meters by serial; `replaces` closes the old meter of the account " +
      "(scope registry:write; ≤ 1,000 items).",
  })
  async upsertMeters(
    @Arg("items", () => [MeterSyncInput], { description: "The meters." })
    items: MeterSyncInput[],
  ): Promise<SyncResult> {
    const outcomes = await this.services.integrators.upsertMeters(items);
    return SyncResult.from(
      items.map((i) => i.serialNumber),
      outcomes,
    );
  }

  @Authorized(Access.scope("registry:write"))
  @Mutation(() => SyncResult, {
    description: "Records payments by external id (scope registry:write; ≤ 1,000 items).",
  })
  async recordPayments(
    @Arg("items", () => [PaymentSyncInput], { description: "The payments." })
    items: PaymentSyncInput[],
  ): Promise<SyncResult> {
    const outcomes = await this.services.integrators.recordPayments(items);
    return SyncResult.from(
      items.map((i) => i.externalId),
      outcomes,
    );
  }

  @Authorized(Access.scope("registry:write"))
  @Mutation(() => SyncResult, {
    description:
      "Records inspector, operator or estimate readings by external id " +
      "(scope registry:write; ≤ 1,000 items).",
  })
  async recordReadings(
    @Arg("items", () => [ReadingSyncInput], { description: "The readings." })
    items: ReadingSyncInput[],
  ): Promise<SyncResult> {
    const outcomes = await this.services.integrators.recordReadings(items);
    return SyncResult.from(
      items.map((i) => i.externalId),
      outcomes,
    );
  }

  @Authorized(Access.scope("readings:read"))
  @Extensions(feedRowCost)
  @Query(() => ExportedReadingConnection, {
    description: "The readings sent in a month, in commit order (scope readings:read).",
  })
  async submittedReadings(
    @Arg("period", () => PeriodScalar, { description: 'The month, e.g. "2026-11".' })
    period: string,
    @Ctx() ctx: GraphQLContext,
    @Arg("first", () => Int, firstArg) first?: number | null,
    @Arg("after", () => String, afterArg) after?: string | null,
  ): Promise<ExportedReadingConnection> {
    const page = await this.services.readingsFeed.submittedReadings(period, first, after);
    chargeRows(ctx, page.readings.length, feedRowCost.rowCost);
    return ExportedReadingConnection.from(page);
  }

  @Authorized(Access.scope("readings:read"))
  @Query(() => ExportedReadingConnection, {
    description:
      "Every reading sent through this service after a cursor, in commit order: polled with " +
      "the last `endCursor`, it never misses nor repeats a reading (scope readings:read).",
  })
  @Extensions(feedRowCost)
  async readingsFeed(
    @Ctx() ctx: GraphQLContext,
    @Arg("after", () => String, afterArg) after?: string | null,
    @Arg("first", () => Int, firstArg) first?: number | null,
  ): Promise<ExportedReadingConnection> {
    const page = await this.services.readingsFeed.readingsFeed(after, first);
    chargeRows(ctx, page.readings.length, feedRowCost.rowCost);
    return ExportedReadingConnection.from(page);
  }

  @Authorized(Access.scope("readings:submit"))
  @Mutation(() => Reading, {
    description:
      "Sends a subscriber's reading on his behalf (source PARTNER), under the subscribers' " +
      "rules; the two sendings a month are shared with the subscriber's own and other " +
      "partners' (`isCorrection`, `submission.remaining`) (scope readings:submit).",
  })
  async submitReadingForAccount(
    @Arg("input", { description: "The input of this operation." }) input: PartnerReadingInput,
    @CurrentClient() client: Integrator,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Reading> {
    const { reading, meter } = await this.services.readings.submit(
      { kind: "client", clientId: client.id },
      input,
      ctx.meta,
    );
    // Partners see no Meter (AUTH-6), only the window that the sending left (`submission`).
    const answer = Reading.from(reading);
    const selected = Selection.of(info);
    if (selected.has("submission")) {
      await reloadMeterAfterSending(ctx.loaders, meter.id, selected);
      const { latestReading, countedSendings, period } = ctx.loaders;
      answer.submission = Object.assign(
        new SubmissionWindow(),
        windowOfLoaded(
          period,
          await latestReading.get(meter.id),
          await countedSendings.get(meter.id),
        ),
      );
    }
    return answer;
  }
}
