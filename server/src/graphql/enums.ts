import { registerEnumType } from "type-graphql";
import { PasswordResetTokenStatus } from "../recovery/reset-token-status";
import { Language, PersonType, ReadingSource, VerificationStatus } from "../core/enums";

registerEnumType(PersonType, {
  name: "PersonType",
  description: "Whether the subscriber is a person or a company.",
  valuesConfig: {
    INDIVIDUAL: { description: "An individual (физическое лицо)." },
    LEGAL_ENTITY: { description: "A legal entity (юридическое лицо), identified by its BIN." },
  },
});

registerEnumType(Language, {
  name: "Language",
  description: "The language of the app and of e-mails.",
  valuesConfig: {
    RU: { description: "Russian." },
    KK: { description: "Kazakh." },
    EN: { description: "English." },
  },
});

registerEnumType(VerificationStatus, {
  name: "VerificationStatus",
  description: "Where a meter stands against its next verification date (поверка).",
  valuesConfig: {
    OK: { description: "More than 60 days left." },
    DUE_SOON: { description: "60 days or fewer left (the due date itself included)." },
    OVERDUE: { description: "The due date has passed; readings are still accepted." },
  },
});

registerEnumType(ReadingSource, {
  name: "ReadingSource",
  description: "Who took a reading.",
  valuesConfig: {
    INSPECTOR: { description: "The utility's inspector." },
    SUBSCRIBER: { description: "The subscriber, in this app." },
    OPERATOR: { description: "An operator of the utility." },
    PARTNER: { description: "A partner channel (bank, payment app)." },
    REMINDER_LINK: { description: "The subscriber, through the one-tap link of a reminder." },
    ESTIMATE: { description: "An estimate by the billing system." },
  },
});

registerEnumType(PasswordResetTokenStatus, {
  name: "PasswordResetTokenStatus",
  description: "What a password reset link can still do.",
  valuesConfig: {
    VALID: { description: "Unused and unexpired: it can set a new password." },
    USED: { description: "Spent, or replaced by a newer link or a completed reset." },
    EXPIRED: { description: "Unused, but its 30 minutes are over." },
    INVALID: { description: "Not a reset token of this service (unknown or garbled)." },
  },
});
