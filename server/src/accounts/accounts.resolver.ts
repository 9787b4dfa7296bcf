import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { type GraphQLContext, requireViewer } from "../graphql/context";
import { Meter } from "../readings/reading.types";
import { Account } from "./account.types";
import { LinkAccountInput } from "./dto/link-account.input";

@Resolver(() => Account)
export class AccountsResolver {
  @Query(() => Account, {
    nullable: true,
    description: "An account linked to the caller; null otherwise.",
  })
  async account(
    @Arg("number", { description: "The account number." }) number: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Account | null> {
    const { user } = requireViewer(ctx);
    const account = await ctx.services.accounts.accessibleAccount(user, number);
    return account ? Account.from(account) : null;
  }

  @FieldResolver(() => [Meter], {
    description: "The account's meters; a replaced one keeps its history.",
  })
  async meters(@Root() account: Account, @Ctx() ctx: GraphQLContext): Promise<Meter[]> {
    return (await ctx.loaders.metersByAccount.load(account.entity.id)).map(Meter.from);
  }

  @Mutation(() => Account, {
    description: "Adds an account proven by its number and exact last payment.",
  })
  async linkAccount(
    @Arg("input", { description: "The input of this operation." }) input: LinkAccountInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Account> {
    const { user } = requireViewer(ctx);
    return Account.from(await ctx.services.accounts.link(user, input, ctx.meta));
  }

  @Mutation(() => Boolean, { description: "Removes an account the user added." })
  async unlinkAccount(
    @Arg("number", { description: "The account number." }) number: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    const { user } = requireViewer(ctx);
    await ctx.services.accounts.unlink(user, number, ctx.meta);
    return true;
  }
}
