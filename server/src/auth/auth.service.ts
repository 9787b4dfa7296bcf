import type { DataSource } from "typeorm";
import type { AuditService } from "../audit/audit.service";
import { NO_REQUEST, type RequestMeta } from "../audit/request-meta";
import type { RequestLimits } from "../rate-limit/request-limits";
import type { Clock } from "../core/clock";
import { AppError } from "../common/app-error";
import { UserEntity } from "../users/user.entity";
import { normalizeEmail } from "../users/email.rules";
import { AccessTokens } from "./access-token";
import { PasswordHasher } from "./password-hasher.service";
import { IssuedSession, SessionsService } from "./sessions.service";

export interface LoggedIn extends IssuedSession {
  user: UserEntity;
  accessToken: string;
  expiresAt: Date;
}

export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
    private readonly sessions: SessionsService,
    private readonly limits: RequestLimits,
    private readonly audit?: AuditService,
  ) {}

  /**
   * Unknown e-mail and wrong password answer alike, after the same bcrypt work. The login
   * limits (RL-3) are charged before any hashing; a success clears the (e-mail, IP) failures.
   */
  async login(
    email: string,
    password: string,
    rememberMe: boolean,
    meta: RequestMeta,
  ): Promise<LoggedIn> {
    const emailNormalized = normalizeEmail(email);
    await this.limits.beforeLogin(emailNormalized, meta);
    const users = this.dataSource.getRepository(UserEntity);
    const user = await users.findOneBy({ emailNormalized });
    const valid = user
      ? await this.hasher.verify(password, user.passwordHash)
      : await this.hasher.verifyAgainstDummy(password);
    if (!user || !valid) {
      await this.audit?.record({
        type: "LOGIN_FAILED",
        userId: user?.id ?? null,
        meta,
        detail: { reason: user ? "WRONG_PASSWORD" : "UNKNOWN_EMAIL" },
      });
      throw new AppError("INVALID_CREDENTIALS");
    }
    await this.limits.loginSucceeded(emailNormalized, meta);
    if (this.hasher.needsRehash(user.passwordHash)) {
      await users.update({ id: user.id }, { passwordHash: await this.hasher.hash(password) });
    }
    const issued = await this.sessions.start(user.id, rememberMe);
    await this.audit?.record({
      type: "LOGIN_SUCCEEDED",
      userId: user.id,
      meta,
      detail: { sessionId: issued.session.id, rememberMe },
    });
    return this.withAccessToken(user, issued);
  }

  async refresh(sessionToken: string, meta: RequestMeta = NO_REQUEST): Promise<LoggedIn> {
    const issued = await this.sessions.rotate(sessionToken, meta);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOneBy({ id: issued.session.userId });
    if (!user) throw new AppError("UNAUTHENTICATED");
    return this.withAccessToken(user, issued);
  }

  private withAccessToken(user: UserEntity, issued: IssuedSession): LoggedIn {
    const { token, expiresAt } = this.tokens.sign(
      { userId: user.id, sessionId: issued.session.id },
      this.clock.now(),
    );
    return { ...issued, user, accessToken: token, expiresAt };
  }
}
