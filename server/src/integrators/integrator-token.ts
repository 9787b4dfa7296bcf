import { createHash, createSecretKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import { refusalOfJwtError, type TokenCheck, type TokenRefusal } from "../common/token-refusal";
import { type VerifiedToken, VerifiedTokens } from "../common/verified-tokens";
import { isScope, type Scope } from "./scopes";

/** Integrator tokens live 5 minutes; a client trades its id and secret again for a new one. */
export const INTEGRATOR_TOKEN_TTL_SECONDS = 300;
const ISSUER = "gas-readings";
/** Not the subscribers' `gas-api`: neither kind of token passes for the other (JWT-3). */
export const INTEGRATOR_AUDIENCE = "gas-integrations";
const TOKEN_TYPE = "int+jwt";
const CLOCK_SKEW_SECONDS = 30;

export interface IntegratorClaims {
  /** The public client id (`gci_…`). */
  clientId: string;
  scopes: Scope[];
}

/** A key's id: a short hash of the key, so rotation needs no second setting. */
export const keyId = (secret: string) =>
  "ik-" + createHash("sha256").update(`kid:${secret}`).digest("hex").slice(0, 12);

/**
 * Integrator access tokens: HS256 with their own key (INTEGRATOR_JWT_SECRET), a `kid` header,
 * and the previous key still accepted during a rotation (INTEGRATOR_JWT_PREVIOUS_SECRET).
 */
const secretKey = (secret: string) => createSecretKey(Buffer.from(secret, "utf8"));

export class IntegratorTokens {
  /** KeyObjects: given a string, jsonwebtoken first tries it as a public key on every call. */
  private readonly keys = new Map<string, KeyObject>();
  private readonly currentKid: string;

  constructor(current: string, previous: string | null = null) {
    this.currentKid = keyId(current);
    this.keys.set(this.currentKid, secretKey(current));
    if (previous) this.keys.set(keyId(previous), secretKey(previous));
  }

  sign(claims: IntegratorClaims, now: Date): { token: string; expiresAt: Date } {
    const iat = Math.floor(now.getTime() / 1000);
    const token = jwt.sign(
      { scope: claims.scopes.join(" "), iat },
      this.keys.get(this.currentKid)!,
      {
        algorithm: "HS256",
        expiresIn: INTEGRATOR_TOKEN_TTL_SECONDS,
        issuer: ISSUER,
        audience: INTEGRATOR_AUDIENCE,
        subject: claims.clientId,
        header: { alg: "HS256", typ: TOKEN_TYPE, kid: this.currentKid },
      },
    );
    return { token, expiresAt: new Date((iat + INTEGRATOR_TOKEN_TTL_SECONDS) * 1000) };
  }

  /** The claims of a valid integrator token, or null for anything else (subscriber tokens too). */
  verify(token: string, now: Date): IntegratorClaims | null {
    const checked = this.check(token, now);
    return "claims" in checked ? checked.claims : null;
  }

  /** The claims of a valid integrator token, or why it is refused (expired, or invalid). */
  check(token: string, now: Date): TokenCheck<IntegratorClaims> {
    return this.verified.check(token, now, () => this.verifyFully(token, now));
  }

  private readonly verified = new VerifiedTokens<IntegratorClaims>();

  private verifyFully(
    token: string,
    now: Date,
  ): VerifiedToken<IntegratorClaims> | { refusal: TokenRefusal } {
    const invalid = { refusal: "TOKEN_INVALID" } as const;
    try {
      const header = jwt.decode(token, { complete: true })?.header;
      const secret = typeof header?.kid === "string" ? this.keys.get(header.kid) : undefined;
      if (!secret || header?.typ !== TOKEN_TYPE) return invalid;
      const decoded = jwt.verify(token, secret, {
        algorithms: ["HS256"],
        issuer: ISSUER,
        audience: INTEGRATOR_AUDIENCE,
        clockTimestamp: Math.floor(now.getTime() / 1000),
        clockTolerance: CLOCK_SKEW_SECONDS,
      });
      if (typeof decoded === "string") return invalid;
      const { sub, scope, nbf, exp } = decoded as {
        sub?: unknown;
        scope?: unknown;
        nbf?: unknown;
        exp?: unknown;
      };
      if (typeof sub !== "string" || typeof scope !== "string") return invalid;
      const scopes = Object.freeze(scope.split(" ").filter(isScope)) as Scope[];
      return {
        claims: Object.freeze({ clientId: sub, scopes }),
        // jsonwebtoken's comparisons, for the next uses of the token.
        validFrom: typeof nbf === "number" ? nbf - CLOCK_SKEW_SECONDS : -Infinity,
        expiresAt: typeof exp === "number" ? exp + CLOCK_SKEW_SECONDS : Infinity,
      };
    } catch (error) {
      return { refusal: refusalOfJwtError(error) };
    }
  }
}
