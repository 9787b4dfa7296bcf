import { isAccountNumber } from "../accounts/account-number.rules";
import { parseRegistryDate } from "../core/almaty-time";
import { isValidBin } from "../core/bin";
import { parseMoneyTiyn, parseReadingMilli } from "../core/decimal";
import { ReadingSource } from "../core/enums";

/**
 * The checks and parsers of one registry row, shared by every write of registry data: the CSV
 * import (`registry-import.service.ts`) and the GraphQL sync (`registry-sync.service.ts`). Pure functions: each
 * parser answers the value or null; the callers word the refusal in their own terms (a CSV line
 * and column, or a sync item's field and error code).
 */

/** Longest text fields, in code points. */
export const MAX_LENGTH = { holderName: 200, address: 500, serialNumber: 64 } as const;

/** More than `max` code points (UTF-16 length ≥ code points: most values never need counting). */
export const isLongerThan = (value: string, max: number): boolean =>
  value.length > max && [...value].length > max;

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
