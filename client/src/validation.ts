import { isValidBin, normalizeBin } from "@core/bin";
import { parseMoneyTiyn, parseReadingMilli } from "@core/decimal";
import type { Rule } from "./composables/useFormErrors";

/*
 * Client-side checks. Number, money, reading and BIN rules are the server's own modules
 * (server/src/core), so the two sides cannot disagree. The password is only checked for
 * length here: the server also refuses common passwords (WEAK_PASSWORD).
 */

export const required: Rule = (value) => (value.trim() === "" ? "validation.required" : null);

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const email: Rule = (value) =>
  EMAIL_PATTERN.test(value.trim()) ? null : "validation.email";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** Length in code points, as the server counts: Kazakh and Russian letters count once. */
export const passwordLength: Rule = (value) => {
  const length = [...value].length;
  return length >= PASSWORD_MIN && length <= PASSWORD_MAX ? null : "validation.passwordLength";
};

export const sameAs =
  (other: () => string): Rule =>
  (value) =>
    value === other() ? null : "errors.PASSWORDS_DO_NOT_MATCH";

export const money: Rule = (value) => (parseMoneyTiyn(value) === null ? "validation.money" : null);

export const reading: Rule = (value) =>
  parseReadingMilli(value) === null ? "validation.reading" : null;

export const bin: Rule = (value) => (isValidBin(normalizeBin(value)) ? null : "errors.INVALID_BIN");

export const checked = (value: boolean): string | null =>
  value ? null : "errors.TERMS_NOT_ACCEPTED";
