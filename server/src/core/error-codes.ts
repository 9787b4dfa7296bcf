/** The stable codes of the public contract (docs/api.md). Extend, never rename. */
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "VALIDATION_FAILED",
  "EMAIL_TAKEN",
  "PASSWORDS_DO_NOT_MATCH",
  "WEAK_PASSWORD",
  "TERMS_NOT_ACCEPTED",
  "INVALID_BIN",
  "BIN_NOT_FOUND",
  "INVALID_PHONE",
  "ACCOUNT_VERIFICATION_FAILED",
  "ACCOUNT_ALREADY_LINKED",
  "ACCOUNT_NOT_LINKED",
  "LEGAL_ENTITY_ACCOUNTS_FIXED",
  "METER_NOT_FOUND",
  "ACCOUNT_NOT_FOUND",
  "READING_BELOW_PREVIOUS",
  "MONTHLY_LIMIT_REACHED",
  "INVALID_CREDENTIALS",
  "INVALID_RESET_TOKEN",
  "INVALID_CONFIRMATION_TOKEN",
  "INVALID_LINK",
  "RATE_LIMITED",
  "CURSOR_OUT_OF_RANGE",
  "SERVICE_UNAVAILABLE",
  "OUTCOME_UNKNOWN",
  "PAYLOAD_TOO_LARGE",
  "IDEMPOTENCY_KEY_REUSED",
  "WEBHOOK_URL_REFUSED",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The server's own wording, in English; clients show their translations of the code. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "You need to log in.",
  FORBIDDEN: "You may not do this.",
  VALIDATION_FAILED: "A field has an invalid value.",
  EMAIL_TAKEN: "This e-mail address is already registered.",
  PASSWORDS_DO_NOT_MATCH: "The passwords do not match.",
  WEAK_PASSWORD: "The password is too short or too easy to guess.",
  TERMS_NOT_ACCEPTED: "The user agreement must be accepted.",
  INVALID_BIN: "The BIN is not valid.",
  BIN_NOT_FOUND: "The BIN was not found for this account; contact support@gazholding.kz.",
  INVALID_PHONE: "Enter a Kazakhstan mobile phone number.",
  ACCOUNT_VERIFICATION_FAILED: "The account number or the last payment amount is wrong.",
  ACCOUNT_ALREADY_LINKED: "This account is already in your list.",
  ACCOUNT_NOT_LINKED: "This account is not in your list.",
  LEGAL_ENTITY_ACCOUNTS_FIXED: "A legal entity's account list follows the registry.",
  METER_NOT_FOUND: "Meter not found.",
  ACCOUNT_NOT_FOUND: "No registry account has this number.",
  READING_BELOW_PREVIOUS: "The reading is below the previous reading.",
  MONTHLY_LIMIT_REACHED: "Readings for this meter were already sent twice this month.",
  INVALID_CREDENTIALS: "Wrong e-mail or password.",
  INVALID_RESET_TOKEN: "The password reset link is invalid or has expired.",
  INVALID_CONFIRMATION_TOKEN: "The confirmation link is invalid or has expired.",
  INVALID_LINK: "This reading link is invalid or has expired; log in to send the reading.",
  RATE_LIMITED: "Too many attempts; try again later.",
  CURSOR_OUT_OF_RANGE:
    "The cursor is past the end of the feed (was the database restored?); start again from an earlier cursor.",
  SERVICE_UNAVAILABLE: "The service is temporarily unavailable; try again.",
  OUTCOME_UNKNOWN:
    "The service could not tell in time whether this was carried out; send it again with the same idempotency key.",
  PAYLOAD_TOO_LARGE: "The request is too large; send fewer items per request.",
  IDEMPOTENCY_KEY_REUSED:
    "This idempotency key was already used for another reading; send a new reading with a new key.",
  WEBHOOK_URL_REFUSED: "The webhook URL is refused: it must use https and reach a public address.",
  INTERNAL: "Internal error.",
};

const CONTRACT_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

export function isContractCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && CONTRACT_CODES.has(code);
}
