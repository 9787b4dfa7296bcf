import { IsNotEmpty, IsOptional, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { Language } from "../../core/enums";

@InputType({ description: "Personal data to change; omitted fields stay as they are." })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true, description: "Last name." })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(100)
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: "First name." })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(100)
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: "Kazakhstan mobile number as typed." })
  @IsOptional()
  @MaxLength(32)
  phone?: string | null;

  @Field(() => Language, { nullable: true, description: "Language of the app and e-mails." })
  language?: Language | null;
}
