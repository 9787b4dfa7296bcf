import { isAccountNumber } from "../accounts/account-number.rules";
import { localDate, parseRegistryDate, periodOf } from "../core/almaty-time";
import { isValidBin } from "../core/bin";
import { parseMoneyTiyn, parseReadingMilli } from "../core/decimal";
import { ReadingSource } from "../core/enums";
import { daysBetween, parseCalendarDate } from "../readings/verification.rules";

/**
 * The checks and parsers of one registry row, and the fields a row of the registry is stored
 * with, shared by every write of registry data: the CSV import (`registry-import.service.ts`)
 * and the GraphQL sync (`registry-sync.service.ts`). Pure functions: each parser answers the
 * value or null; the callers word the refusal in their own terms (a CSV line and column, or a
 * sync item's field and error code).
 */

/** Longest text fields, in code points. */
export const MAX_LENGTH = { holderName: 200, address: 500, serialNumber: 64 } as const;

/** More than `max` code points (UTF-16 length ≥ code points: most values never need counting). */
export const isLongerThan = (value: string, max: number): boolean =>
  value.length > max && [...value].length > max;

/**
 * Characters no registry text may hold: C0 and C1 controls (line breaks and tabs too: every
 * registry text is one line) and the invisible bidirectional controls (marks, embeddings,
 * overrides, isolates), which can make a name or serial display as something it is not.
 */
const FORBIDDEN_CHARACTER =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** The first control or bidi-control character of `value`, as "U+XXXX", or null. */
export function forbiddenCharacter(value: string): string | null {
  const found = FORBIDDEN_CHARACTER.exec(value)?.[0];
  return found === undefined
    ? null
    : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** How far ahead of the server's clock a registry date may be (the sender's clock may run fast). */
export const FUTURE_SKEW_MS = 5 * 60_000;

/** A registry date (reading taken, payment made, meter installed) later than now allows. */
export const isInFuture = (instant: Date, now: Date): boolean =>
  instant.getTime() > now.getTime() + FUTURE_SKEW_MS;

/** A reading taken before its meter was installed. */
export const isBeforeInstallation = (takenAt: Date, installedAt: Date): boolean =>
  takenAt.getTime() < installedAt.getTime();

/** How far after now a verification date may be (meters are verified every few years). */
export const MAX_VERIFICATION_YEARS_AHEAD = 25;

/** A meter's next verification date, "YYYY-MM-DD" (readings/verification.rules.ts), or null. */
export const parseVerificationDue = (value: string): string | null => parseCalendarDate(value);

/** Why a verification date does not fit its meter (before installation, absurdly far), or null. */
export function verificationDueProblem(due: string, installedAt: Date, now: Date): string | null {
  const installed = localDate(installedAt);
  if (due < installed) return `is before the meter's installation (${installed})`;
  if (daysBetween(localDate(now), due) > MAX_VERIFICATION_YEARS_AHEAD * 366) {
    return `is more than ${MAX_VERIFICATION_YEARS_AHEAD} years ahead`;
  }
  return null;
}

/** An account number (see `accounts/account-number.rules.ts`), or null. */
export const parseAccountNumber = (value: string): string | null =>
  isAccountNumber(value) ? value : null;

/** A valid BIN, or null. */
export const parseBin = (value: string): string | null => (isValidBin(value) ? value : null);

/** An ISO 8601 instant; without an offset, Almaty wall-clock time. */
export const parseInstant = (value: string): Date | null => parseRegistryDate(value);

/** Tenge with at most 2 decimals, as integer tiyn. */
export const parseAmount = (value: string): bigint | null => parseMoneyTiyn(value);

/** m³ with at most 3 decimals, as integer thousandths. */
export const parseReadingValue = (value: string): bigint | null => parseReadingMilli(value);

const EXTERNAL_ID = /^[\x21-\x7e]{1,160}$/;

/** An integrator's id of a payment or reading: 1 to 160 visible ASCII characters. */
export const isExternalId = (value: string): boolean => EXTERNAL_ID.test(value);

