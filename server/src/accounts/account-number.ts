import { invalidField } from "../shared/errors";

/** Account numbers are digit strings as printed on the bill; spaces typed between groups go. */
export function normalizeAccountNumber(input: string, field = "accountNumber"): string {
  const number = input.replace(/[\s\u00A0\u202F]/g, "");
  if (!/^[0-9A-Za-z-]{1,32}$/.test(number)) throw invalidField(field, "Invalid account number.");
  return number;
}
