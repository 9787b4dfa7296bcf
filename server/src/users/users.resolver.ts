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
import { Account } from "../accounts/account.types";
import {
  Access,
  Public,
  type GraphQLContext,
  CurrentSessionId,
  CurrentUser,
  loadAccountsAhead,
  Selection,
} from "../graphql";
import type { AccountsService } from "../accounts/accounts.service";
import type { UsersService } from "./users.service";
import { ChangePasswordInput } from "./dto/change-password.input";
import { RegisterInput } from "./dto/register.input";
import { UpdateProfileInput } from "./dto/update-profile.input";
import type { UserEntity } from "./user.entity";
import { RegisterPayload, User } from "./user.types";

@Resolver(() => User)
export class UsersResolver {
  constructor(private readonly services: { accounts: AccountsService; users: UsersService }) {}

  @Authorized(Access.NOT_INTEGRATOR) // an integrator token: FORBIDDEN (JWT-3)
  @Query(() => User, {
    nullable: true,
    description: "The logged-in user; null when not authenticated.",
  })
  me(@CurrentUser({ optional: true }) user: UserEntity | null): User | null {
    return user ? User.from(user) : null;
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
    const selection = Selection.of(info);
    const found = await this.services.accounts.accountsOf(user.entity, selection.has("meters"));
    await loadAccountsAhead(ctx.loaders, found, selection);
    return found.map(({ account }) => Account.from(account));
  }

  @Public()
  @Mutation(() => RegisterPayload, {
    description: "Registers a subscriber who proves an account by its last payment.",
  })
  async register(
    @Arg("input", { description: "The input of this operation." }) input: RegisterInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RegisterPayload> {
    const user = await this.services.users.register(input, ctx.meta);
    return Object.assign(new RegisterPayload(), { user: User.from(user) });
  }

  @Authorized(Access.USER)
  @Mutation(() => User, { description: "Changes personal data and language." })
  async updateProfile(
    @Arg("input", { description: "The input of this operation." }) input: UpdateProfileInput,
    @CurrentUser() user: UserEntity,
  ): Promise<User> {
    return User.from(await this.services.users.updateProfile(user, input));
  }

  @Authorized(Access.USER)
  @Mutation(() => Boolean, { description: "Changes the password; ends the user's other sessions." })
  async changePassword(
    @Arg("input", { description: "The input of this operation." }) input: ChangePasswordInput,
    @CurrentUser() user: UserEntity,
    @CurrentSessionId() sessionId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    await this.services.users.changePassword(
      user,
      sessionId,
      input.currentPassword,
      input.newPassword,
      ctx.meta,
    );
    return true;
  }
}
