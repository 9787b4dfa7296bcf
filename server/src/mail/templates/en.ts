import type { LanguageTemplates } from "../mail-content";
import { reminderText, type ReminderWords } from "./reminder";
import { SUPPORT_EMAIL } from "./support";

const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const REMINDER: ReminderWords = {
  months: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  subject: (month) => `Send your gas meter reading for ${month}`,
  greeting: (firstName) => `Hello ${firstName},`,
  one: (month, account, serial) =>
    `The reading of meter ${serial} (account ${account}) for ${month} has not been sent yet. ` +
    "Without it the bill is based on average use.",
  many: (month, count) =>
    `The readings of ${count} meters of your accounts for ${month} have not been sent yet. ` +
    "Without them the bill is based on average use.",
  meterLabel: (account, serial) => `Account ${account}, meter ${serial}`,
  action: "Send the reading",
  notes: (settingsUrl) => [
    "The link works until the end of the month and lets you only send this meter's reading.",
    `You can turn reminders off in the settings: ${settingsUrl}`,
  ],
  verification: (serial, date, overdue) =>
    overdue
      ? `The verification of meter ${serial} expired on ${date}: please book it (readings are still accepted).`
      : `Meter ${serial} is verified until ${date}: book its verification in time.`,
  pushOne: (account, serial) =>
    `The reading of meter ${serial} (account ${account}) for this month has not been sent yet.`,
  pushMany: (accounts) =>
    accounts === 1
      ? "This month's reading has not been sent for 1 account."
      : `This month's readings have not been sent for ${accounts} accounts.`,
};

export const en: LanguageTemplates = {
  EMAIL_CONFIRMATION: ({ firstName, link, validDays }) => ({
    subject: "Confirm your e-mail address",
    greeting: `Hello ${firstName},`,
    paragraphs: [
      "You have registered with the gas meter readings service. Please confirm that this " +
        "e-mail address is yours: if you ever forget your password, the link to reset it is " +
        "sent here.",
    ],
    action: { label: "Confirm the address", url: link },
    notes: [
      `The link is valid for ${unit(validDays, "day")}.`,
      "If you did not register, simply delete this e-mail.",
    ],
  }),

  PASSWORD_RESET: ({ firstName, link, validMinutes }) => ({
    subject: "Reset your password",
    greeting: `Hello ${firstName},`,
    paragraphs: [
      "We received a request to reset the password of your account. To choose a new " +
        "password, follow the link.",
    ],
    action: { label: "Choose a new password", url: link },
    notes: [
      `The link is valid for ${unit(validMinutes, "minute")} and works only once.`,
      "If you did not ask to reset your password, you need not do anything: your password " +
        "stays as it is. Never forward this link to anyone, support staff included.",
    ],
  }),

  PASSWORD_CHANGED: ({ firstName, how, loginUrl }) => ({
    subject: "Your password was changed",
    greeting: `Hello ${firstName},`,
    paragraphs: [
      how === "RESET"
        ? "The password of your account was reset with the link we e-mailed. You have been " +
          "logged out on all your devices: log in again with the new password."
        : "The password of your account was changed in the settings. You have been logged " +
          "out on your other devices.",
    ],
    action: { label: "Log in", url: loginUrl },
    notes: [
      'If this was not you, reset your password at once with "Forgot password?" on the ' +
        `login page and write to us: ${SUPPORT_EMAIL}.`,
    ],
  }),

  READING_REMINDER: (request) => reminderText(REMINDER, request),
  reminder: REMINDER,

  footer: [
    "Gas meter readings service",
    `Support: ${SUPPORT_EMAIL}`,
    "This e-mail was sent automatically; there is no need to reply.",
  ],
};
