import { computed } from "vue";
import { formatReadingMilli } from "@core/decimal";
import {
  intlHasKazakhMonths,
  kazakhDate,
  kazakhMonthShort,
  kazakhMonthYear,
} from "../kazakh-dates";
import { intlFormatter, type FormatKind } from "../intl-formatters";
import { displayPhone, numericDate, numericDay } from "../local-format";
import { useLocale } from "./useLocale";

/**
 * Intl.NumberFormat formats exact decimal strings (ES2023 "Intl.NumberFormat v3"), so readings
 * and money never go through Number; TypeScript's lib still types the argument as a number.
 */
const exact = (decimal: string) => decimal as unknown as number;

/** Numbers, money and dates in the current locale, through Intl, in Almaty time. */
export function useFormat() {
  const { intlTag, locale } = useLocale();
  /** Kazakh by hand when Intl has no Kazakh data (numbers then follow ru-KZ: the same marks). */
  const kazakhByHand = computed(() => locale.value === "kk" && !intlHasKazakhMonths());
  const numberTag = computed(() => (kazakhByHand.value ? "ru-KZ" : intlTag.value));
  const tags = computed(() => ({ words: intlTag.value, number: numberTag.value }));
  const use = <K extends FormatKind>(kind: K) => intlFormatter(kind, tags.value);
  return {
    /** "1234.567" → "1 234,567" (ru). */
    reading: (value: string) => use("reading").format(exact(value)),
    readingMilli: (milli: bigint) => use("reading").format(exact(formatReadingMilli(milli))),
    /** "12345.67" → "12 345,67 ₸" (ru). */
    money: (value: string) => use("money").format(exact(value)),
    /** The long form, for a sentence: "26 ноября 2026 г." */
    date: (iso: string) =>
      kazakhByHand.value ? kazakhDate(iso) : use("date").format(new Date(iso)),
    /** A day in a list or table: "26.11.2026" (ru, kk). */
    day: (iso: string) => numericDate(iso, locale.value),
    /** A calendar date ("2027-03-12", a `LocalDate`) the same way: "12.03.2027" (ru, kk). */
    calendarDay: (date: string) => numericDay(date, locale.value),
    /** "+77025551234" → "+7 702 555 12 34". */
    phone: displayPhone,
    /** "14:05" in Almaty time. */
    time: (iso: string) => use("time").format(new Date(iso)),
    /** "2026-11" → "нояб." */
    monthShort: (period: string) =>
      kazakhByHand.value
        ? kazakhMonthShort(period)
        : use("month")
            .format(new Date(`${period}-15T00:00:00Z`))
            .replace(".", "")
            .slice(0, 3),
    /** "2026-11" → "ноябрь 2026 г." */
    monthLong: (period: string) =>
      kazakhByHand.value
        ? kazakhMonthYear(period)
        : use("monthYear").format(new Date(`${period}-15T00:00:00Z`)),
  };
}
