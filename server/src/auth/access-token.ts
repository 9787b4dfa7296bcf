import { createSecretKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import { refusalOfJwtError, type TokenCheck, type TokenRefusal } from "../common/token-refusal";
import { type VerifiedToken, VerifiedTokens } from "../common/verified-tokens";

export const ACCESS_TOKEN_TTL_SECONDS = 600;
const CLOCK_SKEW_SECONDS = 30;
const ISSUER = "gas-readings";
const AUDIENCE = "gas-api";
const TOKEN_TYPE = "at+jwt";

export interface AccessClaims {
  userId: number;
  sessionId: string;
}

/** Subscriber access tokens: HS256 only, short-lived, bound to a server-side session (sid). */
export class AccessTokens {
  /** A KeyObject: given a string, jsonwebtoken first tries it as a public key on every call. */
  private readonly secret: KeyObject;

  constructor(secret: string) {
    this.secret = createSecretKey(Buffer.from(secret, "utf8"));
  }

  sign(claims: AccessClaims, now: Date): { token: string; expiresAt: Date } {
    const iat = Math.floor(now.getTime() / 1000);
    const token = jwt.sign({ sid: claims.sessionId, iat }, this.secret, {
      algorithm: "HS256",
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      issuer: ISSUER,
      audience: AUDIENCE,
      subject: String(claims.userId),
      header: { alg: "HS256", typ: TOKEN_TYPE },
    });
    return { token, expiresAt: new Date((iat + ACCESS_TOKEN_TTL_SECONDS) * 1000) };
  }

  /** The claims of a valid token, or null for anything else (tampered, expired, foreign). */
  verify(token: string, now: Date): AccessClaims | null {
    const checked = this.check(token, now);
    return "claims" in checked ? checked.claims : null;
  }

  /** The claims of a valid token, or why it is refused (expired, or anything else: invalid). */
  check(token: string, now: Date): TokenCheck<AccessClaims> {
    return this.verified.check(token, now, () => this.verifyFully(token, now));
  }

  private readonly verified = new VerifiedTokens<AccessClaims>();

  private verifyFully(
    token: string,
    now: Date,
  ): VerifiedToken<AccessClaims> | { refusal: TokenRefusal } {
    const invalid = { refusal: "TOKEN_INVALID" } as const;
    try {
      const decoded = jwt.verify(token, this.secret, {
        algorithms: ["HS256"],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTimestamp: Math.floor(now.getTime() / 1000),
        clockTolerance: CLOCK_SKEW_SECONDS,
        complete: true,
      });
      if (decoded.header.typ !== TOKEN_TYPE || typeof decoded.payload === "string") return invalid;
      const { sub, sid, iat, exp, nbf } = decoded.payload as {
        sub?: unknown;
        sid?: unknown;
        iat?: unknown;
        exp?: unknown;
        nbf?: unknown;
      };
      // JWT-2: issued not in the future (30 s skew; `nbf` jsonwebtoken checks), at most 600 s.
      const nowSeconds = Math.floor(now.getTime() / 1000);
      if (typeof iat !== "number" || typeof exp !== "number") return invalid;
      if (iat > nowSeconds + CLOCK_SKEW_SECONDS) return invalid;
      if (exp - iat > ACCESS_TOKEN_TTL_SECONDS) return invalid;
      const userId = Number(sub);
      if (!Number.isSafeInteger(userId) || typeof sid !== "string") return invalid;
      return {
        claims: Object.freeze({ userId, sessionId: sid }),
        // The same comparisons as above and in jsonwebtoken, for the next uses of the token.
        validFrom: Math.max(
          iat - CLOCK_SKEW_SECONDS,
          typeof nbf === "number" ? nbf - CLOCK_SKEW_SECONDS : -Infinity,
        ),
        expiresAt: exp + CLOCK_SKEW_SECONDS,
      };
    } catch (error) {
      return { refusal: refusalOfJwtError(error) };
    }
  }
}
