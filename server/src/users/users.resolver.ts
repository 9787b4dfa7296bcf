import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { Account } from "../accounts/account.types";
import { type GraphQLContext, requireViewer } from "../graphql/context";
import { loadMetersAhead } from "../graphql/loaders";
import { Selection } from "../graphql/look-ahead";
import { ChangePasswordInput } from "./dto/change-password.input";
import { RegisterInput } from "./dto/register.input";
import { UpdateProfileInput } from "./dto/update-profile.input";
import { RegisterPayload, User } from "./user.types";

@Resolver(() => User)
export class UsersResolver {
  @Query(() => User, {
    nullable: true,
    description: "The logged-in user; null when not authenticated.",
  })
  me(@Ctx() ctx: GraphQLContext): User | null {
    if (ctx.integrator) requireViewer(ctx); // an integrator token: FORBIDDEN (JWT-3)
    return ctx.viewer ? User.from(ctx.viewer.user) : null;
  }

  @FieldResolver(() => [Account], {
    description:
      "The accounts the user sends readings for (a legal entity: all of its BIN's accounts).",
  })
  async accounts(
    @Root() user: User,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Account[]> {
    const accounts = await ctx.services.accounts.accountsOf(user.entity);
    await loadMetersAhead(
      ctx.loaders,
      accounts.map((a) => a.id),
      Selection.of(info),
    );
    return accounts.map(Account.from);
  }

  @Mutation(() => RegisterPayload, {
    description: "Registers a subscriber who proves an account by its last payment.",
  })
  async register(
    @Arg("input", { description: "The input of this operation." }) input: RegisterInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RegisterPayload> {
    const user = await ctx.services.users.register(input, ctx.meta);
    return Object.assign(new RegisterPayload(), { user: User.from(user) });
  }

  @Mutation(() => User, { description: "Changes personal data and language." })
  async updateProfile(
    @Arg("input", { description: "The input of this operation." }) input: UpdateProfileInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<User> {
    const { user } = requireViewer(ctx);
    return User.from(await ctx.services.users.updateProfile(user, input));
  }

  @Mutation(() => Boolean, { description: "Changes the password; ends the user's other sessions." })
  async changePassword(
    @Arg("input", { description: "The input of this operation." }) input: ChangePasswordInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    const { user, sessionId } = requireViewer(ctx);
    await ctx.services.users.changePassword(
      user,
      sessionId,
      input.currentPassword,
      input.newPassword,
      ctx.meta,
    );
    return true;
  }
}
