import type { DueVerification, MailRequest, MailText } from "../mail-content";

type Reminder = Extract<MailRequest, { kind: "READING_REMINDER" }>;

/** One language's words for the reading reminder (e-mail and push); common to all three. */
export interface ReminderWords {
  months: readonly string[];
  subject: (month: string) => string;
  greeting: (firstName: string) => string;
  one: (month: string, accountNumber: string, meterSerial: string) => string;
  many: (month: string, count: number) => string;
  meterLabel: (accountNumber: string, meterSerial: string) => string;
  action: string;
  notes: (settingsUrl: string) => string[];
  /** A meter's verification date, due soon or passed; `date` is "DD.MM.YYYY". */
  verification: (meterSerial: string, date: string, overdue: boolean) => string;
  /** The push notification's text: one meter, or how many accounts miss a reading. */
  pushOne: (accountNumber: string, meterSerial: string) => string;
  pushMany: (accounts: number) => string;
}

/** "2027-03-12" → "12.03.2027", as the app shows dates. */
export const shownDate = (date: string): string => date.split("-").reverse().join(".");

/** "2026-12" → "декабрь 2026" in the words' language. */
export function monthOf(words: ReminderWords, period: string): string {
  const [year, month] = period.split("-").map(Number);
  return `${words.months[month - 1]} ${year}`;
}

/** The sentences about the listed meters whose verification is due (none when none is). */
export function verificationLines(
  words: ReminderWords,
  meters: Array<{ meterSerial: string; verification?: DueVerification | null }>,
): string[] {
  return meters.flatMap(({ meterSerial, verification }) =>
    verification
      ? [words.verification(meterSerial, shownDate(verification.due), verification.overdue)]
      : [],
  );
}

/** The reminder: one meter gets a button; a legal entity's many meters, one link each. */
export function reminderText(words: ReminderWords, request: Reminder): MailText {
  const monthName = monthOf(words, request.period);
  const greeting = words.greeting(request.firstName);
  const notes = words.notes(request.settingsUrl);
  const verifications = verificationLines(words, request.meters);
  if (request.meters.length === 1) {
    const [meter] = request.meters;
    return {
      subject: words.subject(monthName),
      greeting,
      paragraphs: [words.one(monthName, meter.accountNumber, meter.meterSerial), ...verifications],
      action: { label: words.action, url: meter.link },
      notes,
    };
  }
  return {
    subject: words.subject(monthName),
    greeting,
    paragraphs: [words.many(monthName, request.meters.length), ...verifications],
    links: request.meters.map((meter) => ({
      label: words.meterLabel(meter.accountNumber, meter.meterSerial),
      url: meter.link,
    })),
    notes,
  };
}
