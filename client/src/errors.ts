import type { ErrorCode } from "@core/error-codes";
import { ApiFailure, NETWORK_ERROR, toFailure } from "./apollo/failure";
import type en from "./locales/en.json";
import type kk from "./locales/kk.json";
import type ru from "./locales/ru.json";

/** A message about a failure that each of the three languages has (the compiler checks). */
type ErrorMessageKey =
  `errors.${keyof typeof ru.errors & keyof typeof kk.errors & keyof typeof en.errors}`;

/**
 * The one map from a server's `extensions.code` to the message key the app shows: every code of
 * the contract (the server's ErrorCode) has one, so a new code does not compile until it is said
 * in Russian, Kazakh and English.
 */
const MESSAGE_KEYS: Record<
  ErrorCode | "GRAPHQL_VALIDATION_FAILED" | typeof NETWORK_ERROR,
  ErrorMessageKey
> = {
  UNAUTHENTICATED: "errors.UNAUTHENTICATED",
  FORBIDDEN: "errors.FORBIDDEN",
  VALIDATION_FAILED: "errors.VALIDATION_FAILED",
  EMAIL_TAKEN: "errors.EMAIL_TAKEN",
  PASSWORDS_DO_NOT_MATCH: "errors.PASSWORDS_DO_NOT_MATCH",
  WEAK_PASSWORD: "errors.WEAK_PASSWORD",
  TERMS_NOT_ACCEPTED: "errors.TERMS_NOT_ACCEPTED",
  INVALID_BIN: "errors.INVALID_BIN",
  BIN_NOT_FOUND: "errors.BIN_NOT_FOUND",
  INVALID_PHONE: "errors.INVALID_PHONE",
  ACCOUNT_VERIFICATION_FAILED: "errors.ACCOUNT_VERIFICATION_FAILED",
  ACCOUNT_ALREADY_LINKED: "errors.ACCOUNT_ALREADY_LINKED",
  ACCOUNT_NOT_LINKED: "errors.ACCOUNT_NOT_LINKED",
  LEGAL_ENTITY_ACCOUNTS_FIXED: "errors.LEGAL_ENTITY_ACCOUNTS_FIXED",
  METER_NOT_FOUND: "errors.METER_NOT_FOUND",
  READING_BELOW_PREVIOUS: "errors.READING_BELOW_PREVIOUS",
  MONTHLY_LIMIT_REACHED: "errors.MONTHLY_LIMIT_REACHED",
  INVALID_CREDENTIALS: "errors.INVALID_CREDENTIALS",
  INVALID_RESET_TOKEN: "errors.INVALID_RESET_TOKEN",
  INVALID_CONFIRMATION_TOKEN: "errors.INVALID_CONFIRMATION_TOKEN",
  INVALID_LINK: "errors.INVALID_LINK",
  ACCOUNT_NOT_FOUND: "errors.ACCOUNT_NOT_FOUND",
  RATE_LIMITED: "errors.RATE_LIMITED",
  CURSOR_OUT_OF_RANGE: "errors.CURSOR_OUT_OF_RANGE",
  SERVICE_UNAVAILABLE: "errors.SERVICE_UNAVAILABLE",
  OUTCOME_UNKNOWN: "errors.OUTCOME_UNKNOWN",
  PAYLOAD_TOO_LARGE: "errors.PAYLOAD_TOO_LARGE",
  IDEMPOTENCY_KEY_REUSED: "errors.IDEMPOTENCY_KEY_REUSED",
  WEBHOOK_URL_REFUSED: "errors.WEBHOOK_URL_REFUSED",
  INTERNAL: "errors.INTERNAL",
  /** The server does not know the operation yet (a newer client, an older server). */
  GRAPHQL_VALIDATION_FAILED: "errors.NOT_AVAILABLE",
  [NETWORK_ERROR]: "errors.NETWORK",
};

export const messageKeyOf = (code: string): string =>
  (MESSAGE_KEYS as Record<string, ErrorMessageKey | undefined>)[code] ?? "errors.INTERNAL";

/** Parameters some messages need (minutes to wait, the minimum value, the support address). */
export function messageParamsOf(failure: ApiFailure): Record<string, unknown> {
  const retry = Number(failure.extensions.retryAfterSeconds);
  return {
    minutes: Number.isFinite(retry) && retry > 0 ? Math.ceil(retry / 60) : 1,
    minimum: failure.extensions.minimumValue ?? "",
    email: SUPPORT_EMAIL,
  };
}

export const SUPPORT_EMAIL = "support@gazholding.kz";

/**
 * The message for any failure: its key and parameters. A wrong account proof says how many tries
 * are left once the server tells (from the third failure on); a lock of an hour or more is said
 * in hours, with who can lift it.
 */
export function messageOf(error: unknown): { key: string; params: Record<string, unknown> } {
  const failure = toFailure(error);
  const params = messageParamsOf(failure);
  const remaining = failure.extensions.remainingAttempts;
  if (failure.code === "ACCOUNT_VERIFICATION_FAILED" && typeof remaining === "number") {
    return {
      key: "errors.ACCOUNT_VERIFICATION_FAILED_REMAINING",
      params: { ...params, n: remaining },
    };
  }
  const retry = Number(failure.extensions.retryAfterSeconds);
  if (failure.code === "RATE_LIMITED" && Number.isFinite(retry) && retry >= 3600) {
    return {
      key: "errors.RATE_LIMITED_HOURS",
      params: { ...params, hours: Math.ceil(retry / 3600) },
    };
  }
  return { key: messageKeyOf(failure.code), params };
}
