import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** A personal account of the utility's registry (owned by the billing system). */
@Entity("accounts")
export class AccountEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  /** A string: leading zeros are part of the number. */
  @Column({ type: "varchar", length: 32, unique: true })
  number: string;

  @Column({ name: "holder_name", type: "varchar", length: 200 })
  holderName: string;

  @Column({ type: "varchar", length: 500 })
  address: string;

  /** The legal entity owning the account; null for individuals. */
  @Index()
  @Column({ name: "owner_bin", type: "varchar", length: 12, nullable: true })
  ownerBin: string | null;

  @Column({ name: "created_at", type: "datetime", precision: 3 })
  createdAt: Date;

  @Column({ name: "updated_at", type: "datetime", precision: 3 })
  updatedAt: Date;
}
