import type { Logger } from "pino";
import type { Clock } from "../core/clock";
import type { ReminderConfig } from "./reminder-config";
import { dueReminderDay } from "./reminder-schedule.rules";
import type { RemindersService } from "./reminders.service";

export const REMINDER_CHECK_INTERVAL_MS = 60_000;

/**
 * Inside every replica: once a minute, if today (Almaty) is a reminder day past the hour and
 * its run is not finished, try to run it. The day's lease lets one replica work; the others
 * keep asking, and take over if its lease runs out (a crash). Every check also sends the day's
 * push reminders still due (retries, and those of a crashed sender).
 */
export class ReminderScheduler {
  private timer?: NodeJS.Timeout;
  private pass: Promise<unknown> = Promise.resolve();
  private readonly finished = new Set<string>();

  constructor(
    private readonly reminders: RemindersService,
    private readonly clock: Clock,
    private readonly config: ReminderConfig,
    private readonly log?: Logger,
  ) {}

  start(intervalMs = REMINDER_CHECK_INTERVAL_MS): void {
    if (this.timer || this.config.reminderDays.length === 0) return;
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
    this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.pass.catch(() => undefined);
  }

  /** One check (tests call it); never two at once in one process. */
  check(): Promise<unknown> {
    this.pass = this.pass.catch(() => undefined).then(() => this.checkOnce());
    return this.pass;
  }

  private tick(): void {
    this.check().catch((error: unknown) =>
      this.log?.warn({ err: (error as Error)?.message }, "reminder run failed"),
    );
  }

  private async checkOnce(): Promise<void> {
    const day = dueReminderDay(
      this.clock.now(),
      this.config.reminderDays,
      this.config.reminderHour,
    );
    if (day === null) return;
    if (!this.finished.has(day)) {
      const outcome = await this.reminders.runDay(day);
      if (outcome.ran || (await this.reminders.isFinished(day))) this.finished.add(day);
    }
    // Pushes not reached yet, or left claimed by a sender that crashed.
    await this.reminders.pushes.sendDue(day);
  }
}
