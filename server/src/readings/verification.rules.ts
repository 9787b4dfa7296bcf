import { localDate } from "../core/almaty-time";
import { VerificationStatus } from "../core/enums";

/**
 * A meter's next verification date (поверка): a calendar date, "YYYY-MM-DD", in Almaty. The
 * meter is verified until the end of that day; readings of an overdue meter are still accepted
 * and only flagged (billing decides).
 */

/** How many days before the due date the app starts warning. */
export const VERIFICATION_WARNING_DAYS = 60;

const DAY_MS = 86_400_000;
const CALENDAR_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** Milliseconds of UTC midnight of a "YYYY-MM-DD" date that exists, or null. */
function dayMs(date: string): number | null {
  const match = CALENDAR_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  probe.setUTCFullYear(year);
  return probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day
    ? probe.getTime()
    : null;
}

/** "YYYY-MM-DD" of a date that exists (not 2027-02-30), or null. */
export const parseCalendarDate = (value: string): string | null =>
  dayMs(value) === null ? null : value;

/** Days from `from` to `to` (both "YYYY-MM-DD"): negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = dayMs(from);
  const b = dayMs(to);
  if (a === null || b === null) throw new RangeError(`Not a date: ${from} or ${to}`);
  return Math.round((b - a) / DAY_MS);
}

export interface Verification {
  due: string;
  status: VerificationStatus;
  /** Days from today (Almaty) to the due date: 0 on the day itself, negative once it passed. */
  daysLeft: number;
}

/** Where a meter with verification due on `due` stands at `now`. */
export function verificationOf(due: string, now: Date): Verification {
  const daysLeft = daysBetween(localDate(now), due);
  const status =
    daysLeft < 0
      ? VerificationStatus.OVERDUE
      : daysLeft <= VERIFICATION_WARNING_DAYS
        ? VerificationStatus.DUE_SOON
        : VerificationStatus.OK;
  return { due, status, daysLeft };
}

/** A reading taken (Almaty day) after its meter's verification date; false without a date. */
export const isTakenAfterVerificationDue = (takenAt: Date, due: string | null): boolean =>
  due !== null && localDate(takenAt) > due;

/** A raw DATE column: a Date at UTC midnight from mysql2, "YYYY-MM-DD" from SQLite; or null. */
export function calendarDayOf(value: unknown): string | null {
  if (value == null) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
