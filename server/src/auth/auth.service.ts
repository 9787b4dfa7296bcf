import type { DataSource } from "typeorm";
import type { Clock } from "../shared/clock";
import { AppError } from "../shared/errors";
import { UserEntity } from "../users/user.entity";
import { normalizeEmail } from "../users/email";
import { AccessTokens } from "./access-token";
import { PasswordHasher } from "./password-hasher";
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
  ) {}

  /** Unknown e-mail and wrong password answer alike, after the same bcrypt work. */
  async login(email: string, password: string, rememberMe: boolean): Promise<LoggedIn> {
    const users = this.dataSource.getRepository(UserEntity);
    const user = await users.findOneBy({ emailNormalized: normalizeEmail(email) });
    const valid = user
      ? await this.hasher.verify(password, user.passwordHash)
      : await this.hasher.verifyAgainstDummy(password);
    if (!user || !valid) throw new AppError("INVALID_CREDENTIALS");
    if (this.hasher.needsRehash(user.passwordHash)) {
      await users.update({ id: user.id }, { passwordHash: await this.hasher.hash(password) });
    }
    return this.withAccessToken(user, await this.sessions.start(user.id, rememberMe));
  }

  async refresh(sessionToken: string): Promise<LoggedIn> {
    const issued = await this.sessions.rotate(sessionToken);
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
