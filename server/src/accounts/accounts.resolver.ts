import type { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { Access, type GraphQLContext, CurrentUser, loadAccountsAhead, Selection } from "../graphql";
import type { AccountsService } from "./accounts.service";
import { mapMaybe, type MaybePromise } from "../common/maybe-async";
import { Meter } from "../readings/reading.types";
import type { UserEntity } from "../users/user.entity";
import { Account } from "./account.types";
import { LinkAccountInput } from "./dto/link-account.input";

@Resolver(() => Account)
export class AccountsResolver {
  constructor(private readonly services: { accounts: AccountsService }) {}

  @Authorized(Access.USER)
  @Query(() => Account, {
    nullable: true,
    description: "An account linked to the caller; null otherwise.",
  })
  async account(
    @Arg("number", { description: "The account number." }) number: string,
    @CurrentUser() user: UserEntity,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Account | null> {
    const selection = Selection.of(info);
    const found = await this.services.accounts.accessibleAccount(
      user,
      number,
      selection.has("meters"),
    );
    if (!found) return null;
    await loadAccountsAhead(ctx.loaders, [found], selection);
    return Account.from(found.account);
  }

  @FieldResolver(() => [Meter], {
    description: "The account's meters; a replaced one keeps its history.",
  })
  meters(@Root() account: Account, @Ctx() ctx: GraphQLContext): MaybePromise<Meter[]> {
    return mapMaybe(ctx.loaders.metersByAccount.get(account.entity.id), (meters) =>
      meters.map(Meter.from),
    );
  }

  @Authorized(Access.USER)
  @Mutation(() => Account, {
    description: "Adds an account proven by its number and exact last payment.",
  })
  async linkAccount(
    @Arg("input", { description: "The input of this operation." }) input: LinkAccountInput,
    @CurrentUser() user: UserEntity,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Account> {
    return Account.from(await this.services.accounts.link(user, input, ctx.meta));
  }

  @Authorized(Access.USER)
  @Mutation(() => Boolean, { description: "Removes an account the user added." })
  async unlinkAccount(
    @Arg("number", { description: "The account number." }) number: string,
    @CurrentUser() user: UserEntity,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    await this.services.accounts.unlink(user, number, ctx.meta);
    return true;
  }
}
