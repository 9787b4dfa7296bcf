import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { type GraphQLContext, requireViewer } from "../graphql/context";
import { AppError } from "../shared/errors";
import { AuthPayload, User } from "../users/user.types";
import type { LoggedIn } from "./auth.service";
import { LoginInput } from "./dto/login.input";

const payload = (loggedIn: LoggedIn): AuthPayload =>
  Object.assign(new AuthPayload(), {
    accessToken: loggedIn.accessToken,
    expiresAt: loggedIn.expiresAt,
    user: User.from(loggedIn.user),
  });

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, {
    description: "Logs in; sets the session cookie (30 days with rememberMe).",
  })
  async login(
    @Arg("input", { description: "The input of this operation." }) input: LoginInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuthPayload> {
    const loggedIn = await ctx.services.auth.login(
      input.email,
      input.password,
      input.rememberMe,
      ctx.meta,
    );
    ctx.services.sessionCookie.set(ctx.reply, loggedIn.token, input.rememberMe);
    return payload(loggedIn);
  }

  @Mutation(() => AuthPayload, {
    description: "Trades the session cookie for a new access token, rotating the cookie.",
  })
  async refreshSession(@Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    const { sessionCookie, auth } = ctx.services;
    const token = sessionCookie.read(ctx.request);
    if (!token) throw new AppError("UNAUTHENTICATED");
    try {
      const refreshed = await auth.refresh(token, ctx.meta);
      sessionCookie.set(ctx.reply, refreshed.token, refreshed.session.rememberMe);
      return payload(refreshed);
    } catch (error) {
      sessionCookie.clear(ctx.reply);
      throw error;
    }
  }

  @Mutation(() => Boolean, { description: "Ends the session on the server and clears the cookie." })
  async logout(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    const { sessionCookie, sessions } = ctx.services;
    if (ctx.viewer) await sessions.end(ctx.viewer.sessionId);
    const token = sessionCookie.read(ctx.request);
    if (token) await sessions.endByToken(token);
    sessionCookie.clear(ctx.reply);
    return true;
  }

  @Mutation(() => Boolean, {
    description: "Ends every session of the caller, on all devices, and clears the cookie.",
  })
  async logoutEverywhere(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    const { user } = requireViewer(ctx);
    const { sessions, sessionCookie, dataSource } = ctx.services;
    await sessions.endOthers(dataSource.manager, user.id, null);
    sessionCookie.clear(ctx.reply);
    return true;
  }
}