/** The sources a registry CSV file may name. */
export const CSV_READING_SOURCES: ReadonlySet<string> = new Set(Object.values(ReadingSource));

/** The sources the sync records (subscribers' and partners' sendings come another way). */
export const REGISTRY_READING_SOURCES = [
  ReadingSource.INSPECTOR,
  ReadingSource.OPERATOR,
  ReadingSource.ESTIMATE,
] as const;

/** The same instant, or both absent. */
export const sameInstant = (a: Date | null, b: Date | null): boolean =>
  (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** A stored field's value equals the registry's (dates compared as instants). */
export const sameValue = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/**
 * Which of `fields` differ between a stored row and the registry's row. A field the registry
 * leaves out (undefined: an optional CSV column the file lacks, a sync field not given) keeps
 * its stored value.
 */
export const changedFields = <K extends PropertyKey>(
  stored: Readonly<Record<K, unknown>>,
  row: Readonly<Partial<Record<K, unknown>>>,
  fields: readonly K[],
): K[] =>
  fields.filter((field) => row[field] !== undefined && !sameValue(stored[field], row[field]));

// ---------------------------------------------------------------------------------------------
// The stored rows: what the registry sets, and the fields it may change later (the others are
// the row's natural key).

/** An account as the registry gives it (its number is the natural key). */
export interface RegistryAccount {
  number: string;
  holderName: string;
  address: string;
  ownerBin: string | null;
}

/** The fields the registry may change on a stored account. */
export const ACCOUNT_CHANGES = ["holderName", "address", "ownerBin"] as const;

/** A new account's fields. */
export const newAccountFields = (account: RegistryAccount, now: Date) => ({
  number: account.number,
  holderName: account.holderName,
  address: account.address,
  ownerBin: account.ownerBin,
  createdAt: now,
  updatedAt: now,
});

/** What an update of an account sets besides the changed fields. */
export const touchedAccountFields = (now: Date) => ({ updatedAt: now });

/** A meter as the registry gives it (its serial number is the natural key). */
export interface RegistryMeter {
  accountId: number;
  serialNumber: string;
  installedAt: Date;
  /** Undefined: not given (a stored meter keeps its date); null: no date. */
  verificationDue?: string | null;
}

/** The fields the registry may change on a stored meter. */
export const METER_CHANGES = ["accountId", "installedAt", "verificationDue"] as const;

/** A new meter's fields: in service (a replacement closes the old one later). */
export const newMeterFields = (meter: RegistryMeter) => ({
  accountId: meter.accountId,
  serialNumber: meter.serialNumber,
  installedAt: meter.installedAt,
  verificationDue: meter.verificationDue ?? null,
  removedAt: null,
});

/** What an update of a meter sets (a verification date left out keeps the stored one). */
export const meterUpdateFields = ({ accountId, installedAt, verificationDue }: RegistryMeter) => ({
  accountId,
  installedAt,
  ...(verificationDue === undefined ? {} : { verificationDue }),
});

/** A reading as the registry gives it, by its external id (the CSV import derives one). */
export interface RegistryReading {
  meterId: number;
  valueMilli: bigint;
  takenAt: Date;
  source: ReadingSource;
  externalId: string;
}

/**
 * A new registry reading's fields: its period is the Almaty month it was taken in, and it is no
 * subscriber's sending (no slot, correction, minimum, user, caller, idempotency key or feed
 * position), so it does not count against the monthly limit and is not in the feed.
 */
export const newReadingFields = (reading: RegistryReading, now: Date) => ({
  meterId: reading.meterId,
  valueMilli: reading.valueMilli,
  takenAt: reading.takenAt,
  period: periodOf(reading.takenAt),
  source: reading.source,
  externalId: reading.externalId,
  slot: null,
  isCorrection: false,
  previousValueMilli: null,
  submittedByUserId: null,
  caller: null,
  idempotencyKey: null,
  createdAt: now,
  feedSeq: null,
});
