import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { TokenRefusal } from "../common/token-refusal";
import type { DataSource } from "typeorm";
import type { RequestMeta } from "../audit/request-meta";
import type { Clock } from "../core/clock";
import type { RequestLimits } from "../rate-limit/request-limits";
import { AppError } from "../common/app-error";
import { selectEntities } from "../db/hydrate";
import { ApiClientEntity } from "./api-client.entity";
import type { IntegratorTokens } from "./integrator-token";
import { isScope, type Scope } from "./scopes";

/** The API client behind a request, re-read on every request so revocation works at once. */
export interface Integrator {
  /** `api_clients.id`; readings sent by it carry the caller `client:<id>`. */
  id: number;
  clientId: string;
  name: string;
  scopes: ReadonlySet<Scope>;
}

export interface IssuedClient {
  client: ApiClientEntity;
  /** Shown once; only its hash is stored. */
  secret: string;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const scopesOf = (client: ApiClientEntity) => client.scopes.split(",").filter(isScope);

/** API clients of integrators: creation and revocation (scripts), tokens, authentication. */
export class ApiClientsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly tokens: IntegratorTokens,
    /** Limits token requests (none for the scripts, which issue no tokens). */
    private readonly limits?: RequestLimits,
  ) {}

  /**
   * A new client with a random id and a 32-byte random secret. A secret of that entropy needs no
   * slow hash: SHA-256 of it cannot be reversed or guessed.
   */
  async create(name: string, scopes: Scope[]): Promise<IssuedClient> {
    const trimmed = name.trim();
    if (trimmed === "" || trimmed.length > 100)
      throw new Error("The name must have 1 to 100 characters.");
    if (scopes.length === 0) throw new Error("Give at least one scope.");
    const secret = `gcs_${randomBytes(32).toString("base64url")}`;
    const client = await this.dataSource.getRepository(ApiClientEntity).save({
      clientId: `gci_${randomBytes(12).toString("hex")}`,
      secretHash: sha256(secret),
      name: trimmed,
      scopes: scopes.join(","),
      createdAt: this.clock.now(),
      revokedAt: null,
    });
    return { client, secret };
  }

  list(): Promise<ApiClientEntity[]> {
    return this.dataSource.getRepository(ApiClientEntity).find({ order: { id: "ASC" } });
  }

  /** Revokes a client by its client id; false when there is no such active client. */
  async revoke(clientId: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(ApiClientEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: this.clock.now() })
      .where("client_id = :clientId AND revoked_at IS NULL", { clientId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Trades a client id and secret for a short-lived token bearing the client's scopes; limited
   * per client (tokenPerClientMinute), and per address for wrong ids and secrets, so a stranger
   * cannot spend a client's budget by naming its id.
   */
  async issueToken(
    clientId: string,
    clientSecret: string,
    meta?: RequestMeta,
  ): Promise<{ token: string; expiresAt: Date; scopes: Scope[] }> {
    const client = await this.dataSource
      .getRepository(ApiClientEntity)
      .findOneBy({ clientId: clientId.slice(0, 40) });
    const presented = Buffer.from(sha256(clientSecret), "hex");
    const stored = Buffer.from(client?.secretHash ?? sha256("no such client"), "hex");
    const matches = presented.length === stored.length && timingSafeEqual(presented, stored);
    const valid = !!client && matches && !client.revokedAt;
    if (meta && this.limits) await this.limits.beforeTokenIssue(valid ? client.id : null, meta);
    if (!valid) {
      throw new AppError("INVALID_CREDENTIALS", { message: "Wrong client id or client secret." });
    }
    const scopes = scopesOf(client);
    const { token, expiresAt } = this.tokens.sign(
      { clientId: client.clientId, scopes },
      this.clock.now(),
    );
    return { token, expiresAt, scopes };
  }

  /**
   * The active client of a bearer token, or why it is refused (not an integrator token or
   * forged: TOKEN_INVALID; TOKEN_EXPIRED; the client revoked or deleted: TOKEN_REVOKED).
   * The scopes are those of the token that the client still has.
   */
  async authenticate(token: string): Promise<Integrator | TokenRefusal> {
    const checked = this.tokens.check(token, this.clock.now());
    if ("refusal" in checked) return checked.refusal;
    const { claims } = checked;
    // Every request of an integrator: hand-written and prepared (db/sql.ts), as the session check.
    const [client] = await selectEntities(
      this.dataSource.manager,
      ApiClientEntity,
      "SELECT c.* FROM api_clients c WHERE c.client_id = ?",
      [claims.clientId],
    );
    if (!client || client.revokedAt) return "TOKEN_REVOKED";
    const current = new Set(scopesOf(client));
    return {
      id: client.id,
      clientId: client.clientId,
      name: client.name,
      scopes: new Set(claims.scopes.filter((scope) => current.has(scope))),
    };
  }
}
