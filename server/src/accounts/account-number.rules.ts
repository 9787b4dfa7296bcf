import { invalidField } from "../common/app-error";

/**
 * The one account-number rule: as printed on the bill, up to 32 letters, digits and dashes.
 * Used for people's input (below), the CSV registry import and the registry sync.
 */
const ACCOUNT_NUMBER = /^[0-9A-Za-z-]{1,32}$/;

export const isAccountNumber = (value: string): boolean => ACCOUNT_NUMBER.test(value);

/** People's input without the spaces typed between groups; not checked. */
export const stripAccountNumber = (input: string): string => input.replace(/[\s\u00A0\u202F]/g, "");

/** Account numbers are digit strings as printed on the bill; spaces typed between groups go. */
export function normalizeAccountNumber(input: string, field = "accountNumber"): string {
  const number = stripAccountNumber(input);
  if (!isAccountNumber(number)) throw invalidField(field, "Invalid account number.");
  return number;
}
