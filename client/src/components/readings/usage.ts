import { previousPeriod } from "@core/almaty-time";
import { parseReadingMilli } from "@core/decimal";

export interface ReadingPoint {
  value: string;
  takenAt: string;
  period: string;
}

export interface MonthUsage {
  period: string;
  /** Thousandths of m³ used in the month; null when the month has no reading to compare. */
  milli: bigint | null;
  /** Why `milli` is null: the month has no reading, or only the month before it lacks one. */
  missing?: "reading" | "previous";
}

/** The month's effective reading: its latest one (a correction replaces the first sending). */
function effectiveByPeriod(readings: readonly ReadingPoint[]): Map<string, bigint> {
  const latest = new Map<string, { at: number; milli: bigint }>();
  for (const reading of readings) {
    const milli = parseReadingMilli(reading.value);
    if (milli === null) continue;
    const at = Date.parse(reading.takenAt);
    const seen = latest.get(reading.period);
    if (!seen || at > seen.at) latest.set(reading.period, { at, milli });
  }
  return new Map([...latest].map(([period, { milli }]) => [period, milli]));
}

/** Usage of each of the `count` months ending with `lastPeriod`, oldest first, exactly. */
export function monthlyUsage(
  readings: readonly ReadingPoint[],
  lastPeriod: string,
  count = 12,
): MonthUsage[] {
  const effective = effectiveByPeriod(readings);
  const periods: string[] = [];
  let period = lastPeriod;
  for (let i = 0; i < count; i += 1) {
    periods.unshift(period);
    period = previousPeriod(period);
  }
  return periods.map((month) => {
    const current = effective.get(month);
    const before = effective.get(previousPeriod(month));
    const milli = current !== undefined && before !== undefined ? current - before : null;
    if (milli !== null && milli >= 0n) return { period: month, milli };
    return { period: month, milli: null, missing: current === undefined ? "reading" : "previous" };
  });
}

/** The usual month: the median of the known months (0 when none). */
export function typicalUsageMilli(months: readonly MonthUsage[]): bigint {
  const known = months
    .map((month) => month.milli)
    .filter((milli): milli is bigint => milli !== null && milli > 0n)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return known.length === 0 ? 0n : known[Math.floor(known.length / 2)];
}

/** A made-up key for one sending, kept across retries of that same sending. */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts (https, localhost).
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
