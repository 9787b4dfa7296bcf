import type { ErrorCode } from "../core/error-codes";
import {
  forbiddenCharacter,
  isExternalId,
  isInFuture,
  isLongerThan,
  parseAccountNumber,
  parseInstant,
  parseVerificationDue,
  verificationDueProblem,
} from "./registry-row.rules";

/**
 * The field checks of a registry sync item (`registry-sync.service.ts`): each answers the
 * field's value or refuses the item with a code, the field and what is wrong.
 */

/** A refusal of one item (the batch goes on). */
export class ItemRejected extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const reject = (code: ErrorCode, field: string, message: string): never => {
  throw new ItemRejected(code, field, message);
};

/** A text holds no control or bidi-control character (registry-row.rules.ts). */
export function plainText(value: string, field: string): string {
  const found = forbiddenCharacter(value);
  if (found) {
    reject("VALIDATION_FAILED", field, `${field} has a control or bidi character (${found}).`);
  }
  return value;
}

export function requiredText(value: string | null | undefined, field: string, max: number) {
  const text = plainText(value ?? "", field).trim();
  if (text === "") reject("VALIDATION_FAILED", field, `${field} is empty.`);
  if (isLongerThan(text, max))
    reject("VALIDATION_FAILED", field, `${field} is longer than ${max}.`);
  return text;
}

export function accountNumber(value: string, field = "accountNumber"): string {
  return (
    parseAccountNumber(value.trim()) ??
    reject("VALIDATION_FAILED", field, "An account number has up to 32 letters, digits, dashes.")
  );
}

/** An ISO 8601 date not later than now (with a few minutes' allowance for the sender's clock). */
export function pastInstant(value: string, field: string, now: Date): Date {
  const instant =
    parseInstant(value.trim()) ??
    reject("VALIDATION_FAILED", field, `${field} is not an ISO 8601 date.`);
  if (isInFuture(instant, now)) {
    reject("VALIDATION_FAILED", field, `${field} is in the future.`);
  }
  return instant;
}

export function externalId(value: string): string {
  const id = value.trim();
  if (!isExternalId(id)) {
    reject("VALIDATION_FAILED", "externalId", "externalId has 1 to 160 visible ASCII characters.");
  }
  return id;
}

/**
 * An optional verification date (`verificationDue`): undefined when not given (the stored date
 * stays), null to clear it, else a "YYYY-MM-DD" date not before installation.
 */
export function verificationDue(
  value: string | null | undefined,
  installedAt: Date,
  now: Date,
): string | null | undefined {
  if (value == null) return value;
  const field = "verificationDue";
  const due =
    parseVerificationDue(value.trim()) ??
    reject("VALIDATION_FAILED", field, `${field} is not a date (YYYY-MM-DD).`);
  const wrong = verificationDueProblem(due, installedAt, now);
  if (wrong) reject("VALIDATION_FAILED", field, `${field} ${wrong}.`);
  return due;
}
