import { Field, InputType } from "type-graphql";

@InputType({ description: "A password change; the current password proves it is the owner." })
export class ChangePasswordInput {
  @Field({ description: "The current password." })
  currentPassword: string;

  @Field({ description: "The new password, 8 to 128 characters." })
  newPassword: string;
}
