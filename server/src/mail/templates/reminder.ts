import type { MailRequest, MailText } from "../mail-content";

type Reminder = Extract<MailRequest, { kind: "READING_REMINDER" }>;

/** One language's words for the reading reminder; the shape is common to all three. */
export interface ReminderWords {
  months: readonly string[];
  subject: (month: string) => string;
  greeting: (firstName: string) => string;
  one: (month: string, accountNumber: string, meterSerial: string) => string;
  many: (month: string, count: number) => string;
  meterLabel: (accountNumber: string, meterSerial: string) => string;
  action: string;
  notes: (settingsUrl: string) => string[];
}

/** The reminder: one meter gets a button; a legal entity's many meters, one link each. */
export function reminderText(words: ReminderWords, request: Reminder): MailText {
  const [year, month] = request.period.split("-").map(Number);
  const monthName = `${words.months[month - 1]} ${year}`;
  const greeting = words.greeting(request.firstName);
  const notes = words.notes(request.settingsUrl);
  if (request.meters.length === 1) {
    const [meter] = request.meters;
    return {
      subject: words.subject(monthName),
      greeting,
      paragraphs: [words.one(monthName, meter.accountNumber, meter.meterSerial)],
      action: { label: words.action, url: meter.link },
      notes,
    };
  }
  return {
    subject: words.subject(monthName),
    greeting,
    paragraphs: [words.many(monthName, request.meters.length)],
    links: request.meters.map((meter) => ({
      label: words.meterLabel(meter.accountNumber, meter.meterSerial),
      url: meter.link,
    })),
    notes,
  };
}
