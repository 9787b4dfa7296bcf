import { Field, ID, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../common/pagination";
import { formatReadingMilli } from "../core/decimal";
import { ReadingSource } from "../core/enums";
import { PeriodScalar } from "../common/scalars/period.scalar";
import { DecimalScalar } from "../common/scalars/decimal.scalar";
import type { MeterEntity } from "./meter.entity";
import { LocalDateScalar } from "../common/scalars/local-date.scalar";
import type { ReadingEntity } from "./reading.entity";

@ObjectType({ description: "A gas meter reading.", simpleResolvers: true })
export class Reading {
  @Field(() => ID, { description: "Stable identifier of the reading." })
  id: string;

  @Field(() => DecimalScalar, { description: "The meter's value in m³, up to 3 decimals." })
  value: string;

  @Field(() => Date, {
    description: "When the reading was taken (for a sending: when it arrived).",
  })
  takenAt: Date;

  @Field(() => ReadingSource, { description: "Who took the reading." })
  source: ReadingSource;

  @Field(() => PeriodScalar, { description: "The Almaty calendar month the reading belongs to." })
  period: string;

  @Field({ description: "True for the month's second sending, which corrects the first." })
  isCorrection: boolean;

  /** The reading's meter, set only where the caller was shown to see it (`Reading.meter`). */
  visibleMeter: MeterEntity | null;

  /** Who sent it ("user:<id>", "client:<id>") and with which key: `sentBy`, `idempotencyKey`. */
  caller: string | null;
  senderKey: string | null;

  @Field(() => SubmissionWindow, {
    nullable: true,
    description:
      "In the answer of `submitReadingForAccount`: the meter's window of this month counting " +
      "this sending (`remaining` sendings left to the subscriber and all partners together, " +
      "the `minimumValue` of a correction); null elsewhere (the app reads `meter.submission`).",
  })
  submission: SubmissionWindow | null;

  static from(entity: ReadingEntity, visibleMeter: MeterEntity | null = null): Reading {
    return Object.assign(new Reading(), {
      visibleMeter,
      caller: entity.caller,
      senderKey: entity.idempotencyKey,
      submission: null,
      id: String(entity.id),
      value: formatReadingMilli(entity.valueMilli),
      takenAt: entity.takenAt,
      source: entity.source,
      period: entity.period,
      isCorrection: entity.isCorrection,
    });
  }
}

@ObjectType({ description: "A gas meter of an account.", simpleResolvers: true })
export class Meter {
  @Field(() => ID, { description: "Identifier to send readings for (`submitReading.meterId`)." })
  id: string;

  @Field({ description: "The serial number printed on the meter." })
  serialNumber: string;

  @Field(() => Date, { description: "When the meter was installed." })
  installedAt: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      "When the meter was replaced; a replaced meter keeps its history and takes no readings.",
  })
  removedAt: Date | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "The next verification (поверка) is due by the end of this day; null: unknown.",
  })
  verificationDue: string | null;

  entity: MeterEntity;

  static from(entity: MeterEntity): Meter {
    return Object.assign(new Meter(), {
      id: String(entity.id),
      serialNumber: entity.serialNumber,
      installedAt: entity.installedAt,
      removedAt: entity.removedAt,
      verificationDue: entity.verificationDue,
      entity,
    });
  }
}

@ObjectType({
  description: "The current month's sending window of a meter: two sendings a month.",
  simpleResolvers: true,
})
export class SubmissionWindow {
  @Field(() => PeriodScalar, { description: "The current Almaty month." })
  period: string;

  @Field(() => Int, { description: "Sendings counted this month (0, 1 or 2)." })
  used: number;

  @Field(() => Int, { description: "Sendings left this month: 2 - used, never below 0." })
  remaining: number;

  @Field(() => DecimalScalar, { description: "The lowest value the next sending may have." })
  minimumValue: string;

  @Field(() => Date, {
    nullable: true,
    description: "When sending opens again; set when remaining is 0.",
  })
  reopensAt: Date | null;
}

@ObjectType({ description: "An edge of a reading connection.", simpleResolvers: true })
export class ReadingEdge {
  @Field({ description: "Position of this reading, for `after`." })
  cursor: string;

  @Field(() => Reading, { description: "The reading." })
  node: Reading;
}

@ObjectType({ description: "A page of readings, newest first.", simpleResolvers: true })
export class ReadingConnection {
  @Field(() => [ReadingEdge], { description: "The readings of this page." })
  edges: ReadingEdge[];

  @Field(() => PageInfo, { description: "Paging information." })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "How many readings the meter has in all." })
  totalCount: number;
}
