import type { DataSource, EntityManager } from "typeorm";
import { IsNull, Not } from "typeorm";
import type { AuditService } from "../audit/audit.service";
import { NO_REQUEST, type RequestMeta } from "../audit/request-meta";
import { selectEntities } from "../db/hydrate";
import { columnParameter } from "../db/parameters";
import { AppError } from "../common/app-error";
import type { Clock } from "../core/clock";
import { UserEntity } from "../users/user.entity";
import { SubmitLinkEntity } from "../submit-links/submit-link.entity";
import { SessionEntity } from "./session.entity";
import { hashSessionToken, newSessionId, newSessionToken } from "./session-token";

const HOUR_MS = 3_600_000;
/** Remember-me: 30 days, renewed at every refresh. */
export const REMEMBER_ME_MS = 30 * 24 * HOUR_MS;
/** A plain session ends with the browser, and on the server after 12 hours at most. */
export const PLAIN_SESSION_MS = 12 * HOUR_MS;

export interface IssuedSession {
  session: SessionEntity;
  /** The opaque token for the cookie; only its hash is stored. */
  token: string;
}

export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit?: AuditService,
  ) {}

  async start(userId: number, rememberMe: boolean): Promise<IssuedSession> {
    const now = this.clock.now();
    const { token, hash } = newSessionToken();
    const session = await this.dataSource.getRepository(SessionEntity).save({
      id: newSessionId(),
      userId,
      tokenHash: hash,
      previousTokenHash: null,
      rememberMe,
      expiresAt: new Date(now.getTime() + (rememberMe ? REMEMBER_ME_MS : PLAIN_SESSION_MS)),
      createdAt: now,
      lastUsedAt: now,
    });
    return { session, token };
  }

  /**
   * Trades the cookie's token for a new one. A token that was already rotated away is a replay
   * (stolen or raced): the whole session is revoked.
   */
  async rotate(token: string, meta: RequestMeta = NO_REQUEST): Promise<IssuedSession> {
    const sessions = this.dataSource.getRepository(SessionEntity);
    const presented = hashSessionToken(token);
    const now = this.clock.now();
    const session = await sessions.findOneBy({ tokenHash: presented });
    if (!session) {
      const replayed = await sessions.findOneBy({ previousTokenHash: presented });
      if (replayed) {
        await sessions.delete({ id: replayed.id });
        await this.audit?.record({
          type: "SESSION_TOKEN_REUSED",
          userId: replayed.userId,
          meta,
          detail: { sessionId: replayed.id },
        });
      }
      throw new AppError("UNAUTHENTICATED");
    }
    if (session.expiresAt <= now) {
      await sessions.delete({ id: session.id });
      throw new AppError("UNAUTHENTICATED");
    }
    const next = newSessionToken();
    const expiresAt = session.rememberMe
      ? new Date(now.getTime() + REMEMBER_ME_MS)
      : session.expiresAt;
    // Conditional on the old hash: of two refreshes racing with one token, one wins.
    const result = await sessions.update(
      { id: session.id, tokenHash: presented },
      { tokenHash: next.hash, previousTokenHash: presented, expiresAt, lastUsedAt: now },
    );
    if (result.affected !== 1) throw new AppError("UNAUTHENTICATED");
    return {
      session: {
        ...session,
        tokenHash: next.hash,
        previousTokenHash: presented,
        expiresAt,
        lastUsedAt: now,
      },
      token: next.token,
    };
  }

  async end(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).delete({ id: sessionId });
  }

  /** Ends the session whose cookie token this is; answers its id, null when there was none. */
  async endByToken(token: string): Promise<string | null> {
    const sessions = this.dataSource.getRepository(SessionEntity);
    const session = await sessions.findOne({
      select: { id: true },
      where: { tokenHash: hashSessionToken(token) },
    });
    if (!session) return null;
    await sessions.delete({ id: session.id });
    return session.id;
  }

  /**
   * Ends every session of the user but `keepSessionId` (all of them when it is null), and
   * revokes his one-tap submit links: a password change, a reset and `logoutEverywhere` all
   * come here.
   */
  async endOthers(
    manager: EntityManager,
    userId: number,
    keepSessionId: string | null,
  ): Promise<void> {
    await manager
      .getRepository(SessionEntity)
      .delete(keepSessionId ? { userId, id: Not(keepSessionId) } : { userId });
    await manager
      .getRepository(SubmitLinkEntity)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  /** The user behind a live session, in one statement; null when the session is gone. */
  async activeUser(sessionId: string, userId: number): Promise<UserEntity | null> {
    const manager = this.dataSource.manager;
    const now = columnParameter(manager, SessionEntity, "expiresAt", this.clock.now());
    const [user] = await selectEntities(
      manager,
      UserEntity,
      "SELECT u.* FROM users u INNER JOIN sessions s ON s.user_id = u.id " +
        "WHERE s.id = ? AND u.id = ? AND s.expires_at > ?",
      [sessionId, userId, now],
    );
    return user ?? null;
  }
}
