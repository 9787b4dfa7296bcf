import { computed } from "vue";
import { ALMATY_TIME_ZONE } from "@shared/almaty-time";
import { formatReadingMilli } from "@shared/decimal";
import {
  intlHasKazakhMonths,
  kazakhDate,
  kazakhMonthShort,
  kazakhMonthYear,
} from "../kazakh-dates";
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
  const readingFormat = computed(
    () =>
      new Intl.NumberFormat(numberTag.value, {
        minimumFractionDigits: 0,
        maximumFractionDigits: 3,
      }),
  );
  const moneyFormat = computed(
    () =>
      new Intl.NumberFormat(numberTag.value, {
        style: "currency",
        currency: "KZT",
        currencyDisplay: "narrowSymbol",
      }),
  );
  const dateFormat = computed(
    () => new Intl.DateTimeFormat(intlTag.value, { dateStyle: "long", timeZone: ALMATY_TIME_ZONE }),
  );
  const monthFormat = computed(
    () => new Intl.DateTimeFormat(intlTag.value, { month: "short", timeZone: "UTC" }),
  );
  const monthYearFormat = computed(
    () =>
      new Intl.DateTimeFormat(intlTag.value, { month: "long", year: "numeric", timeZone: "UTC" }),
  );

  return {
    /** "1234.567" → "1 234,567" (ru). */
    reading: (value: string) => readingFormat.value.format(exact(value)),
    readingMilli: (milli: bigint) => readingFormat.value.format(exact(formatReadingMilli(milli))),
    /** "12345.67" → "12 345,67 ₸" (ru). */
    money: (value: string) => moneyFormat.value.format(exact(value)),
    date: (iso: string) =>
      kazakhByHand.value ? kazakhDate(iso) : dateFormat.value.format(new Date(iso)),
    /** "2026-11" → "нояб." */
    monthShort: (period: string) =>
      kazakhByHand.value
        ? kazakhMonthShort(period)
        : monthFormat.value
            .format(new Date(`${period}-15T00:00:00Z`))
            .replace(".", "")
            .slice(0, 3),
    /** "2026-11" → "ноябрь 2026 г." */
    monthLong: (period: string) =>
      kazakhByHand.value
        ? kazakhMonthYear(period)
        : monthYearFormat.value.format(new Date(`${period}-15T00:00:00Z`)),
  };
}
