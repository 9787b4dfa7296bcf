export enum PersonType {
  INDIVIDUAL = "INDIVIDUAL",
  LEGAL_ENTITY = "LEGAL_ENTITY",
}

export enum Language {
  RU = "RU",
  KK = "KK",
  EN = "EN",
}

export enum ReadingSource {
  INSPECTOR = "INSPECTOR",
  SUBSCRIBER = "SUBSCRIBER",
  OPERATOR = "OPERATOR",
  PARTNER = "PARTNER",
  /** The subscriber's sending through the one-tap link of a reminder. */
  REMINDER_LINK = "REMINDER_LINK",
  ESTIMATE = "ESTIMATE",
}

export enum UserRole {
  SUBSCRIBER = "SUBSCRIBER",
  OPERATOR = "OPERATOR",
}

/** Where a meter stands against its next verification date (readings/verification.rules.ts). */
export enum VerificationStatus {
  OK = "OK",
  DUE_SOON = "DUE_SOON",
  OVERDUE = "OVERDUE",
}
