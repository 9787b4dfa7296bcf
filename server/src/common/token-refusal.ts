import jwt from "jsonwebtoken";

/**
 * Why a bearer token was refused, as `extensions.reason` of UNAUTHENTICATED: an expired token is
 * renewed (the app from its session cookie, an API client with `issueApiToken`); a revoked or
 * invalid one will not work again.
 */
export type TokenRefusal = "TOKEN_EXPIRED" | "TOKEN_REVOKED" | "TOKEN_INVALID";

export const TOKEN_REFUSAL_MESSAGES: Record<TokenRefusal, string> = {
  TOKEN_EXPIRED: "The access token has expired; get a new one.",
  TOKEN_REVOKED: "The access token was revoked (logged out, or the API client was revoked).",
  TOKEN_INVALID: "The access token is not valid here.",
};

/** A token's claims, or why it is refused. */
export type TokenCheck<T> = { claims: T } | { refusal: TokenRefusal };

/** jsonwebtoken's verify error as a refusal: expired only once the signature was verified. */
export const refusalOfJwtError = (error: unknown): TokenRefusal =>
  error instanceof jwt.TokenExpiredError ? "TOKEN_EXPIRED" : "TOKEN_INVALID";

/** Of two verifiers' refusals of one token (subscriber and integrator), the telling one. */
export const tellingRefusal = (a: TokenRefusal, b: TokenRefusal): TokenRefusal =>
  a !== "TOKEN_INVALID" ? a : b;
