import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** An integrator's API client: a public client id and a hashed secret, with scopes. */
@Entity("api_clients")
export class ApiClientEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  /** Public identifier, e.g. `gci_3f9a…`. */
  @Column({ name: "client_id", type: "varchar", length: 40, unique: true })
  clientId: string;

  /** SHA-256 (hex) of the high-entropy secret; the secret itself is shown once and never kept. */
  @Column({ name: "secret_hash", type: "varchar", length: 64 })
  secretHash: string;

  @Column({ type: "varchar", length: 100 })
  name: string;

  /** Comma-separated scopes, e.g. `registry:write,readings:read`. */
  @Column({ type: "varchar", length: 200 })
  scopes: string;

  @Column({ name: "created_at", type: "datetime", precision: 3 })
  createdAt: Date;

  /** Set when revoked: its tokens stop working at the next request. */
  @Column({ name: "revoked_at", type: "datetime", precision: 3, nullable: true })
  revokedAt: Date | null;
}
