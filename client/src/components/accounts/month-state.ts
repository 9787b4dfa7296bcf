import type { AccountCardFragment } from "../../gql/graphql";

/** Whether this month's reading is in, for an account card: per its active meters. */
export type MonthState =
  { kind: "notSent" } | { kind: "sent"; at: string } | { kind: "corrected"; at: string };

export function monthStateOf(account: AccountCardFragment): MonthState {
  const meters = account.meters.filter((meter) => !meter.removedAt);
  let latest: { at: string; corrected: boolean } | null = null;
  for (const meter of meters) {
    const last = meter.lastReading;
    const sent = last && meter.submission.used > 0 && last.period === meter.submission.period;
    if (!sent) return { kind: "notSent" };
    if (!latest || last.takenAt > latest.at)
      latest = { at: last.takenAt, corrected: last.isCorrection };
  }
  if (!latest) return { kind: "notSent" };
  return latest.corrected ? { kind: "corrected", at: latest.at } : { kind: "sent", at: latest.at };
}
