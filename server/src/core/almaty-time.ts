/**
 * Calendar months ("periods") and local dates in Asia/Almaty, always through the ICU time zone
 * database: Almaty was UTC+6 until 2024-03-01 and UTC+5 since, and had summer time before 2005,
 * so no offset is ever written down here.
 */

export const ALMATY_TIME_ZONE = "Asia/Almaty";

/** A calendar month in Almaty time, "YYYY-MM". */
export type Period = string;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// Creating a DateTimeFormat loads ICU zone data; one instance serves every call. Made on first
// use: a browser that imports this module only for its periods never pays for it.
let almatyFormat: Intl.DateTimeFormat | null = null;
const almatyFormatter = () =>
  (almatyFormat ??= new Intl.DateTimeFormat("en-US", {
    timeZone: ALMATY_TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }));

interface LocalDateTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function assertValidInstant(instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Invalid Date");
}

const HOUR_MS = 3_600_000;
/** Almaty's offset by UTC hour: every transition since 1930 falls on a whole UTC hour. */
const offsetByHour = new Map<number, number>();

/** The local wall clock of an instant: ICU once per UTC hour, arithmetic after that. */
function almatyFields(instant: Date): LocalDateTime {
  const ms = instant.getTime();
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const wholeSecondMs = Math.floor(ms / 1000) * 1000;
    offset = wallClockMs(icuFields(new Date(wholeSecondMs))) - wholeSecondMs;
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  const local = new Date(ms + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

function icuFields(instant: Date): LocalDateTime {
  const fields: Record<string, number> = {};
  for (const part of almatyFormatter().formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year,
    month: fields.month,
    day: fields.day,
    hour: fields.hour % 24, // some ICU versions spell midnight "24" even with h23
    minute: fields.minute,
    second: fields.second,
  };
}

/** The local wall-clock time read as if it were UTC, in milliseconds. */
function wallClockMs(local: LocalDateTime, millisecond = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(local.year, local.month - 1, local.day);
  date.setUTCHours(local.hour, local.minute, local.second, millisecond);
  return date.getTime();
}

/** Almaty's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetMsAt(instantMs: number): number {
  const wholeSecondMs = Math.floor(instantMs / 1000) * 1000;
  return wallClockMs(almatyFields(new Date(wholeSecondMs))) - wholeSecondMs;
}

function sameWallClock(a: LocalDateTime, b: LocalDateTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    a.second === b.second
  );
}

/**
 * The instant at which Almaty's clocks show `local`. A wall-clock time that happened twice
 * (clocks set back, as on 2024-03-01) resolves to the earlier instant; one that never happened
 * (clocks set forward) to the instant the same length of time after the jump, like Temporal's
 * "compatible" disambiguation.
 */
function instantOfAlmatyTime(local: LocalDateTime, millisecond = 0): Date {
  const wallMs = wallClockMs(local, millisecond);
  const offsetBefore = offsetMsAt(wallMs - DAY_MS);
  const offsetAfter = offsetMsAt(wallMs + DAY_MS);
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter]
    .filter((ms) => sameWallClock(almatyFields(new Date(ms)), local))
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? wallMs - offsetBefore);
}

const pad2 = (n: number): string => String(n).padStart(2, "0");
const pad4 = (n: number): string => String(n).padStart(4, "0");

const PERIOD_PATTERN = /^([0-9]{4})-(0[1-9]|1[0-2])$/;
const MIN_PERIOD_YEAR = 2000;
const MAX_PERIOD_YEAR = 2100;

/** True for "YYYY-MM" with a month 01..12 and a year 2000..2100. */
export function isPeriod(s: string): boolean {
  const match = PERIOD_PATTERN.exec(s);
  if (!match) return false;
  const year = Number(match[1]);
  return year >= MIN_PERIOD_YEAR && year <= MAX_PERIOD_YEAR;
}

function parsePeriod(period: Period): { year: number; month: number } {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new RangeError(`Not a period (YYYY-MM): ${JSON.stringify(period)}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

const formatPeriod = (year: number, month: number): Period => `${pad4(year)}-${pad2(month)}`;

/** The Almaty calendar month an instant falls in. */
export function periodOf(instant: Date): Period {
  assertValidInstant(instant);
  const local = almatyFields(instant);
  return formatPeriod(local.year, local.month);
}

/** The instant of local midnight on the first day of the period. */
export function periodStart(period: Period): Date {
  const { year, month } = parsePeriod(period);
  return instantOfAlmatyTime({ year, month, day: 1, hour: 0, minute: 0, second: 0 });
}

export function nextPeriod(period: Period): Period {
  const { year, month } = parsePeriod(period);
  return month === 12 ? formatPeriod(year + 1, 1) : formatPeriod(year, month + 1);
}

export function previousPeriod(period: Period): Period {
  const { year, month } = parsePeriod(period);
  return month === 1 ? formatPeriod(year - 1, 12) : formatPeriod(year, month - 1);
}

/** The first instant after the period: the start of the next one. */
export function periodEnd(period: Period): Date {
  return periodStart(nextPeriod(period));
}

/** The Almaty calendar date of an instant, "YYYY-MM-DD". */
export function localDate(instant: Date): string {
  assertValidInstant(instant);
  const local = almatyFields(instant);
  return `${pad4(local.year)}-${pad2(local.month)}-${pad2(local.day)}`;
}

const REGISTRY_DATE_PATTERN =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/;

function isRealDateTime(t: LocalDateTime): boolean {
  const probe = new Date(wallClockMs(t));
  return (
    probe.getUTCFullYear() === t.year &&
    probe.getUTCMonth() === t.month - 1 &&
    probe.getUTCDate() === t.day &&
    t.hour <= 23 &&
    t.minute <= 59 &&
    t.second <= 59
  );
}

/** "+05:00" → offset in ms; null when out of the range real zones use. */
function parseOffsetMs(offset: string): number | null {
  if (offset === "Z") return 0;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (hours > 14 || minutes > 59) return null;
  return (offset[0] === "-" ? -1 : 1) * (hours * 60 + minutes) * MINUTE_MS;
}

/**
 * Reads a date from the registry: an ISO 8601 date-time with `Z` or an offset is that instant;
 * a date-time without offset (`YYYY-MM-DDTHH:mm[:ss[.fff]]`) is that wall-clock time in Almaty;
 * a bare date (`YYYY-MM-DD`) is local midnight of that day. Anything else, or a date that does
 * not exist (2026-02-30, 24:00), is null.
 */
export function parseRegistryDate(s: string): Date | null {
  const match = REGISTRY_DATE_PATTERN.exec(s);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const local: LocalDateTime = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
  };
  if (!isRealDateTime(local)) return null;
  const millisecond = fraction ? Number(fraction.slice(0, 3).padEnd(3, "0")) : 0;
  if (offset === undefined) return instantOfAlmatyTime(local, millisecond);
  const offsetMs = parseOffsetMs(offset);
  if (offsetMs === null) return null;
  return new Date(wallClockMs(local, millisecond) - offsetMs);
}
