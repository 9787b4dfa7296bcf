import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";

/** An individual's claim to an account, proven by its last payment. Many users per account. */
@Entity("account_links")
@Unique("uq_account_links_user_account", ["userId", "accountId"])
export class AccountLinkEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  @Column({ name: "user_id", type: "int" })
  userId: number;

  @Index()
  @Column({ name: "account_id", type: "int" })
  accountId: number;

  @Column({ name: "created_at", type: "datetime", precision: 3 })
  createdAt: Date;
}
