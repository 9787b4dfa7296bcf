import { MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType({ description: "Asks for a password reset link by e-mail." })
export class RequestPasswordResetInput {
  @Field({ description: "The registered e-mail address (any case)." })
  @MaxLength(254)
  email: string;
}
