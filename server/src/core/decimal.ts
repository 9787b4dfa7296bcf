/**
 * Exact decimals: money in integer tiyn (scale 2), readings in integer thousandths of m³
 * (scale 3). Parsing never goes through `Number`, so no value is ever rounded.
 */

export const MONEY_SCALE = 2;
export const READING_SCALE = 3;

/** Integer digits allowed before the separator; keeps every value inside a BIGINT column. */
export const MAX_INTEGER_DIGITS = 12;

/**
 * Either plain digits, or groups of exactly three digits after a first group of one to three,
 * all joined by the same separator: a space, a no-break space or a narrow no-break space.
 */
const DECIMAL_PATTERN =
  /^([0-9]+|[0-9]{1,3}([ \u00A0\u202F])[0-9]{3}(?:\2[0-9]{3})*)(?:[.,]([0-9]+))?$/;

interface DecimalParts {
  integerDigits: string;
  fractionDigits: string;
}

function assertScale(scale: number): void {
  if (!Number.isSafeInteger(scale) || scale < 0 || scale > 18) {
    throw new RangeError(`Unsupported decimal scale: ${scale}`);
  }
}

function splitDecimal(input: string, maxScale: number): DecimalParts | null {
  const match = DECIMAL_PATTERN.exec(input.trim());
  if (!match) return null;
  const integerDigits = match[1].replace(/[^0-9]/g, "");
  const fractionDigits = match[3] ?? "";
  if (integerDigits.length > MAX_INTEGER_DIGITS || fractionDigits.length > maxScale) return null;
  return { integerDigits, fractionDigits };
}

/**
 * Parses a non-negative decimal such as `"12 345,67"` into integer units of 10^-scale
 * (1234567n at scale 2). Returns null for anything that is not exactly such a number:
 * signs, exponents, more decimals than `scale`, a separator without digits on both sides,
 * malformed digit groups, non-ASCII digits.
 */
export function parseDecimal(input: string, scale: number): bigint | null {
  assertScale(scale);
  const parts = splitDecimal(input, scale);
  if (!parts) return null;
  return BigInt(parts.integerDigits + parts.fractionDigits.padEnd(scale, "0"));
}

/** Formats integer units of 10^-scale canonically: `.` separator, no grouping, `scale` decimals. */
export function formatDecimal(units: bigint, scale: number): string {
  assertScale(scale);
  const sign = units < 0n ? "-" : "";
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, "0");
  if (scale === 0) return sign + digits;
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * The canonical spelling of a decimal typed with up to `maxScale` decimals, before the caller
 * knows its scale (the GraphQL `Decimal` scalar): grouping removed, `.` separator, leading zeros
 * of the integer part dropped. Decimals are kept as typed so that a later `parseDecimal` at a
 * smaller scale still refuses `"1.500"` as money.
 */
export function canonicalDecimal(input: string, maxScale: number = READING_SCALE): string | null {
  assertScale(maxScale);
  const parts = splitDecimal(input, maxScale);
  if (!parts) return null;
  const integer = parts.integerDigits.replace(/^0+(?=[0-9])/, "");
  return parts.fractionDigits ? `${integer}.${parts.fractionDigits}` : integer;
}

export const parseMoneyTiyn = (input: string): bigint | null => parseDecimal(input, MONEY_SCALE);
export const formatTiyn = (tiyn: bigint): string => formatDecimal(tiyn, MONEY_SCALE);

export const parseReadingMilli = (input: string): bigint | null =>
  parseDecimal(input, READING_SCALE);
export const formatReadingMilli = (milli: bigint): string => formatDecimal(milli, READING_SCALE);

/** Loosely a decimal: digits, group spaces, at most one separator (to word what is wrong). */
const LOOSE_DECIMAL = /^-?[0-9 \u00A0\u202F]*(?:[.,]([0-9]*))?$/;

/**
 * What is wrong with a decimal input at `maxScale` (for an error message: it never repeats the
 * value), or null when `canonicalDecimal` accepts it.
 */
export function decimalProblem(input: unknown, maxScale: number = READING_SCALE): string | null {
  if (typeof input !== "string")
    return 'is not a string (send decimals as strings, e.g. "1234.567")';
  if (canonicalDecimal(input, maxScale) !== null) return null;
  const text = input.trim();
  if (text === "") return "is empty";
  const loose = LOOSE_DECIMAL.exec(text);
  if (loose && text.startsWith("-")) return "is negative";
  if (loose && (loose[1] ?? "").length > maxScale) return `has more than ${maxScale} decimals`;
  const integerDigits = text.split(/[.,]/)[0].replace(/[^0-9]/g, "").length;
  if (loose && integerDigits > MAX_INTEGER_DIGITS) {
    return `is too large (at most ${MAX_INTEGER_DIGITS} digits before the decimal separator)`;
  }
  return (
    'is not a decimal number such as "1234.567" (digits, one "." or "," and optionally ' +
    "spaces between groups of three digits)"
  );
}
