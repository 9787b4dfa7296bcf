/** The rows the baseline reads, and what its reads (reads.ts) and sending (sending.ts) share. */
import { GraphQLError } from "graphql";
import type { MeterMonth } from "../../server/src/readings/reading.rules";
import { formatReadingMilli } from "../../server/src/core/decimal";
import type { Sql } from "./database";

export interface ReadingRow {
  id: number;
  meter_id: number;
  value_milli: string | number;
  taken_at: string;
  period: string;
  source: string;
  slot: number | null;
  is_correction: number;
  previous_value_milli: string | number | null;
}
export interface MeterRow {
  id: number;
  account_id: number;
  serial_number: string;
}
export interface Viewer {
  id: number;
  email: string;
}

export const fail = (code: string) => new GraphQLError(code, { extensions: { code } });
export const toDate = (text: string) => new Date(text.replace(" ", "T") + "Z");
export const readingView = (r: ReadingRow) => ({
  id: String(r.id),
  value: formatReadingMilli(BigInt(r.value_milli)),
  takenAt: toDate(r.taken_at).toISOString(),
  source: r.source,
  period: r.period,
  isCorrection: Boolean(r.is_correction),
});
export const monthOf = (latest: ReadingRow | undefined, sendings: ReadingRow[]): MeterMonth => ({
  latestValue: latest ? BigInt(latest.value_milli) : null,
  sendings: sendings.map((s) => ({
    slot: s.slot ?? 0,
    previousValue: s.previous_value_milli == null ? null : BigInt(s.previous_value_milli),
  })),
});
export const inList = (ids: readonly number[]) => ids.map(() => "?").join(",");

/** One index seek per meter (estimates skipped: they never set the minimum), joined back. */
export async function latestOf(sql: Sql, meterIds: number[]): Promise<Map<number, ReadingRow>> {
  if (meterIds.length === 0) return new Map();
  const seeks = meterIds
    .map(
      (_, i) =>
        `SELECT id FROM (SELECT id FROM readings WHERE meter_id = ? AND source <> 'ESTIMATE' ` +
        `ORDER BY taken_at DESC, id DESC LIMIT 1) s${i}`,
    )
    .join(" UNION ALL ");
  const rows = await sql.all<ReadingRow>(
    `SELECT r.* FROM (${seeks}) latest JOIN readings r ON r.id = latest.id`,
    meterIds,
  );
  return new Map(rows.map((r) => [r.meter_id, r]));
}

export async function sendingsOf(sql: Sql, meterIds: number[], period: string) {
  const byMeter = new Map<number, ReadingRow[]>(meterIds.map((id) => [id, []]));
  if (meterIds.length === 0) return byMeter;
  const rows = await sql.all<ReadingRow>(
    `SELECT * FROM readings WHERE meter_id IN (${inList(meterIds)}) AND period = ?
       AND slot IS NOT NULL ORDER BY slot`,
    [...meterIds, period],
  );
  for (const row of rows) byMeter.get(row.meter_id)?.push(row);
  return byMeter;
}
