import { MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType({ description: "E-mail and password." })
export class LoginInput {
  @Field({ description: "The registered e-mail address (any case)." })
  @MaxLength(254)
  email: string;

  @Field({ description: "The password, exactly as typed." })
  password: string;

  @Field({
    description:
      "Keep the session for 30 days (renewed on use) instead of until the browser closes.",
  })
  rememberMe: boolean;
}
