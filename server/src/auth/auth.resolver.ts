import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { Access, Public, type GraphQLContext, CurrentSessionId, CurrentUser } from "../graphql";
import type { AuthService } from "./auth.service";
import type { DataSource } from "typeorm";
import type { PushService } from "../push/push.service";
import type { SessionCookie } from "./session-cookie";
import type { SessionsService } from "./sessions.service";
import { AppError } from "../common/app-error";
import type { UserEntity } from "../users/user.entity";
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
  constructor(
    private readonly services: {
      auth: AuthService;
      sessionCookie: SessionCookie;
      sessions: SessionsService;
      dataSource: DataSource;
      push: PushService;
    },
  ) {}

  @Public()
  @Mutation(() => AuthPayload, {
    description: "Logs in; sets the session cookie (30 days with rememberMe).",
  })
  async login(
    @Arg("input", { description: "The input of this operation." }) input: LoginInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuthPayload> {
    const loggedIn = await this.services.auth.login(
      input.email,
      input.password,
      input.rememberMe,
      ctx.meta,
    );
    this.services.sessionCookie.set(ctx.reply, loggedIn.token, input.rememberMe);
    return payload(loggedIn);
  }

  @Public() // the session cookie is the credential, checked by the service
  @Mutation(() => AuthPayload, {
    description: "Trades the session cookie for a new access token, rotating the cookie.",
  })
  async refreshSession(@Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    const { sessionCookie, auth } = this.services;
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

  @Public() // ends whatever session the request names, if any
  @Mutation(() => Boolean, { description: "Ends the session on the server and clears the cookie." })
  async logout(
    @CurrentSessionId({ optional: true }) sessionId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    const { sessionCookie, sessions, push } = this.services;
    if (sessionId) await sessions.end(sessionId);
    const token = sessionCookie.read(ctx.request);
    const ended = token ? await sessions.endByToken(token) : null;
    // This device's push subscription goes with its session.
    for (const id of new Set([sessionId, ended])) if (id) await push.forgetSession(id);
    sessionCookie.clear(ctx.reply);
    return true;
  }

  @Authorized(Access.USER)
  @Mutation(() => Boolean, {
    description: "Ends every session of the caller, on all devices, and clears the cookie.",
  })
  async logoutEverywhere(
    @CurrentUser() user: UserEntity,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    const { sessions, sessionCookie, dataSource, push } = this.services;
    await sessions.endOthers(dataSource.manager, user.id, null);
    await push.forgetUser(user.id);
    sessionCookie.clear(ctx.reply);
    return true;
  }
}
