import { isEmail } from "class-validator";
import type { DataSource } from "typeorm";
import { binOwnsAccount, registrationBin } from "../accounts/account-proof.rules";
import type { AccountsService } from "../accounts/accounts.service";
import type { AuditService } from "../audit/audit.service";
import { NO_REQUEST, type RequestMeta } from "../audit/request-meta";
import { checkPassword } from "../auth/password-policy.rules";
import type { PasswordHasher } from "../auth/password-hasher.service";
import type { SessionsService } from "../auth/sessions.service";
import { isUniqueViolation, withTransaction } from "../db/transaction";
import type { MailService } from "../mail/mail.service";
import type { RequestLimits } from "../rate-limit/request-limits";
import type { EmailConfirmationService } from "../recovery/email-confirmation.service";
import type { Clock } from "../core/clock";
import { Language, PersonType } from "../core/enums";
import { AppError, invalidField } from "../common/app-error";
import { normalizeKzMobile } from "../core/phone";
import type { RegisterInput } from "./dto/register.input";
import type { UpdateProfileInput } from "./dto/update-profile.input";
import { normalizeEmail } from "./email.rules";
import { UserEntity } from "./user.entity";

export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly limits: RequestLimits,
    /** Audit log and e-mail: the confirmation link at registration, the change notice. */
    private readonly notify: {
      audit: AuditService;
      emailConfirmation: EmailConfirmationService;
      mail: MailService;
    },
  ) {}

  async register(input: RegisterInput, meta: RequestMeta): Promise<UserEntity> {
    await this.limits.beforeRegistration(meta);
    const email = input.email.trim();
    if (!isEmail(email) || email.length > 254)
      throw invalidField("email", "Enter a valid e-mail address.");
    const lastName = requiredName(input.lastName, "lastName");
    const firstName = requiredName(input.firstName, "firstName");
    if (input.password !== input.passwordConfirmation) {
      throw new AppError("PASSWORDS_DO_NOT_MATCH", { field: "passwordConfirmation" });
    }
    assertAcceptablePassword(input.password, "password", { email, names: [lastName, firstName] });
    if (!input.acceptTerms) throw new AppError("TERMS_NOT_ACCEPTED", { field: "acceptTerms" });
    const phone = phoneOrRefuse(input.phone);
    const bin = binOrRefuse(input.personType, input.bin);

    const users = this.dataSource.getRepository(UserEntity);
    if (await users.existsBy({ emailNormalized: normalizeEmail(email) })) {
      throw new AppError("EMAIL_TAKEN", { field: "email" });
    }
    const passwordHash = await this.hasher.hash(input.password);

    try {
      return await this.accounts.withProofLimits(input, meta, undefined, () =>
        this.createProven(input, { email, lastName, firstName, phone, bin, passwordHash }, meta),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("EMAIL_TAKEN", { field: "email" });
      throw error;
    }
  }

  private createProven(
    input: RegisterInput,
    fields: {
      email: string;
      lastName: string;
      firstName: string;
      phone: string;
      bin: string | null;
      passwordHash: string;
    },
    meta: RequestMeta,
  ): Promise<UserEntity> {
    const { email, lastName, firstName, phone, bin, passwordHash } = fields;
    return withTransaction(this.dataSource, async (manager) => {
      const account = await this.accounts.verifyProof(manager, input);
      if (!binOwnsAccount(bin, account)) {
        throw new AppError("BIN_NOT_FOUND", { field: "bin" });
      }
      const now = this.clock.now();
      const user = await manager.getRepository(UserEntity).save({
        email,
        emailNormalized: normalizeEmail(email),
        passwordHash,
        lastName,
        firstName,
        phone,
        personType: input.personType,
        bin,
        language: input.language ?? Language.RU,
        emailVerifiedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      if (bin === null) {
        await manager.insert("account_links", this.accounts.newLink(user.id, account.id));
        await this.accounts.linked(manager, account.id, "REGISTRATION");
      }
      await this.notify.emailConfirmation.issue(manager, user);
      await this.notify.audit.record(
        { type: "REGISTERED", userId: user.id, meta, detail: { personType: user.personType } },
        manager,
      );
      return user;
    });
  }

  async updateProfile(user: UserEntity, input: UpdateProfileInput): Promise<UserEntity> {
    const changes: Partial<UserEntity> = {};
    if (input.lastName != null) changes.lastName = requiredName(input.lastName, "lastName");
    if (input.firstName != null) changes.firstName = requiredName(input.firstName, "firstName");
    if (input.phone != null) changes.phone = phoneOrRefuse(input.phone);
    if (input.language != null) changes.language = input.language;
    if (Object.keys(changes).length === 0) return user;
    changes.updatedAt = this.clock.now();
    await this.dataSource.getRepository(UserEntity).update({ id: user.id }, changes);
    return { ...user, ...changes };
  }

  /** Sets a new password and ends every other session of the user. */
  async changePassword(
    user: UserEntity,
    sessionId: string,
    currentPassword: string,
    newPassword: string,
    meta: RequestMeta = NO_REQUEST,
  ): Promise<void> {
    if (!(await this.hasher.verify(currentPassword, user.passwordHash))) {
      throw new AppError("INVALID_CREDENTIALS", { field: "currentPassword" });
    }
    assertAcceptablePassword(newPassword, "newPassword", {
      email: user.email,
      names: [user.lastName, user.firstName],
    });
    const passwordHash = await this.hasher.hash(newPassword);
    await withTransaction(this.dataSource, async (manager) => {
      await manager
        .getRepository(UserEntity)
        .update({ id: user.id }, { passwordHash, updatedAt: this.clock.now() });
      await this.sessions.endOthers(manager, user.id, sessionId);
      await this.notify.mail.enqueue(manager, user, {
        kind: "PASSWORD_CHANGED",
        firstName: user.firstName,
        how: "CHANGE",
        loginUrl: this.notify.mail.appUrl("/"),
      });
      await this.notify.audit.record({ type: "PASSWORD_CHANGED", userId: user.id, meta }, manager);
    });
  }
}

function requiredName(value: string, field: string): string {
  const name = value.trim();
  if (name === "") throw invalidField(field, "This field is required.");
  return name;
}

function phoneOrRefuse(input: string): string {
  const phone = normalizeKzMobile(input);
  if (phone === null) throw new AppError("INVALID_PHONE", { field: "phone" });
  return phone;
}

/** The BIN a registration records (`account-proof.rules.ts`), or its refusal. */
function binOrRefuse(personType: PersonType, input: string | null | undefined): string | null {
  const verdict = registrationBin(personType, input);
  if (verdict.kind === "missing") throw invalidField("bin", "A legal entity needs its BIN.");
  if (verdict.kind === "invalid") throw new AppError("INVALID_BIN", { field: "bin" });
  return verdict.bin;
}

/** The password policy of registration, reused by the reset (AUTH-1). */
export function assertAcceptablePassword(
  password: string,
  field: string,
  context: { email: string; names: string[] },
): void {
  const verdict = checkPassword(password, context);
  if (verdict === "TOO_LONG")
    throw invalidField(field, "The password may have at most 128 characters.");
  if (verdict !== "OK") throw new AppError("WEAK_PASSWORD", { field });
}
