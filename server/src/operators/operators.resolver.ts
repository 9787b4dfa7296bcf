import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from "type-graphql";
import { Account } from "../accounts/account.types";
import { Access, type GraphQLContext, CurrentUser } from "../graphql";
import type { OperatorsService } from "./operators.service";
import { PersonType } from "../core/enums";
import { invalidField } from "../common/app-error";
import type { UserEntity } from "../users/user.entity";

@ObjectType({
  description: "A user who sees an account, as an operator is shown him.",
  simpleResolvers: true,
})
export class LinkedUser {
  @Field(() => ID, { description: "The user's id." })
  id: string;

  @Field({ description: "The user's e-mail address." })
  email: string;

  @Field({ description: "Last name (a legal entity: its name as registered)." })
  lastName: string;

  @Field({ description: "First name." })
  firstName: string;

  @Field(() => PersonType, { description: "Individual or legal entity." })
  personType: PersonType;

  @Field(() => Date, {
    nullable: true,
    description: "When he linked the account; null for a legal entity owning it by BIN.",
  })
  linkedAt: Date | null;
}

@ObjectType({
  description: "A registry account as the support desk sees it.",
  simpleResolvers: true,
})
export class OperatorAccountView {
  @Field(() => Account, { description: "The account, with its meters and their history." })
  account: Account;

  @Field(() => [LinkedUser], { description: "The users who see this account." })
  linkedUsers: LinkedUser[];
}

const userIdOf = (id: string): number =>
  /^\d{1,12}$/.test(id)
    ? Number(id)
    : (() => {
        throw invalidField("userId");
      })();

/** The support desk (role OPERATOR); every change is audited. */
@Resolver()
export class OperatorsResolver {
  constructor(private readonly services: { operators: OperatorsService }) {}

  @Authorized(Access.OPERATOR)
  @Query(() => OperatorAccountView, {
    nullable: true,
    description: "A registry account and the users who see it (operators only); null if unknown.",
  })
  async operatorAccount(
    @Arg("number", { description: "The account number." }) number: string,
  ): Promise<OperatorAccountView | null> {
    const account = await this.services.operators.account(number);
    if (!account) return null;
    const linked = await this.services.operators.linkedUsers(account);
    return Object.assign(new OperatorAccountView(), {
      account: Account.from(account),
      linkedUsers: linked.map(({ user, linkedAt }) =>
        Object.assign(new LinkedUser(), {
          id: String(user.id),
          email: user.email,
          lastName: user.lastName,
          firstName: user.firstName,
          personType: user.personType,
          linkedAt,
        }),
      ),
    });
  }

  @Authorized(Access.OPERATOR)
  @Mutation(() => Boolean, {
    description: "Removes a user's link to an account (operators only; audited).",
  })
  async operatorUnlinkUser(
    @Arg("accountNumber", { description: "The account number." }) accountNumber: string,
    @Arg("userId", () => ID, { description: "The user (`LinkedUser.id`)." }) userId: string,
    @CurrentUser() operator: UserEntity,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    await this.services.operators.unlinkUser(operator, accountNumber, userIdOf(userId), ctx.meta);
    return true;
  }

  @Authorized(Access.OPERATOR)
  @Mutation(() => Boolean, {
    description:
      "Ends the block that too many wrong payment amounts put on an account number " +
      "(operators only; audited). True when there was a block.",
  })
  async operatorLiftVerificationBlock(
    @Arg("accountNumber", { description: "The account number." }) accountNumber: string,
    @CurrentUser() operator: UserEntity,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    return this.services.operators.liftVerificationBlock(operator, accountNumber, ctx.meta);
  }
}
