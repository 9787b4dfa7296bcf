import { periodEnd } from "../core/almaty-time";
import { formatReadingMilli } from "../core/decimal";
import type { ReadingEntity } from "./reading.entity";
import { type MeterMonth, submissionWindow } from "./reading.rules";

/** This month's sending window of a meter, as the app and partners see it. */
export interface WindowView {
  period: string;
  used: number;
  remaining: number;
  minimumValue: string;
  reopensAt: Date | null;
}

export function windowView(period: string, month: MeterMonth): WindowView {
  const state = submissionWindow(month);
  return {
    period,
    used: state.used,
    remaining: state.remaining,
    minimumValue: formatReadingMilli(state.minimum),
    reopensAt: state.remaining === 0 ? periodEnd(period) : null,
  };
}

/** The window of a meter from what the loaders hold: its latest reading, the month's sendings. */
export function windowOfLoaded(
  period: string,
  latest: ReadingEntity | null,
  sendings: ReadingEntity[],
): WindowView {
  return windowView(period, meterMonth(latest ?? undefined, sendings));
}

export function meterMonth(
  latest: ReadingEntity | undefined,
  sendings: ReadingEntity[],
): MeterMonth {
  return {
    latestValue: latest?.valueMilli ?? null,
    sendings: sendings.map((s) => ({ slot: s.slot ?? 0, previousValue: s.previousValueMilli })),
  };
}
