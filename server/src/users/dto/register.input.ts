import { IsNotEmpty, Length, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { Language, PersonType } from "../../core/enums";
import { DecimalScalar } from "../../common/scalars/decimal.scalar";

@InputType({ description: "Everything the registration form asks; all fields required." })
export class RegisterInput {
  @Field({ description: "E-mail address: the login, unique regardless of case." })
  @MaxLength(260)
  email: string;

  @Field({ description: "8 to 128 characters of any kind; common passwords are refused." })
  password: string;

  @Field({ description: "The password again." })
  passwordConfirmation: string;

  @Field({ description: "Last name." })
  @IsNotEmpty()
  @MaxLength(100)
  lastName: string;

  @Field({ description: "First name." })
  @IsNotEmpty()
  @MaxLength(100)
  firstName: string;

  @Field({
    description: "Kazakhstan mobile number as typed: `8 701 123 45 67`, `+7 (701) 123-45-67`.",
  })
  @MaxLength(32)
  phone: string;

  @Field(() => PersonType, { description: "Individual (default in the app) or legal entity." })
  personType: PersonType;

  @Field(() => String, {
    nullable: true,
    description: "12-digit BIN; required for a legal entity.",
  })
  bin?: string | null;

  @Field({ description: "The personal account number." })
  @Length(1, 32)
  accountNumber: string;

  @Field(() => DecimalScalar, {
    description: "The exact amount of the account's last payment, tenge with tiyn.",
  })
  lastPaymentAmount: string;

  @Field({ description: "True when the user agreement is accepted." })
  acceptTerms: boolean;

  @Field(() => Language, {
    nullable: true,
    description: "Language of the app and e-mails (default RU).",
  })
  language?: Language | null;
}
