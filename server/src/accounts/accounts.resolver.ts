import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { type GraphQLContext, requireViewer } from "../graphql/context";
import { loadMetersAhead } from "../graphql/loaders";
import { Selection } from "../graphql/look-ahead";
import { mapMaybe, type MaybePromise } from "../shared/maybe-async";
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<Account | null> {
    const { user } = requireViewer(ctx);
    const account = await ctx.services.accounts.accessibleAccount(user, number);
    if (!account) return null;
    await loadMetersAhead(ctx.loaders, [account.id], Selection.of(info));
    return Account.from(account);
  }

  @FieldResolver(() => [Meter], {
    description: "The account's meters; a replaced one keeps its history.",
  })
  meters(@Root() account: Account, @Ctx() ctx: GraphQLContext): MaybePromise<Meter[]> {
    return mapMaybe(ctx.loaders.metersByAccount.get(account.entity.id), (meters) =>
      meters.map(Meter.from),
    );
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
