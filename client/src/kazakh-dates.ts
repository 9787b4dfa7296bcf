import { localDate } from "@core/almaty-time";
import { KAZAKH_MONTHS } from "@core/kazakh-months";

/*
 * Kazakh dates when the browser's ICU lacks Kazakh data: Debian's Chromium and others claim
 * "kk" but print "2026 M11 26". The forms follow CLDR's Kazakh patterns ("y 'ж'. d MMMM").
 */

let supported: boolean | null = null;

/** True when Intl spells Kazakh month names itself. */
export function intlHasKazakhMonths(): boolean {
  supported ??= /қараша/i.test(
    new Intl.DateTimeFormat("kk-KZ", { month: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(2026, 10, 15)),
    ),
  );
  return supported;
}

const parts = (isoDate: string) => isoDate.split("-").map(Number);

/** "2026 ж. 25 қараша" in Almaty time. */
export function kazakhDate(iso: string): string {
  const [year, month, day] = parts(localDate(new Date(iso)));
  return `${year} ж. ${day} ${KAZAKH_MONTHS[month - 1]}`;
}

/** "2026 ж. қараша" for a period "2026-11". */
export function kazakhMonthYear(period: string): string {
  const [year, month] = parts(period);
  return `${year} ж. ${KAZAKH_MONTHS[month - 1]}`;
}

/** "қар" for a period "2026-11" (chart labels). */
export function kazakhMonthShort(period: string): string {
  return KAZAKH_MONTHS[parts(period)[1] - 1].slice(0, 3);
}
