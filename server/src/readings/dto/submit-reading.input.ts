import { IsOptional, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { DecimalScalar } from "../../shared/scalars/decimal.scalar";

@InputType({ description: "A meter reading to send." })
export class SubmitReadingInput {
  @Field(() => ID, { description: "The meter (`Meter.id`)." })
  @Matches(/^\d{1,12}$/)
  meterId: string;

  @Field(() => DecimalScalar, { description: "The value in m³, up to 3 decimals." })
  value: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Client-made key (a UUID): a retried sending with the same key returns the first result " +
      "and never uses up the correction.",
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{8,64}$/)
  idempotencyKey?: string | null;
}
