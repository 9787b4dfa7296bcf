import { ReadingSource } from "../core/enums";

/**
 * The readings that set a meter's minimum (the value a sending and a registry reading may not be
 * below): actual readings of the meter. An ESTIMATE is the utility's guess while no one read the
 * meter; it is history only, so an estimate too high never locks a subscriber out.
 * `readings.queries.ts` follows the same list in SQL.
 */
export const MINIMUM_SOURCES: readonly ReadingSource[] = [
  ReadingSource.SUBSCRIBER,
  ReadingSource.PARTNER,
  ReadingSource.INSPECTOR,
  ReadingSource.OPERATOR,
];

/** How many sendings of one meter count in one calendar month; the second corrects the first. */
export const SENDINGS_PER_MONTH = 2;

/** What the rules need to know about a meter in the current month. */
export interface MeterMonth {
  /** The meter's latest actual reading (MINIMUM_SOURCES), or null for a meter with none. */
  latestValue: bigint | null;
  /** This month's counted sendings (subscriber or partner), in slot order. */
  sendings: ReadonlyArray<{ slot: number; previousValue: bigint | null }>;
}

export interface SubmissionWindowState {
  used: number;
  remaining: number;
  /** The lowest value the next sending may have. */
  minimum: bigint;
}

export type SendingDecision =
  | { kind: "accept"; slot: number; isCorrection: boolean; previousValue: bigint | null }
  | { kind: "refuse"; code: "MONTHLY_LIMIT_REACHED" }
  | { kind: "refuse"; code: "READING_BELOW_PREVIOUS"; minimum: bigint };

/**
 * The value a sending is compared with: the latest reading for the month's first sending; for
 * the correction, the reading before the sending it corrects (what the first was compared with).
 */
function baseline(month: MeterMonth): bigint | null {
  const first = month.sendings.find((s) => s.slot === 1) ?? month.sendings[0];
  return first ? first.previousValue : month.latestValue;
}

export function submissionWindow(month: MeterMonth): SubmissionWindowState {
  const used = Math.min(month.sendings.length, SENDINGS_PER_MONTH);
  return {
    used,
    remaining: SENDINGS_PER_MONTH - used,
    minimum: baseline(month) ?? 0n,
  };
}

export function decideSending(month: MeterMonth, value: bigint): SendingDecision {
  const window = submissionWindow(month);
  if (window.remaining === 0) return { kind: "refuse", code: "MONTHLY_LIMIT_REACHED" };
  if (value < window.minimum) {
    return { kind: "refuse", code: "READING_BELOW_PREVIOUS", minimum: window.minimum };
  }
  return {
    kind: "accept",
    slot: window.used + 1,
    isCorrection: window.used > 0,
    previousValue: baseline(month),
  };
}
