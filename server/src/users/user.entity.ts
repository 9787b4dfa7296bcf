import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Language, PersonType, UserRole } from "../core/enums";

@Entity("users")
export class UserEntity {
  @PrimaryGeneratedColumn({ type: "int" })
  id: number;

  /** As typed; the login compares `emailNormalized`. */
  @Column({ type: "varchar", length: 254 })
  email: string;

  @Column({ name: "email_normalized", type: "varchar", length: 254, unique: true })
  emailNormalized: string;

  @Column({ name: "password_hash", type: "varchar", length: 100 })
  passwordHash: string;

  @Column({ name: "last_name", type: "varchar", length: 100 })
  lastName: string;

  @Column({ name: "first_name", type: "varchar", length: 100 })
  firstName: string;

  /** E.164, e.g. +77011234567. */
  @Column({ type: "varchar", length: 16 })
  phone: string;

  @Column({ name: "person_type", type: "varchar", length: 16 })
  personType: PersonType;

  @Column({ type: "varchar", length: 12, nullable: true })
  bin: string | null;

  @Column({ type: "varchar", length: 2 })
  language: Language;

  @Column({ type: "varchar", length: 16, default: "SUBSCRIBER" })
  role: UserRole;

  @Column({ name: "email_verified_at", type: "datetime", precision: 3, nullable: true })
  emailVerifiedAt: Date | null;

  /** Reminders by e-mail (README "Reminders"); sent only to a confirmed address. */
  @Column({ name: "reminder_email", type: "boolean", default: true })
  reminderEmail: boolean;

  /** Reminders by web push. */
  @Column({ name: "reminder_push", type: "boolean", default: false })
  reminderPush: boolean;

  @Column({ name: "created_at", type: "datetime", precision: 3 })
  createdAt: Date;

  @Column({ name: "updated_at", type: "datetime", precision: 3 })
  updatedAt: Date;
}
