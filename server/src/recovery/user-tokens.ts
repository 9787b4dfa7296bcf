import type { EntityManager } from "typeorm";
import { IsNull, MoreThan } from "typeorm";
import type { Clock } from "../core/clock";
import { hashOneTimeToken, newOneTimeToken } from "./one-time-token";
import { TokenPurpose, UserTokenEntity } from "./user-token.entity";

/** The store of one-time e-mail tokens; every method runs in the caller's transaction. */
export class UserTokens {
  constructor(private readonly clock: Clock) {}

  /** Issues a token; returns the plain token for the e-mail (it is stored only hashed). */
  async issue(
    manager: EntityManager,
    userId: number,
    purpose: TokenPurpose,
    ttlMs: number,
  ): Promise<string> {
    const now = this.clock.now();
    const { token, hash } = newOneTimeToken();
    await manager.getRepository(UserTokenEntity).insert({
      userId,
      purpose,
      tokenHash: hash,
      expiresAt: new Date(now.getTime() + ttlMs),
      usedAt: null,
      createdAt: now,
    });
    return token;
  }

  /** The token's row, live or not, or null. Reading decides nothing: see `spend`. */
  async find(
    manager: EntityManager,
    token: string,
    purpose: TokenPurpose,
  ): Promise<UserTokenEntity | null> {
    return manager
      .getRepository(UserTokenEntity)
      .findOneBy({ tokenHash: hashOneTimeToken(token), purpose });
  }

  /** Unused and unexpired, as read (the conditional UPDATE of `spend` has the last word). */
  isLive(row: UserTokenEntity): boolean {
    return row.usedAt === null && row.expiresAt > this.clock.now();
  }

  /**
   * Single use (SECURITY REC-2): ONE conditional UPDATE that only an unused, unexpired token
   * matches. Of any number of concurrent requests with one token exactly one changes the row.
   */
  async spend(manager: EntityManager, tokenId: number): Promise<boolean> {
    const now = this.clock.now();
    const result = await manager
      .getRepository(UserTokenEntity)
      .update({ id: tokenId, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
    return result.affected === 1;
  }

  /**
   * Voids every live token of the user for this purpose. `userId` 0 matches no one: unknown
   * addresses run the same statement (REC-1).
   */
  async voidAll(manager: EntityManager, userId: number, purpose: TokenPurpose): Promise<void> {
    await manager
      .getRepository(UserTokenEntity)
      .update({ userId, purpose, usedAt: IsNull() }, { usedAt: this.clock.now() });
  }
}
