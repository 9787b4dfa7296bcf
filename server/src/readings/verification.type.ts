import { Field, Int, ObjectType } from "type-graphql";
import { VerificationStatus } from "../core/enums";
import { LocalDateScalar } from "../common/scalars/local-date.scalar";
import { verificationOf } from "./verification.rules";

@ObjectType({
  description:
    "The meter's next verification (поверка) as of now. Readings of an overdue meter are still " +
    "accepted; the feed flags them (`ExportedReading.meterVerificationOverdue`).",
  simpleResolvers: true,
})
export class MeterVerification {
  @Field(() => LocalDateScalar, { description: "Verified until the end of this Almaty day." })
  due: string;

  @Field(() => VerificationStatus, {
    description: "OK; DUE_SOON within 60 days (the due day included); OVERDUE once it passed.",
  })
  status: VerificationStatus;

  @Field(() => Int, {
    description: "Days from today (Almaty) to the due date: 0 on the day, negative once passed.",
  })
  daysLeft: number;

  static of(due: string | null, now: Date): MeterVerification | null {
    return due === null ? null : Object.assign(new MeterVerification(), verificationOf(due, now));
  }
}
