import { Field, ID, ObjectType } from "type-graphql";
import { Language, PersonType } from "../core/enums";
import type { UserEntity } from "./user.entity";

@ObjectType({ description: "A subscriber of the service.", simpleResolvers: true })
export class User {
  @Field(() => ID, { description: "Stable identifier of the user." })
  id: string;

  @Field({ description: "The login e-mail address, as registered." })
  email: string;

  @Field({ description: "Last name." })
  lastName: string;

  @Field({ description: "First name." })
  firstName: string;

  @Field({ description: "Mobile phone number in E.164 form (+77011234567)." })
  phone: string;

  @Field(() => PersonType, { description: "Individual or legal entity." })
  personType: PersonType;

  @Field(() => String, { nullable: true, description: "A legal entity's 12-digit BIN." })
  bin: string | null;

  @Field(() => Language, { description: "Language of the app and of e-mails." })
  language: Language;

  @Field({
    description: "False for a legal entity: its accounts are the registry's list for its BIN.",
  })
  canLinkAccounts: boolean;

  @Field({ description: "Whether the e-mail address was confirmed with the link sent to it." })
  emailVerified: boolean;

  @Field({ description: "Reminders by e-mail (to a confirmed address); on by default." })
  reminderEmail: boolean;

  @Field({ description: "Reminders by web push; off by default." })
  reminderPush: boolean;

  /** Kept for field resolvers (accounts); not part of the schema. */
  entity: UserEntity;

  static from(entity: UserEntity): User {
    return Object.assign(new User(), {
      id: String(entity.id),
      email: entity.email,
      lastName: entity.lastName,
      firstName: entity.firstName,
      phone: entity.phone,
      personType: entity.personType,
      bin: entity.bin,
      language: entity.language,
      canLinkAccounts: entity.personType === PersonType.INDIVIDUAL,
      emailVerified: entity.emailVerifiedAt !== null,
      reminderEmail: entity.reminderEmail,
      reminderPush: entity.reminderPush,
      entity,
    });
  }
}

@ObjectType({ description: "The result of a registration.", simpleResolvers: true })
export class RegisterPayload {
  @Field(() => User, { description: "The new user; log in to get a session." })
  user: User;
}

@ObjectType({ description: "A session's access token.", simpleResolvers: true })
export class AuthPayload {
  @Field({ description: "Short-lived JWT for `Authorization: Bearer`; keep it in memory only." })
  accessToken: string;

  @Field(() => Date, { description: "When the access token expires; refresh before then." })
  expiresAt: Date;

  @Field(() => User, { description: "The logged-in user." })
  user: User;
}
