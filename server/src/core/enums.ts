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
  ESTIMATE = "ESTIMATE",
}

export enum UserRole {
  SUBSCRIBER = "SUBSCRIBER",
  OPERATOR = "OPERATOR",
}
