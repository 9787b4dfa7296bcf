import { Field, InputType } from "type-graphql";

@InputType({ description: "A new password, with the token from the reset e-mail." })
export class ResetPasswordInput {
  @Field({ description: "The token from the reset link (after `#token=`)." })
  token: string;

  @Field({ description: "The new password, 8 to 128 characters; common passwords are refused." })
  newPassword: string;
}
