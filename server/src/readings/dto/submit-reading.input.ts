import { Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { DecimalScalar } from "../../common/scalars/decimal.scalar";

@InputType({ description: "A meter reading to send." })
export class SubmitReadingInput {
  @Field(() => ID, { description: "The meter (`Meter.id`)." })
  @Matches(/^\d{1,12}$/)
  meterId: string;

  @Field(() => DecimalScalar, { description: "The value in m³, up to 3 decimals." })
  value: string;

  @Field(() => String, {
    description:
      "Client-made key (a UUID; 8 to 64 of A-Z a-z 0-9 _ -): a retried sending with the same key " +
      "returns the first result and never uses up the correction. Required: an answer that " +
      "cannot say whether the sending was stored (OUTCOME_UNKNOWN) is settled by sending it " +
      "again with the same key.",
  })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/)
  idempotencyKey: string;
}
