import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * Kazakhstan shares the country code +7 with Russia; libphonenumber tells them apart by the
 * number ranges (+7 7xx is Kazakhstan, +7 9xx Russia), which is why the parsed country is checked.
 */
const KZ_MOBILE_TYPES = new Set(["MOBILE", "FIXED_LINE_OR_MOBILE"]);

/** Digits with the separators people type: spaces, hyphens, dots, parentheses, a leading "+". */
const TYPED_PHONE_PATTERN = /^\+?[0-9 \u00A0().-]{7,30}$/;

/**
 * The E.164 form ("+77011234567") of a Kazakhstan mobile number typed as "8 701 123 45 67",
 * "+7 (701) 123-45-67", "87011234567", "77011234567" or "7011234567" (ten digits are read as a
 * national number); null for anything else: landlines, Russian and other foreign numbers,
 * extensions, text around the number, non-ASCII digits, wrong lengths.
 */
export function normalizeKzMobile(input: string): string | null {
  const typed = input.trim();
  if (!TYPED_PHONE_PATTERN.test(typed)) return null;
  const phone = parsePhoneNumberFromString(typed, "KZ");
  if (!phone || phone.ext || phone.country !== "KZ" || !phone.isValid()) return null;
  const type = phone.getType();
  return type !== undefined && KZ_MOBILE_TYPES.has(type) ? phone.number : null;
}
