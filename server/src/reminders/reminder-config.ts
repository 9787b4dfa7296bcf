import type { ParseIntSetting } from "../config";
import { parseReminderDays } from "./reminder-schedule.rules";

export interface ReminderConfig {
  /** Days of the month (Almaty) on which reminders go out: REMINDER_DAYS, "20,24". */
  reminderDays: number[];
  /** The Almaty hour from which a reminder day's run starts: REMINDER_HOUR, 10. */
  reminderHour: number;
}

/** REMINDER_DAYS and REMINDER_HOUR, read with config.ts's parsers and its error class. */
export function reminderConfig(
  env: NodeJS.ProcessEnv,
  parseInt: ParseIntSetting,
  ConfigError: new (message: string) => Error,
): ReminderConfig {
  const raw = env.REMINDER_DAYS ?? "20,24";
  const days = raw.trim() === "" ? [] : parseReminderDays(raw);
  if (days === null) {
    throw new ConfigError(
      `REMINDER_DAYS must be days of the month 1 to 28 separated by commas (e.g. "20,24"), or ` +
        `empty for no reminders; got ${JSON.stringify(raw)}.`,
    );
  }
  return { reminderDays: days, reminderHour: parseInt(env, "REMINDER_HOUR", 10, 0, 23) };
}
