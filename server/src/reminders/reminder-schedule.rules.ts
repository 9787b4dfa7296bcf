import { localDate, parseRegistryDate } from "../core/almaty-time";

/** "20,24" → [20, 24]; null when any part is not a day of the month 1..28. */
export function parseReminderDays(value: string): number[] | null {
  const parts = value.split(",").map((part) => part.trim());
  if (parts.length === 0 || parts.some((part) => !/^\d{1,2}$/.test(part))) return null;
  const days = parts.map(Number);
  // 29..31 are missing from some months: a reminder day must come every month.
  if (days.some((day) => day < 1 || day > 28)) return null;
  return [...new Set(days)].sort((a, b) => a - b);
}

/**
 * The Almaty date ("YYYY-MM-DD") whose reminders are due at `now`: a reminder day at or after
 * the reminder hour; null on other days and before the hour.
 */
export function dueReminderDay(now: Date, days: number[], hour: number): string | null {
  const date = localDate(now);
  if (!days.includes(Number(date.slice(8, 10)))) return null;
  const start = parseRegistryDate(`${date}T${String(hour).padStart(2, "0")}:00`);
  return start !== null && now >= start ? date : null;
}

/** The `mail_outbox.ref` of a user's reminder e-mail of a day, and back. */
export const reminderRef = (day: string, userId: number): string => `reminder:${day}:${userId}`;

export function parseReminderRef(ref: string): { day: string; userId: number } | null {
  const match = /^reminder:(\d{4}-\d{2}-\d{2}):([1-9]\d{0,9})$/.exec(ref);
  return match ? { day: match[1], userId: Number(match[2]) } : null;
}
