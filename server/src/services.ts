import type { DataSource } from "typeorm";
import { AccountsService } from "./accounts/accounts.service";
import { AccessTokens } from "./auth/access-token";
import { AuthService } from "./auth/auth.service";
import { PasswordHasher } from "./auth/password-hasher";
import { SessionCookie } from "./auth/session-cookie";
import { SessionsService } from "./auth/sessions.service";
import type { Config } from "./config";
import { ReadingsService } from "./readings/readings.service";
import type { Clock } from "./shared/clock";
import { UsersService } from "./users/users.service";

/** The composition root of the feature services. */
export function createServices(dataSource: DataSource, config: Config, clock: Clock) {
  const hasher = new PasswordHasher(config.passwordPepper, config.bcryptCost);
  const tokens = new AccessTokens(config.jwtSecret);
  const sessions = new SessionsService(dataSource, clock);
  const accounts = new AccountsService(dataSource, clock);
  return {
    dataSource,
    clock,
    tokens,
    sessions,
    sessionCookie: new SessionCookie(config.isProduction),
    auth: new AuthService(dataSource, clock, hasher, tokens, sessions),
    accounts,
    users: new UsersService(dataSource, clock, hasher, accounts, sessions),
    readings: new ReadingsService(dataSource, clock, accounts),
  };
}

export type Services = ReturnType<typeof createServices>;
