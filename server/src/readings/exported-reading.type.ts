import { Field, ID, ObjectType } from "type-graphql";
import { ReadingSource } from "../core/enums";
import { PageInfo } from "../common/pagination";
import { DecimalScalar } from "../common/scalars/decimal.scalar";
import { PeriodScalar } from "../common/scalars/period.scalar";
import { ReadingSender } from "./reading-sender.type";
import type { ExportedReading as ExportedRow, ExportPage } from "./readings-export";

@ObjectType({
  description: "A reading sent through this service (subscriber or partner).",
  simpleResolvers: true,
})
export class ExportedReading {
  @Field(() => ID, { description: "The reading's id." })
  id: string;

  @Field({ description: "The account number." })
  accountNumber: string;

  @Field({ description: "The meter's serial number." })
  meterSerial: string;

  @Field(() => DecimalScalar, { description: "The value in m³, 3 decimals." })
  value: string;

  @Field(() => Date, { description: "When it arrived." })
  takenAt: Date;

  @Field(() => PeriodScalar, { description: "The Almaty month it counts in." })
  period: string;

  @Field(() => ReadingSource, { description: "SUBSCRIBER or PARTNER." })
  source: ReadingSource;

  @Field({ description: "True for the month's second sending, which replaces the first." })
  isCorrection: boolean;

  @Field(() => ReadingSender, {
    description: "Who sent it: the subscriber, or a partner's API client (its id and name).",
  })
  sentBy: ReadingSender;

  @Field(() => String, {
    nullable: true,
    description: "The sender's `idempotencyKey` (a partner's key traces its sending).",
  })
  idempotencyKey: string | null;

  @Field({
    description:
      "True when the reading was taken (Almaty day) after its meter's verification date " +
      "(`Meter.verificationDue`). Such readings are accepted; billing decides what to do.",
  })
  meterVerificationOverdue: boolean;

  static from(row: ExportedRow): ExportedReading {
    return Object.assign(new ExportedReading(), {
      id: String(row.id),
      accountNumber: row.accountNumber,
      meterSerial: row.meterSerial,
      value: row.value,
      takenAt: row.takenAt,
      period: row.period,
      source: row.source,
      isCorrection: row.isCorrection,
      sentBy: ReadingSender.of(
        row.sentBy.kind,
        row.sentBy.apiClientId === null
          ? null
          : { clientId: row.sentBy.apiClientId, name: row.sentBy.apiClientName },
      ),
      idempotencyKey: row.idempotencyKey,
      meterVerificationOverdue: row.meterVerificationOverdue,
    });
  }
}

@ObjectType({ description: "An exported reading and the cursor after it.", simpleResolvers: true })
export class ExportedReadingEdge {
  @Field({ description: "Pass as `after` to continue after this reading." })
  cursor: string;

  @Field(() => ExportedReading, { description: "The reading." })
  node: ExportedReading;
}

@ObjectType({ description: "A page of exported readings, in commit order.", simpleResolvers: true })
export class ExportedReadingConnection {
  @Field(() => [ExportedReadingEdge], { description: "The readings of this page." })
  edges: ExportedReadingEdge[];

  @Field(() => PageInfo, {
    description:
      "`endCursor` is where to continue; on an empty page it is the cursor given, so a poller " +
      "keeps it and asks again later.",
  })
  pageInfo: PageInfo;

  static from(page: ExportPage): ExportedReadingConnection {
    return Object.assign(new ExportedReadingConnection(), {
      edges: page.readings.map((row) =>
        Object.assign(new ExportedReadingEdge(), {
          cursor: row.cursor,
          node: ExportedReading.from(row),
        }),
      ),
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: page.hasNextPage,
        endCursor: page.endCursor,
      }),
    });
  }
}
