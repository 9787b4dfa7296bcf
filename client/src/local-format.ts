import { localDate } from "@core/almaty-time";
import type { AppLocale } from "./i18n";

/*
 * Almaty's everyday forms, written by hand (no Intl data needed, so Debian's Chromium without
 * Kazakh ICU data prints the same): dates as on receipts, phones as people say them.
 */

/** A day in Almaty time as on a receipt: "20.11.2026" (ru, kk), "20/11/2026" (en-GB). */
export function numericDate(iso: string, locale: AppLocale): string {
  return numericDay(localDate(new Date(iso)), locale);
}

/** A calendar date ("2027-03-12", already a day: no time zone) as on a receipt: "12.03.2027". */
export function numericDay(date: string, locale: AppLocale): string {
  const [year, month, day] = date.split("-");
  return locale === "en" ? `${day}/${month}/${year}` : `${day}.${month}.${year}`;
}

/**
 * A stored Kazakhstan mobile number (E.164, "+77025551234") as it is shown:
 * "+7 702 555 12 34". Anything else is shown as it came.
 */
export function displayPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  const national =
    digits.length === 11 && /^[78]/.test(digits)
      ? digits.slice(1)
      : digits.length === 10
        ? digits
        : null;
  if (national === null || !/^\+?[\d\s()-]+$/.test(phone.trim())) return phone;
  return `+7 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6, 8)} ${national.slice(8)}`;
}
