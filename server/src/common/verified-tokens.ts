import type { TokenCheck, TokenRefusal } from "./token-refusal";

/**
 * A token that passed every check once: its claims, and the window of time (in seconds, the
 * clock tolerance included) in which the time checks pass.
 */
export interface VerifiedToken<T> {
  claims: T;
  /** Refused before this (a future `nbf`, or `iat`). */
  validFrom: number;
  /** Expired from this on (`exp` plus the tolerance, as jsonwebtoken compares). */
  expiresAt: number;
}

const DEFAULT_CAPACITY = 5000;

/**
 * Tokens verified once, by token string, until they expire: jsonwebtoken's verify (parse, HMAC,
 * claims) cost more per request than the rest of the authentication. What cannot change for a
 * given string (signature, algorithm, issuer, audience, type) is not checked again; the time
 * checks are, against each request's `now`, so an expired token is refused at its expiry, as
 * TOKEN_EXPIRED. Refused tokens are not kept. At most `capacity` tokens; the oldest go first.
 */
export class VerifiedTokens<T> {
  private readonly tokens = new Map<string, VerifiedToken<T>>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  check(
    token: string,
    now: Date,
    verify: () => VerifiedToken<T> | { refusal: TokenRefusal },
  ): TokenCheck<T> {
    let known = this.tokens.get(token);
    if (!known) {
      const verified = verify();
      if ("refusal" in verified) return verified;
      known = verified;
      if (this.tokens.size >= this.capacity) {
        this.tokens.delete(this.tokens.keys().next().value!);
      }
      this.tokens.set(token, known);
    }
    const seconds = Math.floor(now.getTime() / 1000);
    if (seconds < known.validFrom) return { refusal: "TOKEN_INVALID" };
    if (seconds >= known.expiresAt) {
      this.tokens.delete(token);
      return { refusal: "TOKEN_EXPIRED" };
    }
    return { claims: known.claims };
  }

  get size(): number {
    return this.tokens.size;
  }
}
