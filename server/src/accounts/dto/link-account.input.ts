import { Length } from "class-validator";
import { Field, InputType } from "type-graphql";
import { DecimalScalar } from "../../common/scalars/decimal.scalar";

@InputType({ description: "Proof of holding an account: its number and the exact last payment." })
export class LinkAccountInput {
  @Field({ description: "The personal account number." })
  @Length(1, 32)
  accountNumber: string;

  @Field(() => DecimalScalar, { description: "The exact amount of the account's last payment." })
  lastPaymentAmount: string;
}
