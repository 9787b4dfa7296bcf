import type { Language } from "../core/enums";
import { VerificationStatus } from "../core/enums";
import type { DueVerification } from "../mail/mail-content";
import { TEMPLATES } from "../mail/mail-templates";
import { monthOf, verificationLines } from "../mail/templates/reminder";
import { readingsScreenUrl, type PushMessage } from "../push/push-subscription.rules";
import { verificationOf } from "../readings/verification.rules";

/** A meter a reminder names. */
export interface RemindedMeter {
  accountNumber: string;
  meterSerial: string;
  verification: DueVerification | null;
}

/** Verification sentences a push carries at most (a push is about 3 kB). */
const MAX_PUSH_VERIFICATIONS = 3;

/** The meter's verification date when a reminder should mention it: 60 days before, or passed. */
export function dueVerification(due: string | null, now: Date): DueVerification | null {
  if (due === null) return null;
  const { status } = verificationOf(due, now);
  return status === VerificationStatus.OK
    ? null
    : { due, overdue: status === VerificationStatus.OVERDUE };
}

/** The tag (and Topic) of a day's reminder push: a resent one replaces, not adds to, the first. */
export const reminderPushTag = (day: string): string => `reminder-${day}`;

/**
 * A subscriber's one push of a reminder day, in his language: one meter by name, else how many
 * accounts miss a reading (a legal entity's too); a tap opens that account's readings screen,
 * or the list of accounts when there are several.
 */
export function reminderPush(
  language: Language,
  day: string,
  meters: RemindedMeter[],
): PushMessage {
  const words = TEMPLATES[language].reminder;
  const accounts = [...new Set(meters.map((meter) => meter.accountNumber))];
  const head =
    meters.length === 1
      ? words.pushOne(meters[0].accountNumber, meters[0].meterSerial)
      : words.pushMany(accounts.length);
  const verifications = verificationLines(words, meters).slice(0, MAX_PUSH_VERIFICATIONS);
  return {
    title: words.subject(monthOf(words, day.slice(0, 7))),
    body: [head, ...verifications].join(" "),
    url: accounts.length === 1 ? readingsScreenUrl(accounts[0]) : "/accounts",
    tag: reminderPushTag(day),
  };
}
