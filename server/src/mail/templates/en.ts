import type { LanguageTemplates } from "../mail-content";
import { SUPPORT_EMAIL } from "./support";

const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

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

  footer: [
    "Gas meter readings service",
    `Support: ${SUPPORT_EMAIL}`,
    "This e-mail was sent automatically; there is no need to reply.",
  ],
};
